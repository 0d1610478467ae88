/**
 * One resolved panel → a fresh foundation-SDK panel builder (classic model). A builder is made per
 * panel per emit and never kept: the SDK's `build()` returns the builder's live internals.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import * as barchart from '@grafana/grafana-foundation-sdk/barchart';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as histogram from '@grafana/grafana-foundation-sdk/histogram';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as prom from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as text from '@grafana/grafana-foundation-sdk/text';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  transformationJson,
  type DashboardTarget,
  type BarChartPanel,
  type HistogramPanel,
  type LegendOptions,
  type Link,
  type Override,
  type Panel,
  type Reducer,
  type ResolvedPanel,
  type ResolvedQuery,
  type TimeseriesPanel,
} from '../dashboard/index.ts';
import { exprText } from '../promql/template.ts';
import { applyFieldOptions, asEnum, linkModel, overrideModel, type FieldConfigBuilder } from './dashboards-fields.ts';

export interface EmitContext {
  /** The uid a link target will have in Grafana. */
  uidOf(target: DashboardTarget): string;
}

/** The setters shared by every SDK panel builder. */
interface PanelBuilder extends FieldConfigBuilder, cog.Builder<dash.Panel> {
  id(id: number): unknown;
  title(title: string): unknown;
  description(description: string): unknown;
  datasource(ref: common.DataSourceRef): unknown;
  gridPos(pos: dash.GridPos): unknown;
  links(links: cog.Builder<dash.DashboardLink>[]): unknown;
  repeat(variable: string): unknown;
  repeatDirection(direction: 'h' | 'v'): unknown;
  maxPerRow(n: number): unknown;
  transparent(transparent: boolean): unknown;
  interval(interval: string): unknown;
  maxDataPoints(n: number): unknown;
  timeFrom(d: string): unknown;
  timeShift(d: string): unknown;
  targets(targets: cog.Builder<cog.Dataquery>[]): unknown;
  withOverride(o: { matcher: dash.MatcherConfig; properties: dash.DynamicConfigValue[] }): unknown;
  withTransformation(t: dash.DataTransformerConfig): unknown;
}

function target(q: ResolvedQuery): cog.Builder<cog.Dataquery> {
  const query = q.query;
  if (query.kind === 'loki-query') {
    const b = new loki.DataqueryBuilder()
      .expr(query.expr.trim())
      .refId(q.refId)
      .queryType(query.mode ?? 'range');
    if (query.legend !== undefined) b.legendFormat(query.legend);
    if (query.maxLines !== undefined) b.maxLines(query.maxLines);
    if (query.hide) b.hide(true);
    if (q.datasource) b.datasource(q.datasource);
    return b;
  }
  const b = new prom.DataqueryBuilder().expr(exprText(query.expr).trim()).refId(q.refId);
  if (query.mode === 'instant') b.instant();
  else if (query.mode === 'both') b.rangeAndInstant();
  else b.range();
  if (query.legend !== undefined) b.legendFormat(query.legend);
  if (query.format !== undefined) b.format(asEnum<prom.PromQueryFormat>(query.format));
  if (query.interval !== undefined) b.interval(query.interval);
  if (query.hide) b.hide(true);
  if (query.exemplar !== undefined) b.exemplar(query.exemplar);
  if (query.intervalFactor !== undefined) b.intervalFactor(query.intervalFactor);
  if (query.editorMode !== undefined) b.editorMode(asEnum<prom.QueryEditorMode>(query.editorMode));
  if (q.datasource) b.datasource(q.datasource);
  return b;
}

/** A panel link: to a dashboard of the project it carries the time range and variables in the URL. */
export function panelLinkModel(l: Link, ctx: EmitContext): dash.DashboardLink {
  if (l.to === undefined)
    return linkModel(l.title, l.url ?? '', { newTab: l.newTab === true, ...(l.tooltip ? { tooltip: l.tooltip } : {}) });
  const params = [
    ...(l.keepTime !== false ? ['${__url_time_range}'] : []),
    ...(l.includeVars !== false ? ['${__all_variables}'] : []),
  ];
  return linkModel(l.title, `/d/${ctx.uidOf(l.to)}${params.length ? `?${params.join('&')}` : ''}`, {
    newTab: l.newTab === true,
    ...(l.tooltip ? { tooltip: l.tooltip } : {}),
  });
}

