import { walk } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { panelPromQL } from '../../dashboard-view.ts';

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

export default defineCheck({
  meta: {
    id: 'dashboard/rate-interval',
    description: 'rate(), irate() and increase() in panels use [$__rate_interval]',
    severity: 'warning',
    docs: `A fixed window (\`rate(x[5m])\`) is either too short for long time ranges (one sample per step: gaps)
or smooths away spikes on short ones; \`$__interval\` can be shorter than two scrapes and return nothing.
\`$__rate_interval\` is max(\`$__interval\` + scrape interval, 4 × scrape interval) and always works. A
range given by a dashboard variable (\`[$window]\`) is taken as deliberate, and so is \`[$__range]\` (one
value over the whole time range, as in stat panels). (dashboard-linter:
target-rate-interval-rule.)`,
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const q of panelPromQL(view)) {
        const { offset, result, text } = q.promql;
        if (!result.expr) continue;
        walk(result.expr, (n) => {
          if (n.kind !== 'Call' || !RATE_FUNCTIONS.has(n.func)) return;
          const arg = n.args[0];
          if (arg?.kind !== 'MatrixSelector') return;
          // The placeholder is a short duration padded with spaces, so the range span covers only its start.
          const inRange = q.variables.filter((u) => u.start < offset + arg.rangeSpan.end && u.end > offset + arg.rangeSpan.start);
          if (inRange.some((u) => u.name === '__rate_interval' || u.name === '__range' || !u.builtin)) return;
          const end = Math.max(arg.rangeSpan.end, ...inRange.map((u) => u.end - offset));
          const written = text.slice(arg.rangeSpan.start, end);
          ctx.report({
            message: `${q.subject}: ${n.func}() over [${written}]; use [$__rate_interval]`,
            hint: '$__rate_interval follows the panel step and is never shorter than four scrape intervals',
            location: q.locate(offset + arg.rangeSpan.start, offset + end), subject: q.subject, on: q.on,
          });
        });
      }
    }
  },
});
