/**
 * Grafana's Prometheus variable queries (`label_values(up{job=~"$job"}, instance)`, `query_result(...)`,
 * ...): rendered from `labelValues()`, and split so the PromQL inside can be checked and located.
 */
import { exprText } from '../promql/template.ts';
import type { LabelValues } from './types.ts';

export function renderLabelValues(q: LabelValues): string {
  const selector = q.selector === undefined ? '' : exprText(q.selector).trim();
  return selector ? `label_values(${selector}, ${q.label})` : `label_values(${q.label})`;
}

export interface VariableQueryParts {
  /** `label_values`, `label_names`, `metrics`, `query_result`, or `series` for a bare selector. */
  readonly fn: string;
  /** The PromQL inside, with its offset in the query text. */
  readonly promql?: { readonly text: string; readonly offset: number };
  readonly label?: string;
}

/** Index of the last comma outside quotes and brackets, or -1. */
function lastTopLevelComma(s: string): number {
  let depth = 0;
  let quote = '';
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) last = i;
  }
  return last;
}

function trimmedPart(text: string, start: number, end: number): { text: string; offset: number } {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: start + lead };
}

export function parseVariableQuery(text: string): VariableQueryParts {
  const m = /^\s*(label_values|label_names|metrics|query_result)\s*\(/.exec(text);
  const close = text.trimEnd().length - 1;
  if (!m || text[close] !== ')') {
    const part = trimmedPart(text, 0, text.length);
    return part.text ? { fn: 'series', promql: part } : { fn: 'series' };
  }
  const fn = m[1] ?? '';
  const open = m[0].length;
  const inner = text.slice(open, close);
  if (fn === 'metrics') return { fn };
  if (fn === 'query_result') return { fn, promql: trimmedPart(text, open, close) };
  if (fn === 'label_names') {
    const part = trimmedPart(text, open, close);
    return part.text ? { fn, promql: part } : { fn };
  }
  const comma = lastTopLevelComma(inner);
  // A single argument is a label name; anything else is a broken selector, checked as PromQL.
  if (comma < 0)
    return /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(inner)
      ? { fn, label: inner.trim() }
      : { fn, promql: trimmedPart(text, open, close) };
  return { fn, promql: trimmedPart(text, open, open + comma), label: inner.slice(comma + 1).trim() };
}
