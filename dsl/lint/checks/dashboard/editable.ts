import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/editable',
    description: 'Dashboards built from code are not editable in Grafana',
    severity: 'warning',
    docs: `Edits made in the Grafana UI to a provisioned dashboard are lost at the next deploy (or, with
\`allowUiUpdates\`, silently drift from the code). Dashboards are emitted read-only unless they set
\`editable: true\`, which this reports. (dashboard-linter: uneditable-dashboard.)`,
    messages: {
      editable: '{{dashboard}} is editable: changes made in Grafana will be overwritten by the next build',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      if (d.editable !== true) continue;
      ctx.report({
        messageId: 'editable',
        data: { dashboard: view.subject },
        hint: 'remove editable: true and change the dashboard in code',
        location: d.site,
        subject: view.subject,
        on: d,
      });
    }
  },
});
