import type { SourceLocation } from '../../../core/diagnostic.ts';
import {
  DASHBOARD_OPTIONS,
  LINK_OPTIONS,
  LOKI_QUERY_OPTIONS,
  PANEL_OPTIONS,
  PROMETHEUS_QUERY_OPTIONS,
  TRANSFORMATION_ID,
  TRANSFORMATION_OPTIONS,
  VARIABLE_OPTIONS,
  type ClosedOption,
} from '../../../dashboard/closed-options.ts';
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
is checked at build time against that set: panel options; field options of a panel and of what its
overrides set (\`color\` or \`{ fixed }\`, \`thresholds.mode\`, a value mapping's kind, which must be
exactly one of \`value\`/\`range\`/\`regex\`/\`special\`, and its special value); an override's matcher
(exactly one of \`byName\`/\`byRegexp\`/\`byType\`/\`byQuery\`, and the \`byType\` field type);
transformation ids and their modes and reducers; a query's \`format\` (\`time_series\`/\`table\`/\`heatmap\`),
\`mode\` and \`editorMode\`; variable \`refresh\`/\`sort\`/\`hide\`; link icons. Open options
(\`unit\`, a variable's \`plugin\`, \`timezone\`) are not closed sets and are not checked here. The sets
are the arrays the TS types are derived from, in \`dsl/dashboard/closed-options.ts\` (those that
are the Grafana SDK's enums are read off the enums). An SLO's \`naming\` is checked the same way, from
\`NAMINGS\` in \`dsl/slo/naming.ts\`, by \`slo/definition\`. Rules have no closed string options.
The message lists the allowed values and suggests the nearest one. Run \`npx tsc --noEmit\` too
(CI does) to catch them in the editor.`,
    messages: {
      unknownKey: '{{option}} of {{subject}} has key {{key}}, not one of {{allowed}}{{suggestion}}',
      oneKey: '{{option}} of {{subject}} must hold exactly one of {{allowed}}; it holds {{held}}',
      notAllowed: '{{option}} {{value}} of {{subject}} is not one of {{allowed}}{{suggestion}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      const on = { suppress: d.suppress ?? [] };
      check(ctx, d, DASHBOARD_OPTIONS, d.site, view.subject, on);
      for (const v of d.variables ?? [])
        check(ctx, v, VARIABLE_OPTIONS, v.site ?? d.site, `variable ${JSON.stringify(v.name)} of ${view.subject}`, on);
      for (const l of d.links ?? []) check(ctx, l, LINK_OPTIONS, d.site, `a link of ${view.subject}`, on);
      for (const p of view.resolved.allPanels) {
        const panelOn = view.suppressionsOf(p);
        check(ctx, p.panel, PANEL_OPTIONS[p.panel.type] ?? [], p.panel.site, panelSubject(p), panelOn);
        for (const l of ('links' in p.panel ? p.panel.links : undefined) ?? [])
          check(ctx, l, LINK_OPTIONS, p.panel.site, `a link of ${panelSubject(p)}`, panelOn);
        for (const q of p.panel.queries ?? []) {
          const options = q.kind === 'loki-query' ? LOKI_QUERY_OPTIONS : PROMETHEUS_QUERY_OPTIONS;
          check(ctx, q, options, q.site ?? p.panel.site, `a query of ${panelSubject(p)}`, panelOn);
        }
        for (const t of ('transformations' in p.panel ? p.panel.transformations : undefined) ?? []) {
          const id: unknown = t.id;
          check(ctx, t, [TRANSFORMATION_ID], p.panel.site, `a transformation of ${panelSubject(p)}`, panelOn);
          if (typeof id === 'string' && Object.hasOwn(TRANSFORMATION_OPTIONS, id)) {
            check(
              ctx,
              t,
              TRANSFORMATION_OPTIONS[id] ?? [],
              p.panel.site,
              `transformation ${JSON.stringify(id)} of ${panelSubject(p)}`,
              panelOn,
            );
          }
        }
      }
    }
  },
});

/** The values at `path` in `spec`, `[]` standing for each item of a list. */
function valuesAt(spec: unknown, path: readonly string[]): unknown[] {
  let vs = [spec];
  for (const k of path) {
    const next: unknown[] = [];
    for (const v of vs) {
      if (k === '[]') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
      } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) next.push(x);
      }
    }
    vs = next;
  }
  return vs;
}

type On = { readonly suppress?: readonly { readonly check: string; readonly reason: string }[] };

const listed = (allowed: readonly string[]): string => allowed.map((a) => JSON.stringify(a)).join(', ');

/** An object that must say what it is by holding exactly one of the allowed keys. */
function checkKeys(
  ctx: CheckContext,
  value: unknown,
  opt: ClosedOption,
  besides: readonly string[],
  site: SourceLocation | undefined,
  subject: string,
  on: On,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const keys = Object.keys(value).filter((k) => !besides.includes(k));
  const unknown = keys.filter((k) => !opt.allowed.includes(k));
  for (const k of unknown) {
    const near = closest(k, opt.allowed, 1);
    ctx.report({
      messageId: 'unknownKey',
      data: {
        option: opt.name,
        subject,
        key: JSON.stringify(k),
        allowed: listed(opt.allowed),
        suggestion: near[0] !== undefined ? `; did you mean ${JSON.stringify(near[0])}?` : '',
      },
      hint: `write exactly one of ${listed(opt.allowed)}${besides.length > 0 ? ` (beside ${listed(besides)})` : ''}`,
      location: ctx.locate(site, k, 0) ?? site,
      subject,
      on,
    });
  }
  if (unknown.length > 0) return;
  if (keys.length !== 1) {
    ctx.report({
      messageId: 'oneKey',
      data: {
        option: opt.name,
        subject,
        allowed: listed(opt.allowed),
        held: keys.length === 0 ? 'none' : listed(keys),
      },
      hint: keys.length === 0 ? 'say what it matches' : 'split it into one entry per key',
      location: site,
      subject,
      on,
    });
  }
}

function check(
  ctx: CheckContext,
  spec: unknown,
  options: readonly ClosedOption[],
  site: SourceLocation | undefined,
  subject: string,
  on: On,
): void {
  for (const opt of options)
    for (const value of valuesAt(spec, opt.path)) {
      if (opt.key) {
        checkKeys(ctx, value, opt, opt.key.besides, site, subject, on);
        continue;
      }
      if (opt.object !== undefined && typeof value === 'object' && value !== null && Object.hasOwn(value, opt.object))
        continue;
      const items: unknown[] = opt.list && Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (typeof item === 'string' && opt.allowed.includes(item)) continue;
        const name = opt.name;
        const near = typeof item === 'string' ? closest(item, opt.allowed, 1) : [];
        const shown =
          typeof item === 'string' ? JSON.stringify(item) : `${typeof item} ${JSON.stringify(item) ?? String(item)}`;
        ctx.report({
          messageId: 'notAllowed',
          data: {
            option: name,
            value: shown,
            subject,
            allowed: listed(opt.allowed),
            suggestion: near[0] !== undefined ? `; did you mean ${JSON.stringify(near[0])}?` : '',
          },
          hint: `use one of the allowed values${opt.list ? ' in the list' : ''}${opt.object !== undefined ? `, or { ${opt.object}: ... }` : ''} (npx tsc --noEmit reports this in the editor)`,
          location:
            (typeof item === 'string' ? ctx.locate(site, JSON.stringify(item).slice(1, -1), 0) : undefined) ?? site,
          subject,
          on,
        });
      }
    }
}
