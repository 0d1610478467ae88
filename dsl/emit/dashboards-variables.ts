/** Variables, annotations and dashboard links → fresh foundation-SDK builders (classic model). */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import {
  datasourceFor,
  renderLabelValues,
  type Annotation,
  type CustomValue,
  type Dashboard,
  type DashboardListLink,
  type Link,
  type QueryVariableSpec,
  type Variable,
  type VariableCommon,
} from '../dashboard/index.ts';
import { exprText } from '../promql/template.ts';
import { linkModel } from './dashboards-fields.ts';
import type { EmitContext } from './dashboards-panels.ts';

const SORT: Record<NonNullable<QueryVariableSpec['sort']>, dash.VariableSort> = {
  none: dash.VariableSort.Disabled,
  alpha: dash.VariableSort.AlphabeticalAsc,
  'alpha-desc': dash.VariableSort.AlphabeticalDesc,
  numeric: dash.VariableSort.NumericalAsc,
  'numeric-desc': dash.VariableSort.NumericalDesc,
  natural: dash.VariableSort.NaturalAsc,
  'natural-desc': dash.VariableSort.NaturalDesc,
};

interface CommonVariableBuilder {
  label(label: string): unknown;
  description(description: string): unknown;
}

function applyCommon(b: CommonVariableBuilder & { hide?(hide: dash.VariableHide): unknown }, v: VariableCommon): void {
  if (v.label !== undefined) b.label(v.label);
  if (v.description !== undefined) b.description(v.description);
  if (v.hide !== undefined && b.hide)
    b.hide(v.hide === 'label' ? dash.VariableHide.HideLabel : dash.VariableHide.HideVariable);
}

const option = (text: string, value = text, selected = false): dash.VariableOption => ({ text, value, selected });

function current(def: string | readonly string[] | undefined): dash.VariableOption | undefined {
  if (def === undefined) return undefined;
  return typeof def === 'string' ? option(def, def, true) : { text: [...def], value: [...def], selected: true };
}

/** Custom variable values as Grafana's query text: `a,b` or `text : value`, commas escaped. */
function customQuery(values: readonly CustomValue[]): string {
  const esc = (s: string): string => s.replace(/,/g, '\\,');
  return values.map((v) => (typeof v === 'string' ? esc(v) : `${esc(v.text)} : ${esc(v.value)}`)).join(',');
}

/** Every variable kind → its builder. The query text of `labelValues()` is rendered here. */
export function variableBuilder(v: Variable, d: Dashboard): cog.Builder<dash.VariableModel> {
  switch (v.type) {
    case 'datasource': {
      const b = new dash.DatasourceVariableBuilder(v.name)
        .type(v.plugin)
        .multi(v.multi === true)
        .includeAll(v.includeAll === true);
      applyCommon(b, v);
      if (v.regex !== undefined) b.regex(v.regex);
      if (v.allValue !== undefined) b.allValue(v.allValue);
      const cur = current(v.default);
      if (cur) b.current(cur);
      return b;
    }
    case 'query': {
      const query = typeof v.query === 'string' ? v.query : renderLabelValues(v.query);
      const b = new dash.QueryVariableBuilder(v.name)
        .query(query)
        .definition(query)
        .refresh(v.refresh === 'load' ? dash.VariableRefresh.OnDashboardLoad : dash.VariableRefresh.OnTimeRangeChanged)
        .sort(SORT[v.sort ?? 'none'])
        .multi(v.multi === true)
        .includeAll(v.includeAll === true)
        .options([]);
      applyCommon(b, v);
      const ds = datasourceFor(d, 'prometheus', v.datasource);
      if (ds) b.datasource(ds);
      if (v.regex !== undefined) b.regex(v.regex);
      if (v.allValue !== undefined) b.allValue(v.allValue);
      const cur = current(v.default);
      if (cur) b.current(cur);
      return b;
    }
    case 'custom': {
      const options = v.values.map((x) => (typeof x === 'string' ? option(x) : option(x.text, x.value)));
      const b = new dash.CustomVariableBuilder(v.name)
        .values(customQuery(v.values))
        .options(options)
        .multi(v.multi === true)
        .includeAll(v.includeAll === true);
      applyCommon(b, v);
      if (v.allValue !== undefined) b.allValue(v.allValue);
      const first = options[0];
      const cur = current(v.default) ?? (first ? { ...first, selected: true } : undefined);
      if (cur) b.current(cur);
      return b;
    }
    case 'interval': {
      const auto = v.auto !== undefined && v.auto !== false;
      const autoOpts = typeof v.auto === 'object' ? v.auto : {};
      const b = new dash.IntervalVariableBuilder(v.name)
        .values(v.values.join(','))
        .auto(auto)
        .options([...(auto ? [option('auto', `$__auto_interval_${v.name}`)] : []), ...v.values.map((x) => option(x))]);
      applyCommon(b, v);
      if (auto) b.minInterval(autoOpts.min ?? '10s').stepCount(autoOpts.steps ?? 30);
      const def = v.default ?? v.values[0];
      if (def !== undefined)
        b.current(def === 'auto' ? option('auto', `$__auto_interval_${v.name}`, true) : option(def, def, true));
      return b;
    }
    case 'constant': {
      const b = new dash.ConstantVariableBuilder(v.name).value(v.value);
      applyCommon(b, v);
      return b;
    }
    case 'textbox': {
      const b = new dash.TextBoxVariableBuilder(v.name).defaultValue(v.default ?? '');
      applyCommon(b, v);
      if (v.default !== undefined) b.current(option(v.default, v.default, true));
      return b;
    }
  }
}

