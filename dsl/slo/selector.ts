/**
 * Plain vector selectors as SLIs take them (`http_requests_total{job="api", code=~"5.."}`): parsed
 * into metric name and matchers, so the rules can derive `_bucket`/`_count` series and add `le`, and
 * the generated tests can make up series that match.
 */
import { checkExpression, quoteString, type MatchOp } from '../promql/index.ts';
import type { Selector } from './types.ts';

export interface Matcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

export interface ParsedSelector {
  readonly metric: string;
  /** Matchers other than the metric name. */
  readonly matchers: readonly Matcher[];
}

export function selectorSource(s: Selector): string {
  return (typeof s === 'string' ? s : s.text).trim();
}

/** The selector, or why it is not a plain `metric{...}` selector. */
export function parseSelector(s: Selector): ParsedSelector | string {
  const text = selectorSource(s);
  const r = checkExpression(text);
  if (!r.valid || !r.expr)
    return `${JSON.stringify(text)} is not valid PromQL: ${r.errors[0]?.message ?? 'parse error'}`;
  const e = r.expr;
  if (e.kind !== 'VectorSelector')
    return `${JSON.stringify(text)} must be a plain vector selector such as metric{label="value"}`;
  if (e.offsetMs !== undefined || e.at !== undefined) return `${JSON.stringify(text)} must not use offset or @`;
  const metric = e.name ?? e.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
  if (metric === undefined) return `${JSON.stringify(text)} must name its metric`;
  return {
    metric,
    matchers: e.matchers.filter((m) => m.name !== '__name__').map(({ name, op, value }) => ({ name, op, value })),
  };
}

export function renderSelector(metric: string, matchers: readonly Matcher[]): string {
  if (matchers.length === 0) return metric;
  return `${metric}{${matchers.map((m) => `${m.name}${m.op}${quoteString(m.value)}`).join(', ')}}`;
}
