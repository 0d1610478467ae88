/**
 * The emitted JSON validates against the JSON Schema of the foundation SDK's models for the schema
 * version it claims (generated from the SDK's types, see schema/sdk-json-schema.ts): the example
 * dashboards of this repository and a dashboard that uses every option, in both formats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardsOf, type DashboardEntry } from '../../dsl/collect/dashboards.ts';
import { dashboardJson, type DashboardFormat } from '../../dsl/emit/dashboards.ts';
import {
  alertAnnotation, barChart, barGauge, constantVariable, customVariable, dashboard, dashboardListLink, datasourceVariable, gaugePanel, heatmap, intervalVariable,
  link, logs, lokiQuery, prometheusAnnotation, prometheusQuery, queryVariable, redRow, row, runbookLink, standardVariables, stat, table,
  text, textboxVariable, timeseries, transform, useRow, histogramPanel,
} from '../../dsl/index.ts';
import { checkoutApi } from '../../dashboards/checkout/checkout-api.ts';
import { nodes } from '../../dashboards/platform/nodes.ts';
import { sdkSchemas, type SdkSchemas } from './schema/sdk-json-schema.ts';
import { validate } from './schema/validate.ts';

const everything = dashboard({
  title: 'Everything', description: 'Every option of every panel kind.', tags: ['test'], time: { from: 'now-24h', to: 'now' }, refresh: '1m',
  timezone: 'utc', tooltip: 'shared', editable: true,
  variables: [
    ...standardVariables({ tenant: { label: 'cluster', multi: true } }),
    datasourceVariable({ name: 'loki', plugin: 'loki', regex: '/logs/', hide: 'label' }),
    queryVariable({ name: 'route', query: 'query_result(topk(5, sum by (route) (rate(x_total[5m]))))', regex: '/route="(.*)"/', sort: 'alpha-desc', refresh: 'load', default: ['a', 'b'], multi: true }),
    customVariable({ name: 'c', values: ['1', { text: 'two', value: '2' }], includeAll: true, allValue: '.*', default: '2' }),
    intervalVariable({ name: 'w', values: ['1m', '10m'], auto: true, default: 'auto', hide: 'variable' }),
    constantVariable({ name: 'k', value: 'x', description: 'constant' }),
    textboxVariable({ name: 't', default: 'abc', label: 'Text' }),
  ],
  annotations: [alertAnnotation({ alerts: ['A', { kind: 'alert', name: 'B' }] }), prometheusAnnotation({ name: 'p', expr: 'up == 0', tags: ['job', 'instance'], text: 'down', disabled: true, step: '30s' })],
  links: [runbookLink('https://x.example'), dashboardListLink({ title: 'more', tags: ['test'], asDropdown: true, includeVars: true, keepTime: true, newTab: true }), link({ title: 'by uid', to: { uid: 'abc' }, includeVars: false })],
  panels: [
    text({ title: 'html', content: '<b>x</b>', mode: 'html', transparent: true }),
    timeseries({
      title: 'ts', description: 'd', unit: 's', decimals: 2, min: 0, max: 10, displayName: '${__field.labels.job}', noValue: '-', color: 'palette-classic',
      thresholds: { mode: 'percentage', base: 'green', steps: [{ value: 80, color: '#ff0000' }] },
      mappings: [{ value: 1, text: 'one' }, { range: { from: 0, to: 1 }, color: 'blue' }, { regex: '^a', text: 'A' }, { special: 'null', text: 'none' }],
      dataLinks: [{ title: 'x', url: 'https://x.example/${__value.raw}', newTab: true }],
      overrides: [{ match: { byType: 'number' }, set: { hidden: true, custom: { fillOpacity: 10 }, thresholds: { base: 'red' }, mappings: [{ special: 'nan', text: '?' }], dataLinks: [{ title: 'y', url: '/y' }], min: 1, max: 2, decimals: 0, displayName: 'n', noValue: '0' } }],
      legend: { mode: 'table', placement: 'right', calcs: ['max', 'lastNotNull'] }, tooltip: 'single', drawStyle: 'bars', lineWidth: 2, fillOpacity: 20, stack: 'percent',
      showPoints: 'never', axisLabel: 'sec', softMin: 0, softMax: 1, logScale: 10, thresholdsStyle: 'line+area', spanNulls: true,
      repeat: { variable: 'c', direction: 'v', maxPerRow: 2 }, interval: '1m', maxDataPoints: 500, timeFrom: '1h', timeShift: '1h',
      links: [link({ title: 'u', url: 'https://x.example', newTab: true, tooltip: 't' })],
      queries: [prometheusQuery({ expr: 'rate(x_total[$__rate_interval])', legend: '{{job}}', mode: 'both', interval: '$w', hide: true, exemplar: true, datasource: { type: 'prometheus', uid: 'P1' } })],
    }),
    stat({ title: 's', unit: 'percent', reduce: 'mean', orientation: 'vertical', graphMode: 'none', colorMode: 'background_solid', textMode: 'name', color: { fixed: 'purple' }, queries: ['up'] }),
    gaugePanel({ title: 'g', unit: 'percent', reduce: 'max', showThresholdLabels: true, showThresholdMarkers: false, orientation: 'horizontal', queries: ['up'] }),
    barGauge({ title: 'b', unit: 'bytes', displayMode: 'lcd', showUnfilled: false, reduce: 'last', queries: [prometheusQuery({ expr: 'up', mode: 'instant', format: 'table' })] }),
    table({ title: 't', showHeader: false, sortBy: [{ column: 'Value' }], footer: ['sum'], cellHeight: 'md', queries: [prometheusQuery({ expr: 'up', mode: 'instant', format: 'table' })] }),
    heatmap({ title: 'h', unit: 's', cellUnit: 'short', calculate: true, showLegend: false, queries: [prometheusQuery({ expr: 'sum by (le) (rate(x_bucket[$__rate_interval]))', format: 'heatmap' })] }),
    barChart({
      title: 'bc', unit: 'reqps', legend: { show: false }, tooltip: 'multi', xField: 'Field', orientation: 'horizontal', stack: 'normal', showValue: 'never', barWidth: 0.8, groupWidth: 1,
      xTickLabelRotation: -45, lineWidth: 2, fillOpacity: 60, axisLabel: 'req/s', softMin: 0, softMax: 100, logScale: 2, thresholdsStyle: 'dashed',
      transformations: [transform.reduce({ reducers: ['lastNotNull'] }), transform.transpose()], queries: ['sum by (route) (rate(x_total[$__rate_interval]))'],
    }),
    histogramPanel({
      title: 'hg', unit: 's', legend: { mode: 'table', placement: 'right', calcs: ['max'] }, bucketCount: 20, bucketSize: 0.5, bucketOffset: 0.1, combine: true, stack: 'percent',
      lineWidth: 1, fillOpacity: 50, axisLabel: 'OSDs', softMin: 0, softMax: 10, logScale: 10, queries: [prometheusQuery({ expr: 'x_seconds', mode: 'instant' })],
    }),
  ],
  rows: [
    row({ title: 'logs', repeat: 'c', panels: [logs({ title: 'l', showTime: false, showLabels: true, wrapLines: false, details: false, order: 'oldest', dedup: 'signature', queries: [lokiQuery({ expr: '{a="b"}', legend: 'x', mode: 'instant', maxLines: 10, hide: false })] })] }),
    redRow({ service: 's', requests: 'r_total', duration: 'd_seconds', errors: { code: '5..' }, by: 'route', collapsed: true }),
    useRow({ collapsed: true }),
  ],
  extra: { weekStart: 'monday' },
});

function entries(): DashboardEntry[] {
  return [
    ...dashboardsOf('dashboards/checkout/checkout-api.ts', { checkoutApi }),
    ...dashboardsOf('dashboards/platform/nodes.ts', { nodes }),
    ...dashboardsOf('dashboards/test/everything.ts', { everything }),
  ];
}

let schemas: SdkSchemas;
beforeAll(async () => {
  schemas = await sdkSchemas();
}, 60_000);

const FORMATS: DashboardFormat[] = ['classic', 'v2'];

describe.each(FORMATS)('%s JSON against the SDK schema', (format) => {
  it.each(entries().map((e) => [e.dashboard.title, e] as const))('%s', (_, entry) => {
    const out = dashboardJson(entry, entries(), format);
    expect(validate(out, format === 'v2' ? schemas.v2 : schemas.classic)).toEqual([]);
  });
});

describe('the schema and validator are strict enough to mean something', () => {
  it('claims the SDK\'s current schemaVersion', () => {
    expect(schemas.schemaVersion).toBe(42);
    expect(dashboardJson(entries()[0] as DashboardEntry, entries()).schemaVersion).toBe(42);
  });

  it('rejects unknown fields, wrong enum values and wrong types anywhere in a panel or query', () => {
    const out = JSON.parse(JSON.stringify(dashboardJson(entries()[2] as DashboardEntry, entries()))) as { panels: Record<string, any>[]; templating: { list: Record<string, unknown>[] } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutating JSON
    const [, ts, st] = out.panels;
    if (!ts || !st) throw new Error('fixture changed');
    ts.options.legend.displayMode = 'grid';
    ts.fieldConfig.defaults.custom.fillOpacityy = 1;
    ts.targets[0].exprr = 'up';
    st.options.reduceOptions.calcs = 'mean';
    out.templating.list[0] = { ...out.templating.list[0], refresh: 7 };
    const paths = validate(out, schemas.classic).map((e) => e.message);
    expect(paths).toHaveLength(3);
    expect(paths.join('\n')).toMatch(/displayMode.*grid/);
    expect(paths.join('\n')).toMatch(/fillOpacityy/);
    expect(paths.join('\n')).toMatch(/exprr/);
    expect(paths.join('\n')).toMatch(/calcs: expected array/);
  });

  it('rejects a v2 manifest with a classic panel option in a v2 element', () => {
    const m = JSON.parse(JSON.stringify(dashboardJson(entries()[1] as DashboardEntry, entries(), 'v2'))) as { spec: { elements: Record<string, { spec: Record<string, unknown> }> } };
    const first = Object.values(m.spec.elements)[0];
    if (!first) throw new Error('no elements');
    first.spec.gridPos = { x: 0, y: 0, w: 1, h: 1 };
    const errors = validate(m, schemas.v2);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/spec\.gridPos: property not allowed/);
  });
});