const linkBuilder = (model: dash.DashboardLink): cog.Builder<dash.DashboardLink> => ({ build: () => model });

function applyCommon(b: PanelBuilder, r: ResolvedPanel, ctx: EmitContext): void {
  const p = r.panel;
  b.id(r.id);
  b.title(p.title);
  b.gridPos({ ...r.gridPos });
  if (p.description !== undefined) b.description(p.description);
  if (r.datasource) b.datasource(r.datasource);
  if (p.links?.length) b.links(p.links.map((l) => linkBuilder(panelLinkModel(l, ctx))));
  if (p.repeat) {
    b.repeat(p.repeat.variable);
    b.repeatDirection(p.repeat.direction ?? 'h');
    if (p.repeat.maxPerRow !== undefined) b.maxPerRow(p.repeat.maxPerRow);
  }
  if (p.transparent) b.transparent(true);
  if (p.interval !== undefined) b.interval(p.interval);
  if (p.maxDataPoints !== undefined) b.maxDataPoints(p.maxDataPoints);
  if (p.timeFrom !== undefined) b.timeFrom(p.timeFrom);
  if (p.timeShift !== undefined) b.timeShift(p.timeShift);
  if (r.queries.length) b.targets(r.queries.map(target));
}

function applyOverrides(b: PanelBuilder, overrides: readonly Override[] | undefined): void {
  for (const o of overrides ?? []) b.withOverride(overrideModel(o));
}

const reduce = (r: Reducer | undefined): common.ReduceDataOptionsBuilder =>
  new common.ReduceDataOptionsBuilder().values(false).calcs([r ?? 'lastNotNull']);

/** A graph panel's legend: shown unless `show: false` (the SDK's default hides it). */
function legendBuilder(legend: LegendOptions | undefined): common.VizLegendOptionsBuilder {
  const shown = legend?.show !== false;
  return new common.VizLegendOptionsBuilder()
    .showLegend(shown)
    .displayMode(shown ? asEnum<common.LegendDisplayMode>(legend?.mode ?? 'list') : common.LegendDisplayMode.Hidden)
    .placement(asEnum<common.LegendPlacement>(legend?.placement ?? 'bottom'))
    .calcs([...(legend?.calcs ?? [])]);
}

/** The axis and bar/line options the time series, bar chart and histogram builders share. */
interface GraphFieldBuilder {
  lineWidth(w: number): unknown;
  fillOpacity(o: number): unknown;
  axisLabel(label: string): unknown;
  axisSoftMin(v: number): unknown;
  axisSoftMax(v: number): unknown;
  scaleDistribution(s: common.ScaleDistributionConfigBuilder): unknown;
}

function applyGraphField(b: GraphFieldBuilder, p: TimeseriesPanel | BarChartPanel | HistogramPanel): void {
  if (p.lineWidth !== undefined) b.lineWidth(p.lineWidth);
  if (p.fillOpacity !== undefined) b.fillOpacity(p.fillOpacity);
  if (p.axisLabel !== undefined) b.axisLabel(p.axisLabel);
  if (p.softMin !== undefined) b.axisSoftMin(p.softMin);
  if (p.softMax !== undefined) b.axisSoftMax(p.softMax);
  if (p.logScale !== undefined)
    b.scaleDistribution(new common.ScaleDistributionConfigBuilder().type(common.ScaleDistribution.Log).log(p.logScale));
}

const thresholdsStyle = (mode: `${common.GraphThresholdsStyleMode}`): common.GraphThresholdsStyleConfigBuilder =>
  new common.GraphThresholdsStyleConfigBuilder().mode(asEnum<common.GraphThresholdsStyleMode>(mode));

/** Grafana's tooltip default for the bar chart and histogram: one series, unsorted. */
const singleTooltip = (mode: `${common.TooltipDisplayMode}` | undefined): common.VizTooltipOptionsBuilder =>
  new common.VizTooltipOptionsBuilder()
    .mode(asEnum<common.TooltipDisplayMode>(mode ?? 'single'))
    .sort(common.SortOrder.None);

