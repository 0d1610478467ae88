import { walk } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { queriesOf } from '../../queries.ts';

const SELECTING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

export default defineCheck({
  meta: {
    id: 'alerts/topk',
    description: 'An alert must not select series with `topk`, `bottomk`, `limitk` or `limit_ratio`',
    severity: 'warning',
    docs: `Which series \`topk(3, ...)\` returns changes from one evaluation to the next as values overtake each
other, so an alert built on it resolves and fires again with different labels, and its \`for\` never
completes for the series that matter. Alert on a threshold over all series instead
(\`rate(x[5m]) > N\`), and use \`topk\` in dashboards.`,
  },
  run(ctx) {
    for (const q of queriesOf(ctx)) {
      if (!q.alert || !q.result.expr) continue;
      walk(q.result.expr, (n) => {
        if (n.kind !== 'AggregateExpr' || !SELECTING.has(n.op)) return;
        ctx.report({
          message: `${q.subject} uses ${n.op}(), whose selection of series changes between evaluations, so the alert flaps`,
          hint: 'alert on a threshold over all series instead; keep topk for dashboards',
          location: q.locate(n.opSpan.start, n.opSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
      });
    }
  },
});
