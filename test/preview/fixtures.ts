/**
 * Hand-written dashboards and rule files for the preview tests, in the shape `obs build` writes them
 * (out/dashboards/checkout/checkout-api.json, out/rules/alerts/checkout-api.yml): every panel type
 * the preview draws, an expanded and a collapsed row, variables of each kind.
 */
import { stringify } from 'yaml';

const DS = { type: 'prometheus', uid: '${datasource}' };

interface P { type: string; title: string; x: number; y: number; w: number; h: number; exprs?: string[]; unit?: string; instant?: boolean; extra?: Record<string, unknown>; legend?: string }

let nextId = 1;
function panel(p: P): Record<string, unknown> {
  return {
    datasource: DS,
    fieldConfig: { defaults: { unit: p.unit ?? 'short', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] } }, overrides: [] },
    gridPos: { h: p.h, w: p.w, x: p.x, y: p.y },
    id: nextId++,
    options: { legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true }, reduceOptions: { calcs: ['lastNotNull'], values: false } },
    targets: (p.exprs ?? []).map((expr, i) => ({ datasource: DS, expr, instant: p.instant === true, range: p.instant !== true, refId: String.fromCharCode(65 + i), ...(p.legend ? { legendFormat: p.legend } : {}) })),
    title: p.title,
    type: p.type,
    ...p.extra,
  };
}

