import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/titles',
    description: 'Dashboards, rows and panels have titles',
    severity: 'error',
    docs: `An untitled dashboard cannot be found in search and cannot be provisioned; an untitled panel or row
gives readers nothing to go by and nothing to name in an incident channel. Text panels may be untitled
(they usually are their own heading). (dashboard-linter: panel-title-description-rule, the title half.)`,
    messages: {
      dashboard: 'a dashboard in {{module}} has an empty title',
      row: 'a row of {{dashboard}} has an empty title',
      panel: 'a {{type}} panel of {{dashboard}} has an empty title',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      if (d.title.trim() === '') {
        ctx.report({
          messageId: 'dashboard',
          data: { module: view.entry.module },
          hint: 'set title',
          location: d.site,
          subject: view.subject,
          on: d,
        });
      }
      for (const r of view.resolved.rows) {
        if (r.row.title.trim() !== '') continue;
        ctx.report({
          messageId: 'row',
          data: { dashboard: view.subject },
          hint: 'set title',
          location: r.row.site,
          subject: view.subject,
          on: { suppress: [...(r.row.suppress ?? []), ...(d.suppress ?? [])] },
        });
      }
      for (const p of view.resolved.allPanels) {
        if (p.panel.type === 'text' || p.panel.title.trim() !== '') continue;
        ctx.report({
          messageId: 'panel',
          data: { type: p.panel.type, dashboard: view.subject },
          hint: 'set title',
          location: p.panel.site,
          subject: panelSubject(p),
          on: view.suppressionsOf(p),
        });
      }
    }
  },
});
