import { defineCheck } from '../../check.ts';

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
    messages: {
      rateInterval: '{{subject}}: {{func}}() over [{{written}}]; use [$__rate_interval]',
    },
    hosts: ['panel'],
  },
  create() {
    return {
      Call(n, q) {
        if (!RATE_FUNCTIONS.has(n.func)) return;
        const arg = n.args[0];
        if (arg?.kind !== 'MatrixSelector') return;
        const { text, variables } = q.query;
        // The placeholder is a short duration padded with spaces, so the range span covers only its start.
        const inRange = variables.filter((u) => u.start < arg.rangeSpan.end && u.end > arg.rangeSpan.start);
        if (inRange.some((u) => u.name === '__rate_interval' || u.name === '__range' || !u.builtin)) return;
        const end = Math.max(arg.rangeSpan.end, ...inRange.map((u) => u.end));
        q.report({
          messageId: 'rateInterval',
          data: { func: n.func, written: text.slice(arg.rangeSpan.start, end) },
          hint: '$__rate_interval follows the panel step and is never shorter than four scrape intervals',
          span: { start: arg.rangeSpan.start, end },
        });
      },
    };
  },
});
