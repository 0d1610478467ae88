import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/panel-targets',
    description: 'Data panels have at least one query',
    severity: 'error',
    docs: `A graph, stat, gauge, table, heatmap or logs panel without queries shows "No data" forever; it is
usually a query that was deleted or never written. (dashboard-linter: panel-no-targets-rule.)`,
    messages: {
      noQueries: '{{subject}} has no queries',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        if (p.panel.type === 'text' || p.queries.length > 0) continue;
        ctx.report({
          messageId: 'noQueries',
          data: { subject: panelSubject(p) },
          hint: 'add a query, or remove the panel',
          location: p.panel.site,
          subject: panelSubject(p),
          on: view.suppressionsOf(p),
        });
      }
    }
  },
});