function timeseriesBuilder(p: TimeseriesPanel): timeseries.PanelBuilder {
  const b = new timeseries.PanelBuilder()
    .legend(legendBuilder(p.legend))
    .tooltip(
      new common.VizTooltipOptionsBuilder()
        .mode(asEnum<common.TooltipDisplayMode>(p.tooltip ?? 'multi'))
        .sort(common.SortOrder.Descending),
    );
  applyGraphField(b, p);
  if (p.drawStyle !== undefined) b.drawStyle(asEnum<common.GraphDrawStyle>(p.drawStyle));
  if (p.stack !== undefined) b.stacking(new common.StackingConfigBuilder().mode(asEnum<common.StackingMode>(p.stack)));
  if (p.showPoints !== undefined) b.showPoints(asEnum<common.VisibilityMode>(p.showPoints));
  if (p.thresholdsStyle !== undefined) b.thresholdsStyle(thresholdsStyle(p.thresholdsStyle));
  if (p.spanNulls !== undefined) b.spanNulls(p.spanNulls);
  return b;
}

function barChartBuilder(p: BarChartPanel): barchart.PanelBuilder {
  const b = new barchart.PanelBuilder().legend(legendBuilder(p.legend)).tooltip(singleTooltip(p.tooltip));
  applyGraphField(b, p);
  if (p.xField !== undefined) b.xField(p.xField);
  if (p.orientation !== undefined) b.orientation(asEnum<common.VizOrientation>(p.orientation));
  if (p.stack !== undefined) b.stacking(asEnum<common.StackingMode>(p.stack));
  if (p.showValue !== undefined) b.showValue(asEnum<common.VisibilityMode>(p.showValue));
  if (p.barWidth !== undefined) b.barWidth(p.barWidth);
  if (p.groupWidth !== undefined) b.groupWidth(p.groupWidth);
  if (p.xTickLabelRotation !== undefined) b.xTickLabelRotation(p.xTickLabelRotation);
  if (p.thresholdsStyle !== undefined) b.thresholdsStyle(thresholdsStyle(p.thresholdsStyle));
  return b;
}

function histogramBuilder(p: HistogramPanel): histogram.PanelBuilder {
  const b = new histogram.PanelBuilder().legend(legendBuilder(p.legend)).tooltip(singleTooltip(p.tooltip));
  applyGraphField(b, p);
  if (p.bucketCount !== undefined) b.bucketCount(p.bucketCount);
  if (p.bucketSize !== undefined) b.bucketSize(p.bucketSize);
  if (p.bucketOffset !== undefined) b.bucketOffset(p.bucketOffset);
  if (p.combine !== undefined) b.combine(p.combine);
  if (p.stack !== undefined) b.stacking(new common.StackingConfigBuilder().mode(asEnum<common.StackingMode>(p.stack)));
  return b;
}

