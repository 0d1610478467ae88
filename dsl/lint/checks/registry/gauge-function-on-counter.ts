import { type MatrixSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { selectorJob } from '../../../promql/selector-job.ts';

const GAUGE_FUNCTIONS = new Set([
  'delta',
  'idelta',
  'deriv',
  'predict_linear',
  'holt_winters',
  'double_exponential_smoothing',
]);

export default defineCheck({
  meta: {
    id: 'registry/gauge-function-on-counter',
    description:
      '`delta`, `idelta`, `deriv`, `predict_linear` and `double_exponential_smoothing` are for gauges, not counters',
    severity: 'warning',
    docs: `These functions do not know about counter resets: when the process restarts, the counter drops to
zero and \`delta(errors_total[1h])\` or \`deriv(requests_total[5m])\` turns sharply negative. The
Prometheus documentation says they "should only be used with gauges". Use \`increase()\` or \`rate()\` on
counters (and \`predict_linear\` on a \`rate()\` subquery or a gauge).`,
    messages: {
      onCounter: '{{func}}() on {{metric}}, which is a counter (in {{subject}})',
    },
    needs: ['registry'],
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      Call(n, q) {
        if (!GAUGE_FUNCTIONS.has(n.func) || n.args[0]?.kind !== 'MatrixSelector') return;
        const sel = (n.args[0] as MatrixSelector).selector;
        const metric = metricNameOfSelector(sel);
        if (metric === undefined || reg.typeOf(metric, selectorJob(sel)) !== 'counter') return;
        q.report({
          messageId: 'onCounter',
          data: { func: n.func, metric },
          hint:
            n.func === 'delta' || n.func === 'idelta'
              ? 'use increase() for counters: it handles counter resets'
              : 'use rate() for counters: it handles counter resets',
          span: n.nameSpan,
        });
      },
    };
  },
});
