/**
 * A dashboard in Grafana's classic JSON model (the current `schemaVersion` of the foundation SDK),
 * built with fresh SDK builders, then detached from them and finished with what we own: positions,
 * nesting of collapsed rows, and the `extra` escape hatches.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardEntry } from '../collect/dashboards.ts';
import { resolveDashboard, type ResolvedPanel } from '../dashboard/index.ts';
import { dataLinks } from './dashboards-fields.ts';
import { detach, mergeExtra, type MutableJson } from './dashboards-merge.ts';
import { panelBuilder, type EmitContext } from './dashboards-panels.ts';
import { annotationBuilder, builtInAnnotation, dashboardLinkModel, variableBuilder } from './dashboards-variables.ts';

const CURSOR = {
  off: dash.DashboardCursorSync.Off,
  crosshair: dash.DashboardCursorSync.Crosshair,
  shared: dash.DashboardCursorSync.Tooltip,
} as const;

/** What our layout decided, and the extras, on one built panel. */
function finishPanel(json: MutableJson, r: ResolvedPanel): MutableJson {
  json.gridPos = { ...r.gridPos };
  json.id = r.id;
  const p = r.panel;
  if ('dataLinks' in p && p.dataLinks) {
    const fc = (json.fieldConfig ??= { defaults: {}, overrides: [] }) as { defaults?: MutableJson };
    (fc.defaults ??= {}).links = dataLinks(p.dataLinks);
  }
  const targets = Array.isArray(json.targets) ? (json.targets as MutableJson[]) : [];
  r.queries.forEach((q, i) => {
    const t = targets[i];
    if (t) mergeExtra(t, q.query.extra);
  });
  // Transformations in extra follow the typed ones (a list in extra would otherwise replace them).
  const typed = Array.isArray(json.transformations) ? json.transformations : [];
  mergeExtra(json, p.extra);
  const more = p.extra?.transformations;
  if (typed.length && Array.isArray(more))
    json.transformations = [...typed, ...(JSON.parse(JSON.stringify(more)) as unknown[])];
  return json;
}

export function classicDashboard(entry: DashboardEntry, ctx: EmitContext): MutableJson {
  const d = entry.dashboard;
  const r = resolveDashboard(d);
  const b = new dash.DashboardBuilder(d.title)
    .uid(entry.uid)
    .tags([...(d.tags ?? [])])
    .time({ ...(d.time ?? { from: 'now-6h', to: 'now' }) })
    .timezone(d.timezone ?? 'browser')
    .refresh(d.refresh ?? '')
    .tooltip(CURSOR[d.tooltip ?? 'crosshair'])
    .variables((d.variables ?? []).map((v) => variableBuilder(v, d)))
    .annotations([builtInAnnotation(), ...(d.annotations ?? []).map((a) => annotationBuilder(a, d))])
    .links(
      (d.links ?? []).map((l): cog.Builder<dash.DashboardLink> => {
        const model = dashboardLinkModel(l, ctx);
        return { build: () => model };
      }),
    );
  if (d.editable === true) b.editable();
  else b.readonly();
  if (d.description !== undefined) b.description(d.description);
  for (const p of r.panels) b.withPanel(panelBuilder(p, ctx));
  for (const row of r.rows) {
    const rb = new dash.RowBuilder(row.row.title).id(row.id).gridPos({ ...row.gridPos });
    if (row.row.repeat !== undefined) rb.repeat(row.row.repeat);
    for (const p of row.panels) rb.withPanel(panelBuilder(p, ctx));
    // After the panels: the SDK's withPanel() sets `collapsed: true` on every row it adds to.
    rb.collapsed(row.row.collapsed === true);
    b.withRow(rb);
  }
  const json = detach(b.build());
  const built = Array.isArray(json.panels) ? (json.panels as MutableJson[]) : [];
  const panels: MutableJson[] = r.panels.map((p, i) => finishPanel(built[i] ?? {}, p));
  r.rows.forEach((row, i) => {
    const rowJson = built[r.panels.length + i] ?? {};
    const nested = Array.isArray(rowJson.panels) ? (rowJson.panels as MutableJson[]) : [];
    const inner = row.panels.map((p, j) => finishPanel(nested[j] ?? {}, p));
    rowJson.gridPos = { ...row.gridPos };
    // Grafana's model: a collapsed row holds its panels; an open row is followed by them.
    rowJson.panels = row.row.collapsed === true ? inner : [];
    panels.push(rowJson, ...(row.row.collapsed === true ? [] : inner));
  });
  json.panels = panels;
  const templating = json.templating as { list?: MutableJson[] } | undefined;
  (d.variables ?? []).forEach((v, i) => {
    const t = templating?.list?.[i];
    if (t) mergeExtra(t, v.extra);
  });
  const annotations = (json.annotations as { list?: MutableJson[] } | undefined)?.list ?? [];
  (d.annotations ?? []).forEach((a, i) => {
    const t = annotations[i + 1];
    if (t) mergeExtra(t, a.extra);
  });
  mergeExtra(json, d.extra);
  return json;
}
