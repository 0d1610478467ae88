/**
 * The same dashboard as a `dashboard.grafana.app/v2` resource (the schema Grafana 12+ stores), built
 * with the SDK's v2 builders. Panels and queries are taken from the classic JSON we already built
 * (options, field config and query specs are the same in both models); layout, variables and
 * annotations are translated. Our grid positions become a GridLayout (or one per row in a RowsLayout).
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as v2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type { DashboardEntry } from '../collect/dashboards.ts';
import {
  datasourceFor,
  folderSlug,
  GENERAL_FOLDER,
  renderLabelValues,
  resolveDashboard,
  type CustomValue,
  type Dashboard,
  type QueryVariableSpec,
  type ResolvedPanel,
  type Variable,
  type VariableCommon,
} from '../dashboard/index.ts';
import { exprText } from '../promql/template.ts';
import { classicDashboard } from './dashboards-classic.ts';
import { detach, type MutableJson } from './dashboards-merge.ts';
import type { EmitContext } from './dashboards-panels.ts';
import { dashboardLinkModel } from './dashboards-variables.ts';

const elementName = (p: ResolvedPanel): string => `panel-${p.id}`;
const asBuilder = <T>(value: T): cog.Builder<T> => ({ build: () => value });

function dataQuery(group: string, uid: string | undefined, spec: MutableJson): cog.Builder<v2.DataQueryKind> {
  return asBuilder({
    kind: 'DataQuery',
    group,
    version: 'v0',
    ...(uid !== undefined ? { datasource: { name: uid } } : {}),
    spec,
  });
}

/** The classic panel's transformations (typed ones and any from `extra`) as v2 kinds. */
function transformations(classic: MutableJson): v2.TransformationBuilder[] {
  const list = Array.isArray(classic.transformations)
    ? (classic.transformations as {
        id?: string;
        options?: unknown;
        disabled?: boolean;
        filter?: v2.MatcherConfig;
        topic?: v2.DataTopic;
      }[])
    : [];
  return list.map((t) => {
    const b = new v2.TransformationBuilder().group(t.id ?? '').options(t.options ?? {});
    if (t.disabled !== undefined) b.disabled(t.disabled);
    if (t.filter !== undefined) b.filter(t.filter);
    if (t.topic !== undefined) b.topic(t.topic);
    return b;
  });
}

function panelElement(r: ResolvedPanel, classic: MutableJson): v2.PanelBuilder {
  const targets = Array.isArray(classic.targets) ? (classic.targets as MutableJson[]) : [];
  const queries = targets.map((t) => {
    const { refId, datasource, hide, ...spec } = t as MutableJson & {
      refId?: string;
      datasource?: { type?: string; uid?: string };
      hide?: boolean;
    };
    return new v2.TargetBuilder()
      .refId(refId ?? '')
      .hidden(hide === true)
      .query(dataQuery(datasource?.type ?? 'prometheus', datasource?.uid, spec));
  });
  const p = r.panel;
  const options = new v2.QueryOptionsSpecBuilder();
  if (p.interval !== undefined) options.interval(p.interval);
  if (p.maxDataPoints !== undefined) options.maxDataPoints(p.maxDataPoints);
  if (p.timeFrom !== undefined) options.timeFrom(p.timeFrom);
  if (p.timeShift !== undefined) options.timeShift(p.timeShift);
  const links = Array.isArray(classic.links)
    ? (classic.links as { title?: string; url?: string; targetBlank?: boolean }[])
    : [];
  const b = new v2.PanelBuilder()
    .id(r.id)
    .title(p.title)
    // v2 requires a description on every panel.
    .description(p.description ?? '')
    .links(
      links.map((l) =>
        new v2.DataLinkBuilder()
          .title(l.title ?? '')
          .url(l.url ?? '')
          .targetBlank(l.targetBlank === true),
      ),
    )
    .data(new v2.QueryGroupBuilder().targets(queries).transformations(transformations(classic)).queryOptions(options))
    .visualization(
      new v2.VizConfigKindBuilder()
        .group(p.type)
        .version('')
        .options((classic.options as MutableJson | undefined) ?? {})
        .fieldConfig((classic.fieldConfig as v2.FieldConfigSource | undefined) ?? { defaults: {}, overrides: [] }),
    );
  if (p.transparent) b.transparent(true);
  return b;
}

