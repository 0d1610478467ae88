import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/variable-refresh',
    description: 'Query variables reload their values when the time range changes',
    severity: 'warning',
    docs: `A query variable refreshed only on dashboard load keeps offering jobs and instances that have
gone, and misses new ones, until the page is reloaded. The default (\`refresh: 'time'\`) reloads on
every time range change; this reports \`refresh: 'load'\`. (dashboard-linter:
template-on-time-change-reload-rule.)`,
    messages: {
      onLoad: 'variable {{name}} of {{dashboard}} reloads its values only when the dashboard loads',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const v of view.entry.dashboard.variables ?? []) {
        if (v.type !== 'query' || v.refresh !== 'load') continue;
        ctx.report({
          messageId: 'onLoad',
          data: { name: JSON.stringify(v.name), dashboard: view.subject },
          hint: "remove refresh: 'load' (the default reloads on time range changes)",
          location: v.site,
          subject: `variable ${JSON.stringify(v.name)}`,
          on: view.suppressionsOf(),
        });
      }
    }
  },
});
