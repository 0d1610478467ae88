/**
 * Whether an expression's values behave as a counter (only go up, reset on restart) or not: a
 * selector of a counter does, `rate()` of it does not, `sum()` of counters still does. Checks use
 * it for counters compared raw, and recording rules' outputs get their type from it.
 */
import { selectorJob } from '../promql/selector-job.ts';
import { foldBinary, type BinaryExpr, type Expr } from '../promql/index.ts';
import type { MetricType } from '../registry/index.ts';
import { metricNameOfSelector } from './label-flow.ts';

/** Functions whose result keeps the input's values as they are. */
const PASS_THROUGH = new Set([
  'label_replace',
  'label_join',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'last_over_time',
]);
/** Aggregations whose result is one of the inputs' values or a sum of them. */
const KEEPS_KIND = new Set(['sum', 'min', 'max', 'avg', 'topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio']);

/** `typeOf` is given the selector's `job="..."` too, for registries scoped by job. */
export function valueKind(e: Expr, typeOf: (metric: string, job?: string) => MetricType | undefined): MetricType {
  switch (e.kind) {
    case 'VectorSelector': {
      const n = metricNameOfSelector(e);
      return (n !== undefined ? typeOf(n, selectorJob(e)) : undefined) ?? 'unknown';
    }
    case 'MatrixSelector':
      return valueKind(e.selector, typeOf);
    case 'ParenExpr':
    case 'SubqueryExpr':
      return valueKind(e.expr, typeOf);
    case 'Call': {
      if (PASS_THROUGH.has(e.func)) return e.args[0] ? valueKind(e.args[0], typeOf) : 'unknown';
      return 'gauge';
    }
    case 'AggregateExpr':
      return KEEPS_KIND.has(e.op) ? valueKind(e.expr, typeOf) : 'gauge';
    // An operator chain is as deep as it is long (thousands of terms): it is folded without recursion.
    case 'BinaryExpr':
      return foldBinary(e, (o) => valueKind(o, typeOf), binaryKind);
    default:
      return 'unknown';
  }
}

function binaryKind(e: BinaryExpr, l: MetricType, r: MetricType): MetricType {
  if (e.op === 'and' || e.op === 'unless') return l;
  if (e.op === 'or') return l === r ? l : 'unknown';
  if (['==', '!=', '>', '<', '>=', '<='].includes(e.op))
    return e.returnBool ? 'gauge' : e.lhs.kind === 'NumberLiteral' ? r : l;
  return 'unknown';
}