function grid(panels: readonly ResolvedPanel[], top: number): v2.GridBuilder {
  return new v2.GridBuilder().items(
    panels.map((r) => {
      const item = new v2.GridItemBuilder()
        .name(elementName(r))
        .x(r.gridPos.x)
        .y(r.gridPos.y - top)
        .width(r.gridPos.w)
        .height(r.gridPos.h);
      const rep = r.panel.repeat;
      if (rep) {
        const o = new v2.RepeatOptionsBuilder().value(rep.variable).direction(rep.direction ?? 'h');
        if (rep.maxPerRow !== undefined) o.maxPerRow(rep.maxPerRow);
        item.repeat(o);
      }
      return item;
    }),
  );
}

const HIDE: Record<NonNullable<VariableCommon['hide']>, v2.VariableHide> = {
  label: v2.VariableHide.HideLabel,
  variable: v2.VariableHide.HideVariable,
};
const SORT: Record<NonNullable<QueryVariableSpec['sort']>, v2.VariableSort> = {
  none: v2.VariableSort.Disabled,
  alpha: v2.VariableSort.AlphabeticalAsc,
  'alpha-desc': v2.VariableSort.AlphabeticalDesc,
  numeric: v2.VariableSort.NumericalAsc,
  'numeric-desc': v2.VariableSort.NumericalDesc,
  natural: v2.VariableSort.NaturalAsc,
  'natural-desc': v2.VariableSort.NaturalDesc,
};

const option = (text: string, value = text): v2.VariableOption => ({ text, value });
const currentOf = (def: string | readonly string[] | undefined, fallback?: v2.VariableOption): v2.VariableOption =>
  def === undefined
    ? (fallback ?? option(''))
    : typeof def === 'string'
      ? option(def)
      : { text: [...def], value: [...def] };
const customOptions = (values: readonly CustomValue[]): v2.VariableOption[] =>
  values.map((x) => (typeof x === 'string' ? option(x) : option(x.text, x.value)));

function common<
  B extends { label(l: string): unknown; description(d: string): unknown; hide(h: v2.VariableHide): unknown },
>(b: B, v: VariableCommon): B {
  if (v.label !== undefined) b.label(v.label);
  if (v.description !== undefined) b.description(v.description);
  if (v.hide !== undefined) b.hide(HIDE[v.hide]);
  return b;
}

function variable(v: Variable, d: Dashboard, classicQuery: string | undefined): cog.Builder<v2.VariableKind> {
  switch (v.type) {
    case 'datasource':
      return common(
        new v2.DatasourceVariableBuilder(v.name)
          .pluginId(v.plugin)
          .regex(v.regex ?? '')
          .multi(v.multi === true)
          .includeAll(v.includeAll === true)
          .refresh(v2.VariableRefresh.OnDashboardLoad)
          .current(currentOf(v.default)),
        v,
      );
    case 'query': {
      const text = typeof v.query === 'string' ? v.query : renderLabelValues(v.query);
      const ds = datasourceFor(d, 'prometheus', v.datasource);
      const b = new v2.QueryVariableBuilder(v.name)
        .query(
          dataQuery('prometheus', ds?.uid, {
            qryType: 5,
            query: classicQuery ?? text,
            refId: 'PrometheusVariableQueryEditor-VariableQuery',
          }),
        )
        .definition(text)
        .regex(v.regex ?? '')
        .sort(SORT[v.sort ?? 'none'])
        .multi(v.multi === true)
        .includeAll(v.includeAll === true)
        .refresh(v.refresh === 'load' ? v2.VariableRefresh.OnDashboardLoad : v2.VariableRefresh.OnTimeRangeChanged)
        .current(currentOf(v.default));
      if (v.allValue !== undefined) b.allValue(v.allValue);
      return common(b, v);
    }
    case 'custom': {
      const options = customOptions(v.values);
      const b = new v2.CustomVariableBuilder(v.name)
        .query(classicQuery ?? '')
        .options(options)
        .multi(v.multi === true)
        .includeAll(v.includeAll === true)
        .current(currentOf(v.default, options[0]));
      if (v.allValue !== undefined) b.allValue(v.allValue);
      return common(b, v);
    }
    case 'interval': {
      const auto = v.auto !== undefined && v.auto !== false;
      const autoOpts = typeof v.auto === 'object' ? v.auto : {};
      const def = v.default ?? v.values[0] ?? '';
      return common(
        new v2.IntervalVariableBuilder(v.name)
          .query(v.values.join(','))
          .options(v.values.map((x) => option(x)))
          .auto(auto)
          .autoMin(autoOpts.min ?? '10s')
          .autoCount(autoOpts.steps ?? 30)
          .current(def === 'auto' ? option('auto', `$__auto_interval_${v.name}`) : option(def)),
        v,
      );
    }
    case 'constant':
      return common(
        new v2.ConstantVariableBuilder(v.name)
          .query(v.value)
          .current(option(v.value))
          .hide(v2.VariableHide.HideVariable),
        v,
      );
    case 'textbox':
      return common(new v2.TextVariableBuilder(v.name).query(v.default ?? '').current(option(v.default ?? '')), v);
  }
}