/** A dashboard with every panel type, a row, and a collapsed row holding two panels. */
export function showcaseDashboard(opts: { uid?: string; title?: string; rateThreshold?: number; extraPanel?: boolean } = {}): Record<string, unknown> {
  nextId = 1;
  const top = opts.extraPanel ? 4 : 0;
  const panels: Record<string, unknown>[] = [];
  if (opts.extraPanel) panels.push(panel({ type: 'stat', title: 'Targets down', x: 0, y: 0, w: 24, h: 4, exprs: ['count(up == 0) or vector(0)'], unit: 'none', instant: true }));
  panels.push(
    { gridPos: { h: 2, w: 24, x: 0, y: top }, id: nextId++, options: { content: 'Owned by **platform**; see the [runbook](https://runbooks.example.com/up).', mode: 'markdown' }, title: '', type: 'text' },
    panel({ type: 'timeseries', title: 'Targets up', x: 0, y: top + 2, w: 12, h: 8, exprs: ['up{job=~"$job"}'], unit: 'none', legend: '{{job}} {{instance}}' }),
    panel({ type: 'timeseries', title: 'HTTP requests', x: 12, y: top + 2, w: 12, h: 8, exprs: ['sum by (handler) (rate(prometheus_http_requests_total{job=~"$job"}[$__rate_interval]))'], unit: 'reqps', legend: '{{handler}}',
      extra: { fieldConfig: { defaults: { unit: 'reqps', custom: { fillOpacity: 10, thresholdsStyle: { mode: 'line' } }, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: opts.rateThreshold ?? 5 }] } }, overrides: [] } } }),
    panel({ type: 'stat', title: 'Samples scraped', x: 0, y: top + 10, w: 6, h: 4, exprs: ['sum(scrape_samples_scraped)'], unit: 'short', extra: { options: { colorMode: 'value', graphMode: 'area', reduceOptions: { calcs: ['lastNotNull'], values: false } } } }),
    panel({ type: 'gauge', title: 'Share up', x: 6, y: top + 10, w: 6, h: 4, exprs: ['avg(up)'], unit: 'percentunit', instant: true,
      extra: { fieldConfig: { defaults: { unit: 'percentunit', min: 0, max: 1, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'green', value: 0.9 }] } }, overrides: [] } } }),
    panel({ type: 'bargauge', title: 'Heap', x: 12, y: top + 10, w: 12, h: 4, exprs: ['go_memstats_heap_inuse_bytes'], unit: 'bytes', instant: true, legend: '{{job}}' }),
    { collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: top + 14 }, id: nextId++, panels: [], title: 'Details', type: 'row' },
    panel({ type: 'table', title: 'Targets', x: 0, y: top + 15, w: 12, h: 6, exprs: ['up', 'scrape_duration_seconds'], instant: true, extra: { targets: [{ datasource: DS, expr: 'up', format: 'table', instant: true, range: false, refId: 'A' }, { datasource: DS, expr: 'scrape_duration_seconds', format: 'table', instant: true, range: false, refId: 'B' }] } }),
    panel({ type: 'piechart', title: 'Requests by code', x: 12, y: top + 15, w: 12, h: 6, exprs: ['sum by (code) (prometheus_http_requests_total)'], instant: true, legend: '{{code}}', extra: { options: { pieType: 'donut', legend: { showLegend: true, values: ['value', 'percent'] }, reduceOptions: { calcs: ['lastNotNull'] } } } }),
    panel({ type: 'heatmap', title: 'Request latency', x: 0, y: top + 21, w: 12, h: 7, exprs: ['sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[$__rate_interval]))'], legend: '{{le}}', extra: { options: { yAxis: { unit: 's' } } } }),
    { datasource: { type: 'loki', uid: '${logs}' }, gridPos: { h: 7, w: 12, x: 12, y: top + 21 }, id: nextId++, options: { showTime: true }, targets: [{ datasource: { type: 'loki', uid: '${logs}' }, expr: '{job="prometheus"} |= "error"', refId: 'A' }], title: 'Logs', type: 'logs' },
    panel({ type: 'nodeGraph', title: 'Service graph', x: 0, y: top + 28, w: 24, h: 4 }),
    { collapsed: true, gridPos: { h: 1, w: 24, x: 0, y: top + 32 }, id: nextId++, title: 'Internals', type: 'row', panels: [
      panel({ type: 'timeseries', title: 'Goroutines', x: 0, y: top + 33, w: 12, h: 6, exprs: ['go_goroutines'], unit: 'none' }),
      panel({ type: 'stat', title: 'Series in head', x: 12, y: top + 33, w: 12, h: 6, exprs: ['prometheus_tsdb_head_series'], unit: 'short' }),
    ] },
    { collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: top + 33 }, id: nextId++, panels: [], title: 'After', type: 'row' },
    panel({ type: 'stat', title: 'Scrape pools', x: 0, y: top + 34, w: 8, h: 3, exprs: ['count(count by (job) (up))'], unit: 'none', instant: true }),
    // A bar per job and query (A: targets, B: targets up), and the values of up binned by 0.5.
    panel({ type: 'barchart', title: 'Targets by job', x: 0, y: top + 37, w: 12, h: 6, exprs: ['count by (job) (up)', 'sum by (job) (up)'], unit: 'none', instant: true, legend: '{{job}}', extra: { options: { orientation: 'vertical', showValue: 'auto', stacking: 'none', groupWidth: 0.7, barWidth: 0.97, legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } } } }),
    panel({ type: 'histogram', title: 'Values of up', x: 12, y: top + 37, w: 12, h: 6, exprs: ['up{job=~"$job"}'], unit: 'none', legend: '{{job}}', extra: { options: { bucketSize: 0.5, combine: false, legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } } } }),
  );
  return {
    annotations: { list: [] }, editable: false, panels, refresh: '30s', schemaVersion: 42, tags: ['test'], time: { from: 'now-5m', to: 'now' }, timezone: 'utc',
    templating: { list: [
      { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
      { name: 'job', type: 'query', label: 'Job', datasource: DS, definition: 'label_values(up, job)', query: 'label_values(up, job)', includeAll: true, multi: true, allValue: '.+', refresh: 2, sort: 1, options: [] },
      { name: 'window', type: 'custom', label: 'Window', query: '5m,30m,1h', current: { text: '30m', value: '30m' }, options: [] },
      { name: 'logs', type: 'datasource', query: 'loki', label: 'Logs' },
    ] },
    title: opts.title ?? 'Showcase', uid: opts.uid ?? 'showcase',
  };
}

export function ruleYaml(rules: readonly { alert: string; expr: string; for?: string; labels?: Record<string, string> }[]): string {
  return `# Generated by obs-as-code from alerts/demo.ts. Do not edit: change the TypeScript and run npm run build:obs.\n${stringify({ groups: [{ name: 'demo.alerts', rules }] })}`;
}

export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
