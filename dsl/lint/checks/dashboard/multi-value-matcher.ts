import { isMultiValue } from '../../../dashboard/variables.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/multi-value-matcher',
    description: 'Multi-value variables are matched with =~ or !~, not = or !=',
    severity: 'warning',
    docs: `With several values (or All) selected, Grafana expands \`$job\` to a regex like \`(api|web)\`. In
\`job="$job"\` that is compared as a literal string and matches nothing, so the panel goes empty exactly
when someone selects more than one value. Use \`job=~"$job"\` (or \`!~\`) for variables with \`multi\` or
\`includeAll\`.`,
    messages: {
      multiValue: '{{subject}}: {{label}}{{op}}"...${{variable}}..." compares a multi-value variable as one string',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const q of view.queries) {
        if (!q.promql?.result.analysis) continue;
        const { offset } = q.promql;
        for (const sel of q.promql.result.analysis.selectors) {
          for (const m of sel.matchers) {
            if (m.op !== '=' && m.op !== '!=') continue;
            const use = q.variables.find(
              (u) => u.start < offset + m.valueSpan.end && u.end > offset + m.valueSpan.start,
            );
            const v = use && view.variables.get(use.name);
            if (!use || !v || !isMultiValue(v)) continue;
            ctx.report({
              messageId: 'multiValue',
              data: { subject: q.subject, label: m.name, op: m.op, variable: use.name },
              hint: `use ${m.name}${m.op === '=' ? '=~' : '!~'}"$${use.name}"`,
              location: q.locate(offset + m.start, offset + m.end),
              subject: q.subject,
              on: q.on,
            });
          }
        }
      }
    }
  },
});
