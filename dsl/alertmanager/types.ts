/**
 * The Alertmanager configuration as typed values: route tree, receivers, inhibit rules, time
 * intervals and notification templates. Field names follow Alertmanager's YAML (in camelCase);
 * which fields exist depends on the target Alertmanager version (see versions.ts).
 */
import type { SourceLocation } from '../core/diagnostic.ts';

/** A Go duration as Alertmanager reads it: `30s`, `5m`, `4h`, `1d`. */
export type AmDuration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'}` | (string & {});

/**
 * A secret a receiver needs. Never a literal: either a file Alertmanager reads at start (`*_file`
 * fields) or a placeholder the deployment substitutes (`${NAME}`, e.g. with envsubst).
 */
export type Secret = SecretFile | SecretPlaceholder;

export interface SecretFile {
  readonly kind: 'secret-file';
  /** Path on the Alertmanager host (absolute, or relative to the config file). */
  readonly path: string;
  readonly site?: SourceLocation;
}

export interface SecretPlaceholder {
  readonly kind: 'secret-placeholder';
  /** Environment-style name: `SLACK_WEBHOOK_URL` is written as `${SLACK_WEBHOOK_URL}`. */
  readonly name: string;
  readonly site?: SourceLocation;
}

/** Silences one check on this definition, with the reason (as rules' `suppress`). */
export interface AmSuppression {
  readonly check: string;
  readonly reason: string;
}

/** Alertmanager's matcher syntax: `severity="page"`, `team=~"api|web"`, `env!="dev"`, `job!~"x.*"`. */
export type Matcher = string;

export interface HttpConfig {
  /** `Authorization: <type> <credentials>`; the credentials are a secret. */
  readonly authorization?: { readonly type?: string; readonly credentials: Secret };
  readonly basicAuth?: { readonly username: string; readonly password: Secret };
  readonly proxyUrl?: string;
  readonly tlsConfig?: {
    readonly caFile?: string;
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly serverName?: string;
    readonly insecureSkipVerify?: boolean;
  };
  readonly followRedirects?: boolean;
}

interface Notifier {
  readonly sendResolved?: boolean;
  readonly httpConfig?: HttpConfig;
}

export interface SlackConfig extends Notifier {
  /** The incoming-webhook URL (it embeds a token): a secret. Default: the global one. */
  readonly apiUrl?: Secret;
  readonly channel?: string;
  readonly username?: string;
  readonly color?: string;
  readonly title?: string;
  readonly titleLink?: string;
  readonly pretext?: string;
  readonly text?: string;
  readonly footer?: string;
  readonly iconEmoji?: string;
  readonly iconUrl?: string;
  readonly linkNames?: boolean;
  readonly shortFields?: boolean;
  readonly fallback?: string;
}

export interface EmailConfig extends Notifier {
  readonly to: string;
  readonly from?: string;
  readonly smarthost?: string;
  readonly hello?: string;
  readonly authUsername?: string;
  readonly authPassword?: Secret;
  readonly authIdentity?: string;
  readonly requireTls?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly html?: string;
  readonly text?: string;
}

export interface PagerdutyConfig extends Notifier {
  /** Events API v2 integration key. Exactly one of routingKey and serviceKey. */
  readonly routingKey?: Secret;
  /** Events API v1 (Prometheus integration) key. */
  readonly serviceKey?: Secret;
  readonly url?: string;
  readonly client?: string;
  readonly clientUrl?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly class?: string;
  readonly component?: string;
  readonly group?: string;
  readonly details?: Readonly<Record<string, string>>;
}

export interface WebhookConfig extends Notifier {
  /**
   * The endpoint. A plain URL without credentials; a URL that embeds a token is a secret
   * (`url_file` exists from Alertmanager 0.26; before that use a placeholder, or put the token in
   * `httpConfig.authorization`).
   */
  readonly url: string | Secret;
  readonly maxAlerts?: number;
}

export interface OpsgenieConfig extends Notifier {
  readonly apiKey?: Secret;
  readonly apiUrl?: string;
  readonly message?: string;
  readonly description?: string;
  readonly source?: string;
  readonly priority?: string;
  readonly tags?: string;
  readonly note?: string;
  readonly entity?: string;
  readonly actions?: string;
  readonly details?: Readonly<Record<string, string>>;
  readonly responders?: readonly {
    readonly type: 'team' | 'teams' | 'user' | 'escalation' | 'schedule';
    readonly id?: string;
    readonly name?: string;
    readonly username?: string;
  }[];
}

export interface MsteamsConfig extends Notifier {
  /** The incoming-webhook URL (a secret); Alertmanager 0.26+, `webhook_url_file` 0.27+. */
  readonly webhookUrl: Secret;
  readonly title?: string;
  readonly summary?: string;
  readonly text?: string;
}

