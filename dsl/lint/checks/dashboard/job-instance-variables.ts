import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/job-instance-variables',
    description: 'Dashboards with Prometheus panels offer job and instance variables',
    severity: 'warning',
    docs: `Without \`job\` and \`instance\` variables a dashboard cannot be narrowed to one service or one
target, and every query aggregates over everything the data source has. \`standardVariables()\` adds both
(and a data source and an optional tenant label). Fleet-wide overview dashboards can suppress this.
(dashboard-linter: template-job-rule, template-instance-rule.)`,
    messages: {
      missing: '{{dashboard}} has no {{name}} variable',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      const hasPromQL = view.resolved.allPanels.some((p) => p.queries.some((q) => q.query.kind === 'prometheus-query'));
      if (!hasPromQL) continue;
      for (const name of ['job', 'instance']) {
        if (view.variables.has(name)) continue;
        ctx.report({
          messageId: 'missing',
          data: { dashboard: view.subject, name },
          hint: `add one (standardVariables() does), or suppress this check on an overview dashboard`,
          location: d.site,
          subject: view.subject,
          on: d,
        });
      }
    }
  },
});
