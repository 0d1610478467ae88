/**
 * Alert unit tests authored next to the rules and run by the real `promtool test rules`.
 *
 *   export const apiTests = ruleTest({
 *     name: 'error burst pages',
 *     groups: [api],
 *     input: [{ metric: 'http_requests_total', labels: { job: 'api', code: '500' }, values: '0+60x30' }],
 *     alerts: [{ at: '20m', alertname: 'ApiErrors', expect: [{ labels: { job: 'api', severity: 'page' } }] }],
 *   });
 */
import { captureCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Duration } from '../core/duration.ts';
import type { Expression, RuleGroup } from './types.ts';

export interface InputSeries {
  /** Metric name (may be omitted when `series` is given). */
  readonly metric?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Or the whole series selector as promtool writes it: `up{job="api"}`. */
  readonly series?: string;
  /** promtool's expanding notation (`0+10x100`, `1x30 _x5 stale`), or explicit values (`null` = missing). */
  readonly values: string | readonly (number | null)[];
}

export interface ExpectedAlert {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface AlertExpectation {
  /** Evaluation time, from the start of the series (`eval_time:`). */
  readonly at: Duration;
  readonly alertname: string;
  /** Alerts firing at that time; `[]` asserts that none fires. */
  readonly expect: readonly ExpectedAlert[];
}

export interface ExprExpectation {
  readonly expr: Expression;
  readonly at: Duration;
  readonly expect: readonly { readonly labels?: string; readonly value: number }[];
}

export interface RuleTestSpec {
  readonly name: string;
  /** The groups under test; their module's rule file is loaded by promtool. */
  readonly groups: readonly RuleGroup[];
  /** Spacing of input samples (default 1m). */
  readonly interval?: Duration;
  /** Rule evaluation interval (default 1m). */
  readonly evaluationInterval?: Duration;
  readonly input: readonly InputSeries[];
  readonly alerts?: readonly AlertExpectation[];
  readonly exprs?: readonly ExprExpectation[];
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly externalUrl?: string;
}

export interface RuleTest extends RuleTestSpec {
  readonly kind: 'rule-test';
  readonly site?: SourceLocation;
}

export function ruleTest(spec: RuleTestSpec): RuleTest {
  const site = captureCallSite();
  return Object.freeze({ ...spec, kind: 'rule-test' as const, ...(site ? { site } : {}) });
}

export function isRuleTest(v: unknown): v is RuleTest {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'rule-test';
}
