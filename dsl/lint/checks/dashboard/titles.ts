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
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      if (d.title.trim() === '') {
        ctx.report({ message: `a dashboard in ${view.entry.module} has an empty title`, hint: 'set title', location: d.site, subject: view.subject, on: d });
      }
      for (const r of view.resolved.rows) {
        if (r.row.title.trim() !== '') continue;
        ctx.report({ message: `a row of ${view.subject} has an empty title`, hint: 'set title', location: r.row.site, subject: view.subject, on: { suppress: [...(r.row.suppress ?? []), ...(d.suppress ?? [])] } });
      }
      for (const p of view.resolved.allPanels) {
        if (p.panel.type === 'text' || p.panel.title.trim() !== '') continue;
        ctx.report({ message: `a ${p.panel.type} panel of ${view.subject} has an empty title`, hint: 'set title', location: p.panel.site, subject: panelSubject(p), on: view.suppressionsOf(p) });
      }
    }
  },
});
