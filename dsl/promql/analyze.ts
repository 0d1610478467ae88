/**
 * Facts about a parsed expression that later checks read instead of walking the AST again:
 * which metrics it reads, with which matchers, how it groups and joins, which functions it calls,
 * and its ranges and offsets.
 */
import type { Span } from '../core/diagnostic.ts';
import { walk, type Expr, type LabelMatcher, type VectorSelector } from './ast.ts';

export interface SelectorFact extends Span {
  /** The metric name, from `foo{...}` or `{__name__="foo"}`; undefined when it is a regex or absent. */
  readonly metric?: string;
  readonly matchers: readonly LabelMatcher[];
  /** Range in ms when the selector is a range selector (`foo[5m]`). */
  readonly rangeMs?: number;
  readonly offsetMs?: number;
  readonly node: VectorSelector;
}

export interface GroupingFact extends Span {
  readonly kind: 'by' | 'without' | 'on' | 'ignoring' | 'group_left' | 'group_right';
  readonly labels: readonly string[];
}

export interface RangeFact extends Span {
  readonly kind: 'range' | 'subquery' | 'offset';
  readonly ms: number;
}

export interface Analysis {
  /** Metric names read, sorted and unique. */
  readonly metrics: readonly string[];
  /** `{__name__=~"..."}` patterns that name metrics by regex. */
  readonly metricPatterns: readonly string[];
  readonly selectors: readonly SelectorFact[];
  readonly groupings: readonly GroupingFact[];
  /** Function and aggregation names used, sorted and unique. */
  readonly functions: readonly string[];
  readonly aggregations: readonly string[];
  readonly ranges: readonly RangeFact[];
}

export function metricNameOf(sel: VectorSelector): string | undefined {
  if (sel.name !== undefined) return sel.name;
  return sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
}

export function analyze(root: Expr): Analysis {
  const metrics = new Set<string>();
  const patterns = new Set<string>();
  const selectors: SelectorFact[] = [];
  const groupings: GroupingFact[] = [];
  const functions = new Set<string>();
  const aggregations = new Set<string>();
  const ranges: RangeFact[] = [];

  walk(root, (n) => {
    switch (n.kind) {
      case 'MatrixSelector':
      case 'VectorSelector': {
        const sel = n.kind === 'MatrixSelector' ? n.selector : n;
        const metric = metricNameOf(sel);
        if (metric !== undefined) metrics.add(metric);
        for (const m of sel.matchers) if (m.name === '__name__' && m.op === '=~') patterns.add(m.value);
        if (n.kind === 'MatrixSelector')
          ranges.push({ kind: 'range', ms: n.rangeMs, start: n.rangeSpan.start, end: n.rangeSpan.end });
        if (sel.offsetMs !== undefined && sel.offsetSpan)
          ranges.push({ kind: 'offset', ms: sel.offsetMs, ...sel.offsetSpan });
        selectors.push({
          metric,
          matchers: sel.matchers,
          rangeMs: n.kind === 'MatrixSelector' ? n.rangeMs : undefined,
          offsetMs: sel.offsetMs,
          node: sel,
          start: n.start,
          end: n.end,
        });
        return false;
      }
      case 'SubqueryExpr':
        ranges.push({ kind: 'subquery', ms: n.rangeMs, start: n.rangeSpan.start, end: n.rangeSpan.end });
        if (n.offsetMs !== undefined && n.offsetSpan) ranges.push({ kind: 'offset', ms: n.offsetMs, ...n.offsetSpan });
        break;
      case 'Call':
        functions.add(n.func);
        break;
      case 'AggregateExpr':
        aggregations.add(n.op);
        if (n.grouping)
          groupings.push({
            kind: n.grouping.without ? 'without' : 'by',
            labels: n.grouping.labels,
            ...n.grouping.span,
          });
        break;
      case 'BinaryExpr': {
        const m = n.matching;
        if (m.explicit)
          groupings.push({ kind: m.on ? 'on' : 'ignoring', labels: m.labels, start: n.start, end: n.end });
        if (m.card === 'many-to-one' || m.card === 'one-to-many') {
          groupings.push({
            kind: m.card === 'many-to-one' ? 'group_left' : 'group_right',
            labels: m.include,
            start: n.start,
            end: n.end,
          });
        }
        break;
      }
    }
    return true;
  });

  return {
    metrics: sorted(metrics),
    metricPatterns: sorted(patterns),
    selectors: selectors.length ? selectors : NONE,
    groupings: groupings.length ? groupings : NONE,
    functions: sorted(functions),
    aggregations: sorted(aggregations),
    ranges: ranges.length ? ranges : NONE,
  };
}

/** Every empty list of every analysis: one (a run keeps an analysis per rule, mostly of empty lists). */
const NONE: readonly never[] = Object.freeze([]);

const sorted = (s: ReadonlySet<string>): readonly string[] => (s.size ? [...s].sort() : NONE);
