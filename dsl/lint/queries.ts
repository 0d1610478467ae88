/**
 * The expressions the expression checks look at, whatever defined them: rule expressions and
 * dashboard queries (with their Grafana variables), so every visitor check covers both.
 */
import type { Span, SourceLocation } from '../core/diagnostic.ts';
import type { CheckResult, VariableUse } from '../promql/index.ts';
import type { AlertRule, RecordingRule } from '../rules/index.ts';
import type { CheckedExpression } from './context.ts';
import { ruleSubject } from './context.ts';
import type { DashboardView } from './dashboard-view.ts';

/** A definition that carries suppressions (a rule, a panel with its row's and dashboard's). */
export interface Suppressible {
  readonly suppress?: readonly { readonly check: string; readonly reason: string }[];
}

/** What defined a query: an alerting or recording rule, or a dashboard's panel, variable or annotation. */
export type QueryHost = 'alert' | 'record' | 'panel' | 'variable' | 'annotation';

export interface QueryEntry {
  readonly host: QueryHost;
  readonly text: string;
  readonly result: CheckResult;
  /** Where offset `offset` (to `end`) of `text` was written. */
  locate(offset: number, end?: number): SourceLocation | undefined;
  /** What the query belongs to, e.g. `alert "ApiDown"` or `panel "Latency"`. */
  readonly subject: string;
  /** The definition suppressions are read from. */
  readonly on?: Suppressible;
  /** Set when the query is an alerting rule's expression: the alert-only checks look at these. */
  readonly alert?: AlertRule;
  readonly record?: RecordingRule;
  /** Spans of substituted Grafana variables (`$__rate_interval`, `$job`); checks skip facts inside them. */
  readonly variables: readonly VariableUse[];
}

export function queryEntries(exprs: readonly CheckedExpression[], dashboards: readonly DashboardView[]): QueryEntry[] {
  const q: QueryEntry[] = exprs.map((e) => ({
    host: e.rule.kind === 'alert' ? 'alert' : 'record',
    text: e.text,
    result: e.result,
    // The expression's own function (an arrow): a wrapper per rule cost 100 bytes each.
    locate: e.locate,
    subject: ruleSubject(e.rule),
    on: e.rule,
    ...(e.rule.kind === 'alert' ? { alert: e.rule } : { record: e.rule }),
    variables: e.result.variables,
  }));
  // Dashboard queries (panels, variable queries, annotations) go through the same checks; their
  // PromQL may sit inside a longer text (`label_values(up, job)`), hence the offset.
  for (const view of dashboards) {
    for (const d of view.queries) {
      const p = d.promql;
      if (!p || d.language !== 'promql') continue;
      q.push({
        host: d.owner.kind,
        text: p.text,
        result: p.result,
        subject: d.subject,
        on: d.on,
        variables: p.result.variables,
        locate: (o: number, end?: number) => d.locate(p.offset + o, end === undefined ? undefined : p.offset + end),
      });
    }
  }
  return q;
}

/** Whether a span of the query text overlaps a substituted variable (its text is a placeholder). */
export function inVariable(q: QueryEntry, span: Span): boolean {
  return q.variables.some((v) => v.start < span.end && span.start < v.end);
}
