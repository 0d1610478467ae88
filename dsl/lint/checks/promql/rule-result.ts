import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';

export default defineCheck({
  meta: {
    id: 'promql/rule-result',
    description: 'A rule expression must return an instant vector or a scalar',
    severity: 'error',
    docs: `promtool accepts \`rate(x[5m])[10m:1m]\` or \`x[5m]\` as a rule expression, but Prometheus cannot
evaluate it as a rule: every evaluation fails with "rule result is not a vector or scalar", and the
rule never records or fires. Wrap range vectors in a function such as \`rate()\` or \`max_over_time()\`.`,
    messages: {
      result:
        '{{subject}} returns {{what}}; Prometheus can only evaluate rules that return an instant vector or a scalar',
    },
  },
  run(ctx) {
    for (const e of ctx.expressions()) {
      const t = e.result.type;
      if (!e.result.valid || t === 'vector' || t === 'scalar') continue;
      ctx.report({
        messageId: 'result',
        data: { subject: ruleSubject(e.rule), what: t === 'matrix' ? 'a range vector' : `a ${t}` },
        hint:
          t === 'matrix'
            ? 'apply a function over the range, e.g. rate(x[5m]) or max_over_time(x[5m])'
            : 'a rule must select series or compute a number',
        location: e.locate(0),
        subject: ruleSubject(e.rule),
        on: e.rule,
      });
    }
  },
});
