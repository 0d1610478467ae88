/**
 * Alerting and recording rules and rule groups as authored values. Factories (`alert`, `record`,
 * `ruleGroup`) return frozen objects that remember where they were written; checks and emitters
 * read them, nothing mutates them.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Duration } from '../core/duration.ts';
import type { PromQL } from '../promql/template.ts';

export type Expression = string | PromQL;

/** Silences one lint check on one definition; the reason is mandatory and listed in the build summary. */
export interface Suppression {
  readonly check: string;
  readonly reason: string;
}

export interface AlertSpec {
  /** The alert name (`alert:` in the rule file). */
  readonly name: string;
  readonly expr: Expression;
  /** How long the condition must hold before the alert fires (`for:`). */
  readonly for?: Duration;
  /** How long the alert keeps firing after the condition cleared (`keep_firing_for:`, Prometheus 2.42+). */
  readonly keepFiringFor?: Duration;
  /** Labels added to the alert; values may use templates (`{{ $labels.job }}`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations (summary, description, runbook_url, ...); values are templates. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly suppress?: readonly Suppression[];
}

export interface RecordSpec {
  /** The recorded metric name (`record:`), e.g. `job:http_requests:rate5m`. */
  readonly name: string;
  readonly expr: Expression;
  readonly labels?: Readonly<Record<string, string>>;
  readonly suppress?: readonly Suppression[];
}

export interface AlertRule extends AlertSpec {
  readonly kind: 'alert';
  readonly site?: SourceLocation;
}

export interface RecordingRule extends RecordSpec {
  readonly kind: 'record';
  readonly site?: SourceLocation;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroupSpec {
  readonly name: string;
  /** Evaluation interval of the group (`interval:`). */
  readonly interval?: Duration;
  /** Maximum alerts/series a rule may produce; 0 means no limit (`limit:`). */
  readonly limit?: number;
  /** Evaluate at `now - queryOffset` (`query_offset:`, Prometheus 2.53+). */
  readonly queryOffset?: Duration;
  /** Labels added to every rule of the group (`labels:`, Prometheus 3.0+). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly rules: readonly Rule[];
  readonly suppress?: readonly Suppression[];
}

export interface RuleGroup extends RuleGroupSpec {
  readonly kind: 'rule-group';
  readonly site?: SourceLocation;
}
