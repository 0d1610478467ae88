import { isMultiValue } from '../../../dashboard/variables.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/repeat',
    description: 'Panels and rows repeat by a multi-value variable',
    severity: 'warning',
    docs: `Grafana repeats a panel or row once per selected value of a variable. Repeating by a variable that
allows neither several values (\`multi\`) nor All (\`includeAll\`) always yields exactly one copy, which
is almost always a mistake. (An undefined repeat variable is reported by dashboard/undefined-variable.)`,
    messages: {
      singleValue: '{{subject}} repeats by ${{name}}, which takes a single value, so there is always one copy',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const check = (
        name: string | undefined,
        subject: string,
        site: typeof view.entry.dashboard.site,
        on: { readonly suppress: readonly { check: string; reason: string }[] },
      ): void => {
        const v = name === undefined ? undefined : view.variables.get(name);
        if (!v || isMultiValue(v)) return;
        ctx.report({
          messageId: 'singleValue',
          data: { subject, name: v.name },
          hint: `set multi: true or includeAll: true on variable ${JSON.stringify(v.name)}, or drop repeat`,
          location: site,
          subject,
          on,
        });
      };
      for (const p of view.resolved.allPanels)
        check(p.panel.repeat?.variable, panelSubject(p), p.panel.site, view.suppressionsOf(p));
      for (const r of view.resolved.rows) {
        check(r.row.repeat, `row ${JSON.stringify(r.row.title)}`, r.row.site, {
          suppress: [...(r.row.suppress ?? []), ...(view.entry.dashboard.suppress ?? [])],
        });
      }
    }
  },
});