/** The SDK defaults `placement` to the controls menu, which hides the annotation's toggle: leave it out. */
function withoutPlacement(b: dash.AnnotationQueryBuilder): cog.Builder<dash.AnnotationQuery> {
  return {
    build: () => {
      const { placement: _placement, ...rest } = b.build();
      return rest;
    },
  };
}

/** Grafana's own "Annotations & Alerts" query, which it adds to every dashboard it saves. */
export function builtInAnnotation(): cog.Builder<dash.AnnotationQuery> {
  return withoutPlacement(
    new dash.AnnotationQueryBuilder()
      .name('Annotations & Alerts')
      .builtIn(1)
      .enable(true)
      .hide(true)
      .iconColor('rgba(0, 211, 255, 1)')
      .type('dashboard')
      .datasource({ type: 'grafana', uid: '-- Grafana --' }),
  );
}

export function annotationBuilder(a: Annotation, d: Dashboard): cog.Builder<dash.AnnotationQuery> {
  const b = new dash.AnnotationQueryBuilder()
    .name(a.name)
    .enable(a.disabled !== true)
    .hide(false)
    .iconColor(a.color ?? 'red')
    .expr(exprText(a.expr).trim())
    .step(a.step ?? '1m')
    .useValueForTime(false);
  const ds = datasourceFor(d, 'prometheus', a.datasource);
  if (ds) b.datasource(ds);
  if (a.title !== undefined) b.titleFormat(a.title);
  if (a.text !== undefined) b.textFormat(a.text);
  if (a.tags?.length) b.tagKeys(a.tags.join(','));
  return withoutPlacement(b);
}

export function dashboardLinkModel(l: Link | DashboardListLink, ctx: EmitContext): dash.DashboardLink {
  if (l.kind === 'dashboard-list-link') {
    const { placement: _placement, ...model } = new dash.DashboardLinkBuilder(l.title)
      .type(dash.DashboardLinkType.Dashboards)
      .tags([...l.tags])
      .asDropdown(l.asDropdown === true)
      .includeVars(l.includeVars === true)
      .keepTime(l.keepTime === true)
      .targetBlank(l.newTab === true)
      .build();
    return model;
  }
  const opts = {
    newTab: l.newTab === true,
    ...(l.tooltip ? { tooltip: l.tooltip } : {}),
    ...(l.icon ? { icon: l.icon } : {}),
  };
  if (l.to !== undefined)
    return linkModel(l.title, `/d/${ctx.uidOf(l.to)}`, {
      ...opts,
      includeVars: l.includeVars !== false,
      keepTime: l.keepTime !== false,
    });
  return linkModel(l.title, l.url ?? '', {
    ...opts,
    ...(l.includeVars !== undefined ? { includeVars: l.includeVars } : {}),
    ...(l.keepTime !== undefined ? { keepTime: l.keepTime } : {}),
  });
}
