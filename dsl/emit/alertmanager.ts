/**
 * The Alertmanager configuration → out/alertmanager/alertmanager.yml (and its notification templates
 * under out/alertmanager/templates/). Keys in Alertmanager's order and words; secrets become `*_file`
 * paths or `${NAME}` placeholders, never values. The target version decides between the forms of a
 * field (the checks reject a field the version lacks before anything is emitted).
 */
import { stableYaml, sortedRecord } from '../core/stable-yaml.ts';
import {
  formatMatcher,
  hasField,
  intervalName,
  isSecret,
  parseMatcher,
  receiverName,
  type AlertmanagerConfig,
  type HttpConfig,
  type Receiver,
  type Route,
  type Secret,
  type TimeInterval,
  type TimePeriod,
} from '../alertmanager/index.ts';
import type { AlertmanagerEntry } from '../collect/project.ts';
import { safeOutPath, type Artifact } from './artifact.ts';

type Yaml = Record<string, unknown>;

export const ALERTMANAGER_FILE = 'alertmanager/alertmanager.yml';

export function templateFilePath(name: string): string {
  return safeOutPath('alertmanager', 'templates', name);
}

/** Sets `key` (or `key_file`) for a secret: a file path, or the placeholder text. */
function putSecret(out: Yaml, key: string, s: Secret | undefined): void {
  if (!s) return;
  if (s.kind === 'secret-file') out[`${key}_file`] = s.path;
  else out[key] = `\${${s.name}}`;
}

function put(out: Yaml, key: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const r = sortedRecord(v as Record<string, unknown>);
    if (r && Object.keys(r).length) out[key] = r;
    return;
  }
  out[key] = v;
}

function httpConfigYaml(h: HttpConfig | undefined): Yaml | undefined {
  if (!h) return undefined;
  const out: Yaml = {};
  if (h.authorization) {
    const a: Yaml = {};
    put(a, 'type', h.authorization.type);
    putSecret(a, 'credentials', h.authorization.credentials);
    out.authorization = a;
  }
  if (h.basicAuth) {
    const b: Yaml = { username: h.basicAuth.username };
    putSecret(b, 'password', h.basicAuth.password);
    out.basic_auth = b;
  }
  put(out, 'proxy_url', h.proxyUrl);
  if (h.tlsConfig) {
    const t: Yaml = {};
    put(t, 'ca_file', h.tlsConfig.caFile);
    put(t, 'cert_file', h.tlsConfig.certFile);
    put(t, 'key_file', h.tlsConfig.keyFile);
    put(t, 'server_name', h.tlsConfig.serverName);
    put(t, 'insecure_skip_verify', h.tlsConfig.insecureSkipVerify);
    out.tls_config = t;
  }
  put(out, 'follow_redirects', h.followRedirects);
  return out;
}

/** Fields of a notifier in the given order: [yaml key, value]; secrets by their `secret:` marker. */
function notifierYaml(
  fields: readonly (readonly [string, unknown])[],
  common: { sendResolved?: boolean; httpConfig?: HttpConfig },
): Yaml {
  const out: Yaml = {};
  put(out, 'send_resolved', common.sendResolved);
  for (const [k, v] of fields) {
    if (isSecret(v)) putSecret(out, k, v);
    else put(out, k, v);
  }
  put(out, 'http_config', httpConfigYaml(common.httpConfig));
  return out;
}

function receiverYaml(r: Receiver): Yaml {
  const out: Yaml = { name: r.name };
  if (r.email?.length)
    out.email_configs = r.email.map((c) =>
      notifierYaml(
        [
          ['to', c.to],
          ['from', c.from],
          ['smarthost', c.smarthost],
          ['hello', c.hello],
          ['auth_username', c.authUsername],
          ['auth_password', c.authPassword],
          ['auth_identity', c.authIdentity],
          ['require_tls', c.requireTls],
          ['headers', c.headers],
          ['html', c.html],
          ['text', c.text],
        ],
        c,
      ),
    );
  if (r.msteams?.length)
    out.msteams_configs = r.msteams.map((c) =>
      notifierYaml(
        [
          ['webhook_url', c.webhookUrl],
          ['title', c.title],
          ['summary', c.summary],
          ['text', c.text],
        ],
        c,
      ),
    );
  if (r.opsgenie?.length)
    out.opsgenie_configs = r.opsgenie.map((c) =>
      notifierYaml(
        [
          ['api_key', c.apiKey],
          ['api_url', c.apiUrl],
          ['message', c.message],
          ['description', c.description],
          ['source', c.source],
          ['details', c.details],
          ['responders', c.responders?.map((x) => ({ ...x }))],
          ['tags', c.tags],
          ['note', c.note],
          ['priority', c.priority],
          ['entity', c.entity],
          ['actions', c.actions],
        ],
        c,
      ),
    );
  if (r.pagerduty?.length)
    out.pagerduty_configs = r.pagerduty.map((c) =>
      notifierYaml(
        [
          ['routing_key', c.routingKey],
          ['service_key', c.serviceKey],
          ['url', c.url],
          ['client', c.client],
          ['client_url', c.clientUrl],
          ['description', c.description],
          ['details', c.details],
          ['severity', c.severity],
          ['class', c.class],
          ['component', c.component],
          ['group', c.group],
        ],
        c,
      ),
    );
  if (r.slack?.length)
    out.slack_configs = r.slack.map((c) =>
      notifierYaml(
        [
          ['api_url', c.apiUrl],
          ['channel', c.channel],
          ['username', c.username],
          ['color', c.color],
          ['title', c.title],
          ['title_link', c.titleLink],
          ['pretext', c.pretext],
          ['text', c.text],
          ['footer', c.footer],
          ['fallback', c.fallback],
          ['icon_emoji', c.iconEmoji],
          ['icon_url', c.iconUrl],
          ['link_names', c.linkNames],
          ['short_fields', c.shortFields],
        ],
        c,
      ),
    );
  if (r.webhook?.length)
    out.webhook_configs = r.webhook.map((c) =>
      notifierYaml(
        [
          ['url', c.url],
          ['max_alerts', c.maxAlerts],
        ],
        c,
      ),
    );
  return out;
}

