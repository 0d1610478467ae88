/**
 * The expressions the expression checks look at, whatever defined them: rule expressions and
 * dashboard queries (with their Grafana variables), so every check built on `queriesOf` covers both.
 */
import type { Span, SourceLocation } from '../core/diagnostic.ts';
import type { CheckResult } from '../promql/index.ts';
import type { AlertRule, RecordingRule } from '../rules/index.ts';
import type { CheckContext, Report } from './check.ts';
import { ruleSubject } from './context.ts';

export interface QueryEntry {
  readonly text: string;
  readonly result: CheckResult;
  /** Where offset `offset` (to `end`) of `text` was written. */
  locate(offset: number, end?: number): SourceLocation | undefined;
  /** What the query belongs to, e.g. `alert "ApiDown"` or `panel "Latency"`. */
  readonly subject: string;
  /** The definition suppressions are read from. */
  readonly on?: Report['on'];
  /** Set when the query is an alerting rule's expression: the alert-only checks look at these. */
  readonly alert?: AlertRule;
  readonly record?: RecordingRule;
  /** Spans of substituted Grafana variables (`$__rate_interval`, `$job`); checks skip facts inside them. */
  readonly variables: readonly Span[];
}

// Keyed by an object of one run (a new one each build), so an entry lives as long as that run and
// no session needs to drop it; a WeakMap, so nothing keeps it once the run's results are let go.
const cache = new WeakMap<object, QueryEntry[]>();

export function queriesOf(ctx: CheckContext): readonly QueryEntry[] {
  const exprs = ctx.expressions();
  let q = cache.get(exprs);
  if (!q) {
    q = exprs.map((e) => ({
      text: e.text, result: e.result, locate: (o: number, end?: number) => e.locate(o, end), subject: ruleSubject(e.rule), on: e.rule,
      ...(e.rule.kind === 'alert' ? { alert: e.rule } : { record: e.rule }),
      variables: e.result.variables,
    }));
    // Dashboard queries (panels, variable queries, annotations) go through the same checks; their
    // PromQL may sit inside a longer text (`label_values(up, job)`), hence the offset.
    for (const view of ctx.dashboards()) {
      for (const d of view.queries) {
        const p = d.promql;
        if (!p || d.language !== 'promql') continue;
        q.push({
          text: p.text, result: p.result, subject: d.subject, on: d.on, variables: p.result.variables,
          locate: (o: number, end?: number) => d.locate(p.offset + o, end === undefined ? undefined : p.offset + end),
        });
      }
    }
    cache.set(exprs, q);
  }
  return q;
}

/** Whether a span of the query text overlaps a substituted variable (its text is a placeholder). */
export function inVariable(q: QueryEntry, span: Span): boolean {
  return q.variables.some((v) => v.start < span.end && span.start < v.end);
}
