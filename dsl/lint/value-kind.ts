/**
 * Whether an expression's values behave as a counter (only go up, reset on restart) or not: a
 * selector of a counter does, `rate()` of it does not, `sum()` of counters still does. Checks use
 * it for counters compared raw, and recording rules' outputs get their type from it.
 */
import { selectorJob } from '../promql/selector-job.ts';
import { recurse, type BinaryExpr, type Expr } from '../promql/index.ts';
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
  // A generator per node, run by `recurse`: 100,000 nested parentheses must not overflow the stack.
  return recurse(e, function* kind(n: Expr): Generator<Expr, MetricType, MetricType> {
    switch (n.kind) {
      case 'VectorSelector': {
        const name = metricNameOfSelector(n);
        return (name !== undefined ? typeOf(name, selectorJob(n)) : undefined) ?? 'unknown';
      }
      case 'MatrixSelector':
        return yield n.selector;
      case 'ParenExpr':
      case 'SubqueryExpr':
        return yield n.expr;
      case 'Call':
        if (PASS_THROUGH.has(n.func)) return n.args[0] ? yield n.args[0] : 'unknown';
        return 'gauge';
      case 'AggregateExpr':
        return KEEPS_KIND.has(n.op) ? yield n.expr : 'gauge';
      case 'BinaryExpr':
        return binaryKind(n, yield n.lhs, yield n.rhs);
      default:
        return 'unknown';
    }
  });
}

function binaryKind(e: BinaryExpr, l: MetricType, r: MetricType): MetricType {
  if (e.op === 'and' || e.op === 'unless') return l;
  if (e.op === 'or') return l === r ? l : 'unknown';
  if (['==', '!=', '>', '<', '>=', '<='].includes(e.op))
    return e.returnBool ? 'gauge' : e.lhs.kind === 'NumberLiteral' ? r : l;
  return 'unknown';
}
