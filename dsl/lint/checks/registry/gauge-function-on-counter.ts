import { walk, type MatrixSelector } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { metricNameOfSelector } from '../../label-flow.ts';
import { queriesOf } from '../../queries.ts';
import { selectorJob } from '../../../promql/selector-job.ts';
import { registryOf } from '../../registry-view.ts';

const GAUGE_FUNCTIONS = new Set(['delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters', 'double_exponential_smoothing']);

export default defineCheck({
  meta: {
    id: 'registry/gauge-function-on-counter',
    description: '`delta`, `idelta`, `deriv`, `predict_linear` and `double_exponential_smoothing` are for gauges, not counters',
    severity: 'warning',
    docs: `These functions do not know about counter resets: when the process restarts, the counter drops to
zero and \`delta(errors_total[1h])\` or \`deriv(requests_total[5m])\` turns sharply negative. The
Prometheus documentation says they "should only be used with gauges". Use \`increase()\` or \`rate()\` on
counters (and \`predict_linear\` on a \`rate()\` subquery or a gauge).`,
  },
  run(ctx) {
    const reg = registryOf(ctx);
    if (!reg.active) return;
    for (const q of queriesOf(ctx)) {
      if (!q.result.expr) continue;
      walk(q.result.expr, (n) => {
        if (n.kind !== 'Call' || !GAUGE_FUNCTIONS.has(n.func) || n.args[0]?.kind !== 'MatrixSelector') return;
        const sel = (n.args[0] as MatrixSelector).selector;
        const metric = metricNameOfSelector(sel);
        if (metric === undefined || reg.typeOf(metric, selectorJob(sel)) !== 'counter') return;
        ctx.report({
          message: `${n.func}() on ${metric}, which is a counter (in ${q.subject})`,
          hint: n.func === 'delta' || n.func === 'idelta' ? 'use increase() for counters: it handles counter resets' : 'use rate() for counters: it handles counter resets',
          location: q.locate(n.nameSpan.start, n.nameSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
      });
    }
  },
});