export interface ReceiverSpec {
  readonly name: string;
  readonly slack?: readonly SlackConfig[];
  readonly email?: readonly EmailConfig[];
  readonly pagerduty?: readonly PagerdutyConfig[];
  readonly webhook?: readonly WebhookConfig[];
  readonly opsgenie?: readonly OpsgenieConfig[];
  readonly msteams?: readonly MsteamsConfig[];
}

export interface Receiver extends ReceiverSpec {
  readonly kind: 'am-receiver';
  readonly site?: SourceLocation;
}

export interface RouteSpec {
  /** Default: the parent's receiver (required on the root). */
  readonly receiver?: Receiver | string;
  readonly matchers?: readonly Matcher[];
  /** Labels to group by; `['...']` groups by all labels (no grouping). Default: the parent's. */
  readonly groupBy?: readonly string[];
  /** Keep matching the following sibling routes after this one matched. */
  readonly continue?: boolean;
  readonly groupWait?: AmDuration;
  readonly groupInterval?: AmDuration;
  readonly repeatInterval?: AmDuration;
  readonly muteTimeIntervals?: readonly (TimeInterval | string)[];
  /** Notify only within these intervals (Alertmanager 0.24+). */
  readonly activeTimeIntervals?: readonly (TimeInterval | string)[];
  readonly routes?: readonly Route[];
  readonly suppress?: readonly AmSuppression[];
}

export interface Route extends RouteSpec {
  readonly kind: 'am-route';
  readonly site?: SourceLocation;
}

export interface InhibitRuleSpec {
  /** Alerts matching these (all of them) mute the targets... */
  readonly sourceMatchers: readonly Matcher[];
  /** ...that match these... */
  readonly targetMatchers: readonly Matcher[];
  /** ...and have the same values for these labels (a label both lack counts as equal). */
  readonly equal?: readonly string[];
  readonly suppress?: readonly AmSuppression[];
}

export interface InhibitRule extends InhibitRuleSpec {
  readonly kind: 'am-inhibit-rule';
  readonly site?: SourceLocation;
}

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** One period of a time interval: every field given must hold (an absent field always holds). */
export interface TimePeriod {
  /** `HH:MM` ranges, end exclusive (`24:00` allowed). */
  readonly times?: readonly { readonly start: string; readonly end: string }[];
  /** `monday`, or ranges `monday:friday`. */
  readonly weekdays?: readonly (Weekday | `${Weekday}:${Weekday}`)[];
  /** `1`, `-1` (last day), ranges `1:5`. */
  readonly daysOfMonth?: readonly string[];
  /** `january`, `1:3`, `december`. */
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  /** IANA time zone (Alertmanager 0.25+); default UTC. */
  readonly location?: string;
}

export interface TimeIntervalSpec {
  readonly name: string;
  readonly periods: readonly TimePeriod[];
}

export interface TimeInterval extends TimeIntervalSpec {
  readonly kind: 'am-time-interval';
  readonly site?: SourceLocation;
}

/** A notification template file: Go templates with `{{ define "name" }}` blocks. */
export interface NotificationTemplateSpec {
  /** File name under out/alertmanager/templates/ (letters, digits, `.`, `_`, `-`; ends in `.tmpl`). */
  readonly name: string;
  readonly text: string;
}

export interface NotificationTemplate extends NotificationTemplateSpec {
  readonly kind: 'am-template';
  readonly site?: SourceLocation;
}

export interface GlobalConfig {
  readonly resolveTimeout?: AmDuration;
  readonly smtpFrom?: string;
  readonly smtpSmarthost?: string;
  readonly smtpHello?: string;
  readonly smtpAuthUsername?: string;
  readonly smtpAuthPassword?: Secret;
  readonly smtpAuthIdentity?: string;
  readonly smtpRequireTls?: boolean;
  readonly slackApiUrl?: Secret;
  readonly pagerdutyUrl?: string;
  readonly opsgenieApiUrl?: string;
  readonly opsgenieApiKey?: Secret;
  readonly httpConfig?: HttpConfig;
}

/** A routing test: an alert's labels and the receivers it must reach (in order). */
export interface RoutingTestSpec {
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly receivers: readonly string[];
  /** Other alerts firing at the same time: the test expects the alert inhibited when `receivers` is empty. */
  readonly firing?: readonly Readonly<Record<string, string>>[];
  /** Evaluate time intervals at this instant (ISO 8601): a route muted then delivers nothing. */
  readonly at?: string;
}

export interface RoutingTest extends RoutingTestSpec {
  readonly kind: 'am-routing-test';
  readonly site?: SourceLocation;
}

export interface AlertmanagerConfigSpec {
  readonly global?: GlobalConfig;
  readonly route: Route;
  readonly receivers: readonly Receiver[];
  readonly inhibitRules?: readonly InhibitRule[];
  readonly timeIntervals?: readonly TimeInterval[];
  readonly templates?: readonly NotificationTemplate[];
  readonly tests?: readonly RoutingTest[];
}

export interface AlertmanagerConfig extends AlertmanagerConfigSpec {
  readonly kind: 'alertmanager-config';
  readonly site?: SourceLocation;
}
