import type { SourceLocation } from '../../../core/diagnostic.ts';
import { DASHBOARD_OPTIONS, LINK_OPTIONS, PANEL_OPTIONS, VARIABLE_OPTIONS, type ClosedOption } from '../../../dashboard/closed-options.ts';
import { closest } from '../../../registry/edit-distance.ts';
import { defineCheck, type CheckContext } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/closed-options',
    description: 'Options with a closed set of values (stack, legend placement, reducers, sort...) hold one of them',
    severity: 'error',
    docs: `\`tsc\` rejects \`stack: 'normall'\` or \`legend: { placement: 'rihgt' }\`, but the build does not
type-check, so such a value used to reach the dashboard JSON, where Grafana ignores it or breaks the
panel. Every option of a dashboard, panel, variable or link whose TS type is a closed set of strings
is checked at build time against that set (the same arrays the TS types are derived from, in
\`dsl/dashboard/closed-options.ts\`; those that are the Grafana SDK's enums are read off the enums).
The message lists the allowed values and suggests the nearest one. Run \`npx tsc --noEmit\` too
(CI does) to catch them in the editor.`,
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      const on = { suppress: d.suppress ?? [] };
      check(ctx, d, DASHBOARD_OPTIONS, d.site, view.subject, on);
      for (const v of d.variables ?? []) check(ctx, v, VARIABLE_OPTIONS, v.site ?? d.site, `variable ${JSON.stringify(v.name)} of ${view.subject}`, on);
      for (const l of d.links ?? []) check(ctx, l, LINK_OPTIONS, d.site, `a link of ${view.subject}`, on);
      for (const p of view.resolved.allPanels) {
        const panelOn = view.suppressionsOf(p);
        check(ctx, p.panel, PANEL_OPTIONS[p.panel.type] ?? [], p.panel.site, panelSubject(p), panelOn);
        for (const l of ('links' in p.panel ? p.panel.links : undefined) ?? []) check(ctx, l, LINK_OPTIONS, p.panel.site, `a link of ${panelSubject(p)}`, panelOn);
      }
    }
  },
});

function valueAt(spec: unknown, path: readonly string[]): unknown {
  let v = spec;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function check(ctx: CheckContext, spec: unknown, options: readonly ClosedOption[], site: SourceLocation | undefined, subject: string, on: { readonly suppress?: readonly { readonly check: string; readonly reason: string }[] }): void {
  for (const opt of options) {
    const value = valueAt(spec, opt.path);
    if (value === undefined) continue;
    const items = opt.list && Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === 'string' && opt.allowed.includes(item)) continue;
      const name = opt.path.join('.');
      const near = typeof item === 'string' ? closest(item, opt.allowed, 1) : [];
      const shown = typeof item === 'string' ? JSON.stringify(item) : `${typeof item} ${JSON.stringify(item) ?? String(item)}`;
      ctx.report({
        message: `${name} ${shown} of ${subject} is not one of ${opt.allowed.map((a) => JSON.stringify(a)).join(', ')}${near[0] !== undefined ? `; did you mean ${JSON.stringify(near[0])}?` : ''}`,
        hint: `use one of the allowed values${opt.list ? ' in the list' : ''} (npx tsc --noEmit reports this in the editor)`,
        location: (typeof item === 'string' ? ctx.locate(site, JSON.stringify(item).slice(1, -1), 0) : undefined) ?? site, subject, on,
      });
    }
  }
}