/** The SDK builder for one panel, fully configured. */
export function panelBuilder(r: ResolvedPanel, ctx: EmitContext): cog.Builder<dash.Panel> {
  const p: Panel = r.panel;
  let b: PanelBuilder;
  switch (p.type) {
    case 'timeseries':
      b = timeseriesBuilder(p);
      break;
    case 'stat': {
      const s = new stat.PanelBuilder().reduceOptions(reduce(p.reduce));
      if (p.graphMode !== undefined) s.graphMode(asEnum<common.BigValueGraphMode>(p.graphMode));
      if (p.colorMode !== undefined) s.colorMode(asEnum<common.BigValueColorMode>(p.colorMode));
      if (p.textMode !== undefined) s.textMode(asEnum<common.BigValueTextMode>(p.textMode));
      if (p.orientation !== undefined) s.orientation(asEnum<common.VizOrientation>(p.orientation));
      b = s;
      break;
    }
    case 'gauge': {
      const g = new gauge.PanelBuilder().reduceOptions(reduce(p.reduce));
      if (p.showThresholdMarkers !== undefined) g.showThresholdMarkers(p.showThresholdMarkers);
      if (p.showThresholdLabels !== undefined) g.showThresholdLabels(p.showThresholdLabels);
      if (p.orientation !== undefined) g.orientation(asEnum<common.VizOrientation>(p.orientation));
      b = g;
      break;
    }
    case 'bargauge': {
      const g = new bargauge.PanelBuilder().reduceOptions(reduce(p.reduce));
      if (p.displayMode !== undefined) g.displayMode(asEnum<common.BarGaugeDisplayMode>(p.displayMode));
      if (p.showUnfilled !== undefined) g.showUnfilled(p.showUnfilled);
      if (p.orientation !== undefined) g.orientation(asEnum<common.VizOrientation>(p.orientation));
      b = g;
      break;
    }
    case 'table': {
      const t = new table.PanelBuilder();
      if (p.showHeader !== undefined) t.showHeader(p.showHeader);
      if (p.sortBy?.length)
        t.sortBy(
          p.sortBy.map((s) => new common.TableSortByFieldStateBuilder().displayName(s.column).desc(s.desc === true)),
        );
      if (p.footer?.length)
        t.footer(
          new common.TableFooterOptionsBuilder()
            .show(true)
            .reducer([...p.footer])
            .countRows(false),
        );
      if (p.cellHeight !== undefined) t.cellHeight(asEnum<common.TableCellHeight>(p.cellHeight));
      b = t;
      break;
    }
    case 'heatmap': {
      const h = new heatmap.PanelBuilder()
        .calculate(p.calculate === true)
        .color(
          new heatmap.HeatmapColorOptionsBuilder()
            .mode(heatmap.HeatmapColorMode.Scheme)
            .scheme(p.scheme ?? 'Oranges')
            .fill('dark-orange')
            .exponent(0.5)
            .steps(64)
            .reverse(false),
        )
        .yAxis(p.unit !== undefined ? new heatmap.YAxisConfigBuilder().unit(p.unit) : new heatmap.YAxisConfigBuilder());
      if (p.cellUnit !== undefined) h.cellValues(new heatmap.CellValuesBuilder().unit(p.cellUnit));
      if (p.showLegend === false) h.hideLegend();
      else h.showLegend();
      b = h;
      break;
    }
    case 'piechart': {
      const legendShown = p.legend?.show !== false;
      const c = new piechart.PanelBuilder().reduceOptions(reduce(p.reduce)).legend(
        new piechart.PieChartLegendOptionsBuilder()
          .showLegend(legendShown)
          .displayMode(
            legendShown ? asEnum<common.LegendDisplayMode>(p.legend?.mode ?? 'list') : common.LegendDisplayMode.Hidden,
          )
          .placement(asEnum<common.LegendPlacement>(p.legend?.placement ?? 'right'))
          .values((p.legend?.values ?? ['percent']).map((v) => asEnum<piechart.PieChartLegendValues>(v))),
      );
      if (p.pieType !== undefined) c.pieType(asEnum<piechart.PieChartType>(p.pieType));
      if (p.labels !== undefined) c.displayLabels(p.labels.map((l) => asEnum<piechart.PieChartLabels>(l)));
      if (p.orientation !== undefined) c.orientation(asEnum<common.VizOrientation>(p.orientation));
      b = c;
      break;
    }
    case 'barchart':
      b = barChartBuilder(p);
      break;
    case 'histogram':
      b = histogramBuilder(p);
      break;
    case 'text':
      b = new text.PanelBuilder()
        .mode(p.mode === 'html' ? text.TextMode.HTML : text.TextMode.Markdown)
        .content(p.content);
      break;
    case 'logs': {
      const l = new logs.PanelBuilder()
        .showTime(p.showTime ?? true)
        .showLabels(p.showLabels ?? false)
        .wrapLogMessage(p.wrapLines ?? true)
        .enableLogDetails(p.details ?? true)
        .sortOrder(p.order === 'oldest' ? common.LogsSortOrder.Ascending : common.LogsSortOrder.Descending);
      if (p.dedup !== undefined) l.dedupStrategy(asEnum<common.LogsDedupStrategy>(p.dedup));
      b = l;
      break;
    }
  }
  applyCommon(b, r, ctx);
  if ('queries' in p && p.type !== 'logs' && p.type !== 'text') {
    applyFieldOptions(b, p, p.type !== 'heatmap');
    applyOverrides(b, p.overrides);
    for (const t of p.transformations ?? []) b.withTransformation(transformationJson(t));
  }
  return b;
}
