import { parseDuration } from '../../../core/duration.ts';
import { walk } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { queriesOf } from '../../queries.ts';

export default defineCheck({
  meta: {
    id: 'alerts/absent-without-for',
    description: 'An alert on `absent()` needs a `for`',
    severity: 'warning',
    docs: `Right after Prometheus restarts, or while a target is being rescheduled, a series is briefly
missing, and \`absent(up{job="api"})\` fires at once. Give the alert a \`for\` of a few scrape intervals
(e.g. \`for: '5m'\`) so that only a lasting absence pages. Note also that \`absent()\` only carries the
labels of the selector's equality matchers, so write one \`absent()\` alert per job.`,
  },
  run(ctx) {
    for (const q of queriesOf(ctx)) {
      const a = q.alert;
      if (!a || !q.result.expr) continue;
      const forMs = a.for !== undefined ? parseDuration(a.for) : undefined;
      if (forMs?.ok && forMs.ms > 0) continue;
      walk(q.result.expr, (n) => {
        if (n.kind !== 'Call' || (n.func !== 'absent' && n.func !== 'absent_over_time')) return;
        ctx.report({
          message: `${q.subject} uses ${n.func}() without a for, so it fires on every brief gap (a Prometheus restart, a rescheduled target)`,
          hint: "add for: '5m' (a few scrape intervals)",
          location: q.locate(n.nameSpan.start, n.nameSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
        });
        return false;
      });
    }
  },
});
