import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/layout',
    description: 'Panels must fit the 24-column grid and explicit positions must not overlap',
    severity: 'error',
    docs: `Panels without a position are laid out for you: left to right, wrapping before a panel would cross
the right edge, around panels placed explicitly. An explicit \`position\` is taken as written (relative to
its row), so it can overflow the grid or cover another explicit panel; Grafana then pushes panels
around unpredictably. Widths must be whole columns from 1 to 24, heights whole grid units.`,
    messages: {
      layout: '{{subject}}: {{problem}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const { panel, message } of view.resolved.layoutProblems) {
        ctx.report({
          messageId: 'layout',
          data: { subject: panelSubject(panel), problem: message },
          hint: 'fix the position or size, or remove `position` to let the layout place the panel',
          location: panel.panel.site,
          subject: panelSubject(panel),
          on: view.suppressionsOf(panel),
        });
      }
    }
  },
});
