import { defineCheck } from '../../check.ts';
import { panelPromQL } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/job-instance-matchers',
    description: 'When a dashboard has job and instance variables, every panel selector filters by them',
    severity: 'warning',
    docs: `A query that ignores the dashboard's \`$job\` or \`$instance\` shows every job's series whatever is
selected at the top, which reads as the selected service's data. Every vector selector of a panel query
must have a matcher on \`job\` (and \`instance\`) whose value uses the variable, e.g.
\`{job=~"$job", instance=~"$instance"}\`. Only variables the dashboard defines are required.
(dashboard-linter: target-job-rule, target-instance-rule.)`,
    messages: {
      unfiltered: '{{subject}}: {{selector}} is not filtered by {{matchers}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const labels = ['job', 'instance'].filter((l) => view.variables.has(l));
      if (labels.length === 0) continue;
      for (const q of panelPromQL(view)) {
        const { offset, result } = q.promql;
        for (const sel of result.analysis?.selectors ?? []) {
          const missing = labels.filter(
            (label) =>
              !sel.matchers.some(
                (m) =>
                  m.name === label &&
                  q.variables.some(
                    (u) => u.name === label && u.start < offset + m.valueSpan.end && u.end > offset + m.valueSpan.start,
                  ),
              ),
          );
          if (missing.length === 0) continue;
          const what = sel.metric ?? 'a selector';
          ctx.report({
            messageId: 'unfiltered',
            data: { subject: q.subject, selector: what, matchers: missing.map((l) => `${l}=~"$${l}"`).join(' and ') },
            hint: `add ${missing.map((l) => `${l}=~"$${l}"`).join(', ')} to the selector so the dashboard's variables apply`,
            location: q.locate(offset + sel.start, offset + sel.end),
            subject: q.subject,
            on: q.on,
          });
          break;
        }
      }
    }
  },
});
