import { type MatrixSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
const NOT_COUNTERS = new Set(['gauge', 'info', 'stateset']);

export default defineCheck({
  meta: {
    id: 'registry/rate-on-non-counter',
    description: '`rate`, `irate`, `increase` and `resets` only make sense on counters',
    severity: 'error',
    docs: `\`rate()\` and friends treat every decrease as a counter reset. On a gauge
(\`rate(node_memory_MemAvailable_bytes[5m])\`) each drop becomes a huge jump, and the result is
garbage. Reported when the registry (or the recording rule that writes the series) says the series is a
gauge, an info metric, a stateset or a summary's quantile. For how fast a gauge changes use \`deriv()\`
or \`delta()\`; for its level over time the \`*_over_time()\` functions. Series of unknown type are not
checked.`,
    messages: {
      notCounter: '{{func}}() on {{metric}}, which is {{what}} (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      Call(n, q) {
        if (!COUNTER_FUNCTIONS.has(n.func) || n.args[0]?.kind !== 'MatrixSelector') return;
        const sel = (n.args[0] as MatrixSelector).selector;
        const metric = metricNameOfSelector(sel);
        const type = metric !== undefined ? reg.typeOf(metric, selectorJob(sel)) : undefined;
        if (metric === undefined || type === undefined || !NOT_COUNTERS.has(type)) return;
        const what =
          reg.lookup(metric, selectorJob(sel))?.part === 'quantile'
            ? "a summary's quantile series (a gauge)"
            : reg.isRecorded(metric)
              ? `recorded by a rule as a ${type}`
              : `a ${type}`;
        q.report({
          messageId: 'notCounter',
          data: { func: n.func, metric, what },
          hint:
            n.func === 'resets'
              ? 'resets() counts decreases of counters; for a gauge use changes()'
              : `${n.func}() is for counters; for a gauge use deriv() or delta(), or avg_over_time()/max_over_time()`,
          span: n.nameSpan,
        });
      },
    };
  },
});
