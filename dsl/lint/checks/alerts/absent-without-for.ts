import { parseDuration } from '../../../core/duration.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'alerts/absent-without-for',
    description: 'An alert on `absent()` needs a `for`',
    severity: 'warning',
    docs: `Right after Prometheus restarts, or while a target is being rescheduled, a series is briefly
missing, and \`absent(up{job="api"})\` fires at once. Give the alert a \`for\` of a few scrape intervals
(e.g. \`for: '5m'\`) so that only a lasting absence pages. Note also that \`absent()\` only carries the
labels of the selector's equality matchers, so write one \`absent()\` alert per job.`,
    messages: {
      absent:
        '{{subject}} uses {{func}}() without a for, so it fires on every brief gap (a Prometheus restart, a rescheduled target)',
    },
    hosts: ['alert'],
  },
  create() {
    return {
      query(q) {
        const a = q.query.alert;
        const forMs = a?.for !== undefined ? parseDuration(a.for) : undefined;
        return !(forMs?.ok && forMs.ms > 0);
      },
      Call(n, q) {
        if (n.func !== 'absent' && n.func !== 'absent_over_time') return;
        q.report({
          messageId: 'absent',
          data: { func: n.func },
          hint: "add for: '5m' (a few scrape intervals)",
          span: n.nameSpan,
        });
        return false;
      },
    };
  },
});
