import { metricNameOf } from '../../../promql/analyze.ts';
import type { Expr } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

const COUNTER = /_(total|bucket|count|sum)$/;
/** Functions that turn a counter into something meaningful, or do not read its value at all. */
const SAFE_FUNCTIONS = new Set([
  'rate',
  'irate',
  'increase',
  'resets',
  'changes',
  'absent',
  'absent_over_time',
  'present_over_time',
  'count_over_time',
  'timestamp',
]);
/** Aggregations that count series and ignore their values. */
const SAFE_AGGREGATIONS = new Set(['count', 'group']);

function safe(parents: readonly Expr[]): boolean {
  return parents.some(
    (p) =>
      (p.kind === 'Call' && SAFE_FUNCTIONS.has(p.func)) || (p.kind === 'AggregateExpr' && SAFE_AGGREGATIONS.has(p.op)),
  );
}

export default defineCheck({
  meta: {
    id: 'dashboard/counter-rate',
    description: 'Counters (*_total, *_bucket, *_count, *_sum) are graphed through rate(), irate() or increase()',
    severity: 'warning',
    docs: `A counter's raw value only grows and drops to zero on restart: graphed or summed as is it shows
uptime, not traffic, and \`sum\` over instances jumps at every restart. Series named \`*_total\` and the
\`_bucket\`/\`_count\`/\`_sum\` series of histograms and summaries are taken as counters, unless a registry
(or the recording rule recording the series) says what it is: then its type decides (postgres_exporter's
\`pg_stat_activity_count\` is a gauge; a counter named without \`_total\` is still a counter). They must reach
the panel through \`rate\`, \`irate\` or \`increase\` (or a function that ignores values, like \`count\`,
\`changes\`, \`resets\`, \`absent\`). (dashboard-linter: target-counter-agg-rule.)`,
    messages: {
      counter: '{{subject}}: counter {{metric}} is used without rate(), irate() or increase()',
    },
    hosts: ['panel'],
  },
  create(ctx) {
    const reg = ctx.registry;
    // The registry's word over the name's: only a series it knows, with a type it is sure of.
    const isCounter = (metric: string, job: string | undefined): boolean => {
      const type = reg.active ? reg.typeOf(metric, job) : undefined;
      return type !== undefined && type !== 'unknown' ? type === 'counter' : COUNTER.test(metric);
    };
    return {
      VectorSelector(n, q) {
        const metric = metricNameOf(n);
        if (metric === undefined || !isCounter(metric, selectorJob(n)) || safe(q.parents)) return;
        q.report({
          messageId: 'counter',
          data: { metric },
          hint: `graph rate(${metric}[$__rate_interval]) (per second) or increase(...) (per window)`,
          node: n,
        });
      },
    };
  },
});