function matchersYaml(ms: readonly string[]): string[] {
  return ms.map((m) => {
    const p = parseMatcher(m);
    return p.ok ? formatMatcher(p.matcher) : m;
  });
}

function routeYaml(r: Route, root: boolean): Yaml {
  const out: Yaml = {};
  put(out, 'receiver', receiverName(r.receiver));
  if (r.groupBy) out.group_by = [...r.groupBy];
  if (r.continue) out.continue = true;
  if (r.matchers?.length) out.matchers = matchersYaml(r.matchers);
  put(out, 'group_wait', r.groupWait);
  put(out, 'group_interval', r.groupInterval);
  put(out, 'repeat_interval', r.repeatInterval);
  if (!root && r.muteTimeIntervals?.length) out.mute_time_intervals = r.muteTimeIntervals.map(intervalName);
  if (!root && r.activeTimeIntervals?.length) out.active_time_intervals = r.activeTimeIntervals.map(intervalName);
  if (r.routes?.length) out.routes = r.routes.map((c) => routeYaml(c, false));
  return out;
}

function periodYaml(p: TimePeriod): Yaml {
  const out: Yaml = {};
  if (p.times?.length) out.times = p.times.map((t) => ({ start_time: t.start, end_time: t.end }));
  if (p.weekdays?.length) out.weekdays = [...p.weekdays];
  if (p.daysOfMonth?.length) out.days_of_month = [...p.daysOfMonth];
  if (p.months?.length) out.months = [...p.months];
  if (p.years?.length) out.years = [...p.years];
  put(out, 'location', p.location);
  return out;
}

function intervalYaml(t: TimeInterval): Yaml {
  return { name: t.name, time_intervals: t.periods.map(periodYaml) };
}

export function alertmanagerYaml(config: AlertmanagerConfig, version: string, module: string): string {
  const out: Yaml = {};
  const g = config.global;
  if (g) {
    const gy = notifierYaml(
      [
        ['resolve_timeout', g.resolveTimeout],
        ['smtp_from', g.smtpFrom],
        ['smtp_smarthost', g.smtpSmarthost],
        ['smtp_hello', g.smtpHello],
        ['smtp_auth_username', g.smtpAuthUsername],
        ['smtp_auth_password', g.smtpAuthPassword],
        ['smtp_auth_identity', g.smtpAuthIdentity],
        ['smtp_require_tls', g.smtpRequireTls],
        ['slack_api_url', g.slackApiUrl],
        ['pagerduty_url', g.pagerdutyUrl],
        ['opsgenie_api_url', g.opsgenieApiUrl],
        ['opsgenie_api_key', g.opsgenieApiKey],
      ],
      g,
    );
    if (Object.keys(gy).length) out.global = gy;
  }
  if (config.templates?.length)
    out.templates = config.templates.map((t) => templateFilePath(t.name).replace(/^alertmanager\//, ''));
  out.route = routeYaml(config.route, true);
  if (config.inhibitRules?.length) {
    out.inhibit_rules = config.inhibitRules.map((r) => {
      const y: Yaml = {
        source_matchers: matchersYaml(r.sourceMatchers),
        target_matchers: matchersYaml(r.targetMatchers),
      };
      if (r.equal?.length) y.equal = [...r.equal];
      return y;
    });
  }
  out.receivers = config.receivers.map(receiverYaml);
  if (config.timeIntervals?.length)
    out[hasField(version, 'time_intervals') ? 'time_intervals' : 'mute_time_intervals'] =
      config.timeIntervals.map(intervalYaml);
  return stableYaml(
    out,
    `Generated by obs-as-code from ${module} for Alertmanager ${version}. Do not edit: change the TypeScript and run npm run build:obs.\nSecrets are *_file paths on the Alertmanager host, or \${NAME} placeholders the deployment substitutes.`,
  );
}

export function emitAlertmanager(entry: AlertmanagerEntry | undefined, version: string): Artifact[] {
  if (!entry) return [];
  return [
    { path: ALERTMANAGER_FILE, content: alertmanagerYaml(entry.config, version, entry.module) },
    ...(entry.config.templates ?? []).map((t) => ({
      path: templateFilePath(t.name),
      content: t.text.endsWith('\n') ? t.text : `${t.text}\n`,
    })),
  ];
}
