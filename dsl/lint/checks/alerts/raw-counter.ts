import { COMPARISON_OPS, type Expr } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { valueKind } from '../../value-kind.ts';

function describe(e: Expr): string {
  while (e.kind === 'ParenExpr') e = e.expr;
  if (e.kind === 'VectorSelector') return e.name ?? 'the selector';
  if (e.kind === 'AggregateExpr') return `${e.op}(...) of a counter`;
  return 'a counter';
}

export default defineCheck({
  meta: {
    id: 'alerts/raw-counter',
    description: "An alert must not compare a counter's raw value",
    severity: 'warning',
    docs: `A counter's value is the count since the process started: \`errors_total > 10\` fires after the
10th error ever and keeps firing until the process restarts, and then stops for no reason. Compare how
fast it grows instead: \`rate(errors_total[5m]) > 0.1\` or \`increase(errors_total[1h]) > 10\`. Reported
for comparisons in alert expressions whose one side is a counter (per the registry, or a recording
rule that records a counter unchanged) and the other is not.`,
    messages: {
      rawCounter: '{{subject}} compares the raw value of {{counter}}, which only grows until its process restarts',
    },
    needs: ['registry'],
    hosts: ['alert'],
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      BinaryExpr(n, q) {
        if (!COMPARISON_OPS.has(n.op)) return;
        const l = valueKind(n.lhs, reg.typeOf);
        const r = valueKind(n.rhs, reg.typeOf);
        if ((l === 'counter') === (r === 'counter')) return;
        const side = l === 'counter' ? n.lhs : n.rhs;
        q.report({
          messageId: 'rawCounter',
          data: { counter: describe(side) },
          hint: 'compare its rate instead, e.g. rate(x[5m]) > N or increase(x[1h]) > N',
          node: side,
        });
      },
    };
  },
});
