import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/descriptions',
    description: 'Panels have a description',
    severity: 'warning',
    docs: `The description is the (i) tooltip on the panel: what is measured, from which metric, and what a
bad value looks like. It is what a reader at 3am has instead of the author. Text panels are exempt.
(dashboard-linter: panel-title-description-rule, the description half.)`,
    messages: {
      noDescription: '{{subject}} has no description',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        if (p.panel.type === 'text' || (p.panel.description ?? '').trim() !== '') continue;
        ctx.report({
          messageId: 'noDescription',
          data: { subject: panelSubject(p) },
          hint: 'say what the panel measures and what a bad value looks like',
          location: p.panel.site,
          subject: panelSubject(p),
          on: view.suppressionsOf(p),
        });
      }
    }
  },
});