function annotations(d: Dashboard): cog.Builder<v2.AnnotationQueryKind>[] {
  const builtIn = new v2.AnnotationQueryBuilder()
    .name('Annotations & Alerts')
    .builtIn(true)
    .enable(true)
    .hide(true)
    .iconColor('rgba(0, 211, 255, 1)')
    .query(dataQuery('grafana', '-- Grafana --', { limit: 100, matchAny: false, tags: [], type: 'dashboard' }));
  return [
    builtIn,
    ...(d.annotations ?? []).map((a) => {
      const ds = datasourceFor(d, 'prometheus', a.datasource);
      const legacy: Record<string, string> = { expr: exprText(a.expr).trim(), step: a.step ?? '1m' };
      if (a.title !== undefined) legacy.titleFormat = a.title;
      if (a.text !== undefined) legacy.textFormat = a.text;
      if (a.tags?.length) legacy.tagKeys = a.tags.join(',');
      return new v2.AnnotationQueryBuilder()
        .name(a.name)
        .enable(a.disabled !== true)
        .hide(false)
        .iconColor(a.color ?? 'red')
        .query(dataQuery('prometheus', ds?.uid, { expr: legacy.expr ?? '', refId: 'Anno' }))
        .legacyOptions(legacy);
    }),
  ];
}

const CURSOR = {
  off: v2.DashboardCursorSync.Off,
  crosshair: v2.DashboardCursorSync.Crosshair,
  shared: v2.DashboardCursorSync.Tooltip,
} as const;

export function v2Dashboard(entry: DashboardEntry, ctx: EmitContext): MutableJson {
  const d = entry.dashboard;
  const r = resolveDashboard(d);
  const classic = classicDashboard(entry, ctx);
  const classicPanels = new Map<number, MutableJson>();
  const visit = (list: unknown): void => {
    for (const p of Array.isArray(list) ? (list as MutableJson[]) : []) {
      if (typeof p.id === 'number' && p.type !== 'row') classicPanels.set(p.id, p);
      visit(p.panels);
    }
  };
  visit(classic.panels);
  const classicVars = ((classic.templating as { list?: { query?: unknown }[] } | undefined)?.list ?? []).map((v) =>
    typeof v.query === 'string' ? v.query : undefined,
  );
  const b = new v2.DashboardBuilder(d.title)
    .tags([...(d.tags ?? [])])
    .editable(d.editable === true)
    .cursorSync(CURSOR[d.tooltip ?? 'crosshair'])
    .timeSettings(
      new v2.TimeSettingsBuilder()
        .from(d.time?.from ?? 'now-6h')
        .to(d.time?.to ?? 'now')
        .timezone(d.timezone ?? 'browser')
        .autoRefresh(d.refresh ?? ''),
    )
    .variables((d.variables ?? []).map((v, i) => variable(v, d, classicVars[i])))
    .annotations(annotations(d))
    .links(
      (d.links ?? []).map((l) => {
        const { placement: _placement, ...model } = dashboardLinkModel(l, ctx);
        return asBuilder<v2.DashboardLink>(model);
      }),
    );
  if (d.description !== undefined) b.description(d.description);
  for (const p of r.allPanels) b.element(elementName(p), panelElement(p, classicPanels.get(p.id) ?? {}));
  if (r.rows.length === 0) b.layout(grid(r.panels, 0));
  else {
    const rows: v2.RowBuilder[] = [];
    if (r.panels.length) rows.push(new v2.RowBuilder().hideHeader(true).layout(grid(r.panels, 0)));
    for (const row of r.rows) {
      const rb = new v2.RowBuilder()
        .title(row.row.title)
        .collapse(row.row.collapsed === true)
        .layout(grid(row.panels, row.gridPos.y + 1));
      if (row.row.repeat !== undefined) rb.repeat(new v2.RowRepeatOptionsBuilder().value(row.row.repeat));
      rows.push(rb);
    }
    b.layout(new v2.RowsBuilder().rows(rows));
  }
  const manifest = detach(v2.manifest(entry.uid, b).build());
  if (entry.folder !== GENERAL_FOLDER) {
    const metadata = manifest.metadata as MutableJson;
    metadata.annotations = { 'grafana.app/folder': folderSlug(entry.folder) };
  }
  return manifest;
}
