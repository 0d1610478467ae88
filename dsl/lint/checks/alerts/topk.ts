import { defineCheck } from '../../check.ts';

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
    messages: {
      selecting: '{{subject}} uses {{op}}(), whose selection of series changes between evaluations, so the alert flaps',
    },
    hosts: ['alert'],
  },
  create() {
    return {
      AggregateExpr(n, q) {
        if (!SELECTING.has(n.op)) return;
        q.report({
          messageId: 'selecting',
          data: { op: n.op },
          hint: 'alert on a threshold over all series instead; keep topk for dashboards',
          span: n.opSpan,
        });
      },
    };
  },
});
