/**
 * `obs import dashboard`: a Grafana dashboard becomes a TS module that builds the same dashboard.
 * Checked on every dashboard this repository builds and on a dashboard as Grafana's UI exports it:
 * import, build, and find every value of the original in what obs writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isVacuous } from '../../dsl/import/dashboard-options.ts';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

type Json = Record<string, unknown>;
/** Grafana's bookkeeping, the model version the SDK writes, and variables' options (Grafana recomputes them). */
const IGNORED = new Set(['id', 'version', 'iteration', 'schemaVersion', 'pluginVersion', '__inputs', '__requires', '__elements', 'options']);

/**
 * Values Grafana reads as not set (null, '', [], {}, a `hide` of 0, a `current` without value, the
 * plugin defaults Grafana writes out on save), which the import may leave out: the importer's own list.
 */
const unset = isVacuous;

/** Paths where `original` has a value `built` does not (objects compared by their keys, arrays whole by position). */
function missing(original: unknown, built: unknown, path = ''): string[] {
  if (typeof original === 'object' && original !== null && !Array.isArray(original)) {
    if (typeof built !== 'object' || built === null || Array.isArray(built)) return [`${path}: ${JSON.stringify(built)}`];
    // A variable query in Grafana 10's object form is what Grafana makes of the query text.
    if (path.endsWith('.query') && typeof (original as Json).query === 'string' && (original as Json).query === built) return [];
    return Object.entries(original).flatMap(([k, v]) => {
      if (IGNORED.has(k) && (k !== 'options' || path.includes('.templating'))) return [];
      const b = (built as Json)[k];
      if (b === undefined && unset(k, v)) return [];
      if (path.includes('.templating') && k === 'query' && typeof v === 'object' && v !== null && (v as Json).query === b) return [];
      return missing(v, b, `${path}.${k}`);
    });
  }
  if (Array.isArray(original)) {
    if (!Array.isArray(built) || built.length !== original.length) return [`${path}: ${Array.isArray(built) ? built.length : typeof built} items, not ${original.length}`];
    return original.flatMap((x, i) => missing(x, built[i], `${path}[${i}]`));
  }
  return original === built ? [] : [`${path}: ${JSON.stringify(built)} instead of ${JSON.stringify(original)}`];
}

function builtDashboards(root: string): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.json')) {
        const j = JSON.parse(readFileSync(p, 'utf8')) as Json;
        out.set(String(j.uid), j);
      }
    }
  };
  walk(join(root, 'out', 'dashboards'));
  return out;
}

/** Every panel in the order of the built JSON (a collapsed row's panels after it): type, title, x, y, w, h. */
function layout(d: Json): unknown[][] {
  const all = (d.panels as Json[]).flatMap((p) => [p, ...(p.type === 'row' && Array.isArray(p.panels) ? (p.panels as Json[]) : [])]);
  return all.map((p) => {
    const g = p.gridPos as { x: number; y: number; w: number; h: number };
    return [p.type, p.title, g.x, g.y, g.w, g.h];
  });
}

function byTitle(d: Json): Map<string, Json> {
  const all = (d.panels as Json[]).flatMap((p) => [p, ...(Array.isArray(p.panels) ? (p.panels as Json[]) : [])]);
  return new Map(all.map((p) => [String(p.title), p]));
}

/** A panel's queries and legends. */
function queries(p: Json | undefined): { expr: unknown; legend: unknown }[] {
  return ((p?.targets ?? []) as Json[]).map((t) => ({ expr: t.expr, legend: t.legendFormat ?? '' }));
}

let fixture: FixtureProject | undefined;
afterEach(() => fixture?.cleanup());

/** Checks the imported module writes these typed fields, builds the project with no error, and returns the built dashboard. */
async function typedAndBuilt(project: FixtureProject, module: string, uid: string, typed: readonly string[]): Promise<Json> {
  for (const t of typed) expect(module).toContain(t);
  const build = await project.run(['build']);
  expect(build.stderr.match(/ error /g) ?? []).toEqual([]);
  expect(build.code).toBe(0);
  return JSON.parse(project.read(`out/dashboards/general/${uid}.json`)) as Json;
}

describe('obs import dashboard', () => {
  it('turns every dashboard this repository builds into modules that build them again', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const dir = join(REPO_ROOT, 'out', 'dashboards');
    const sources = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
      .flatMap((d) => readdirSync(join(dir, d.name)).map((f) => join(d.name, f)));
    expect(sources.length).toBeGreaterThanOrEqual(20);
    for (const s of sources) fixture.write(`grafana/${s.replace('/', '-')}`, readFileSync(join(dir, s), 'utf8'));
    const run = await fixture.run(['import', 'dashboard', ...sources.map((s) => `grafana/${s.replace('/', '-')}`)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const build = await fixture.run(['build']);
    expect(build.stderr.match(/ error /g) ?? []).toEqual([]);
    expect(build.code).toBe(0);
    const built = builtDashboards(fixture.root);
    for (const s of sources) {
      const original = JSON.parse(readFileSync(join(dir, s), 'utf8')) as Json;
      expect(missing(original, built.get(String(original.uid))), s).toEqual([]);
    }
  });

  it('imports a Grafana UI export: typed fields where the DSL has them, extra for the rest, notes for what it cannot keep', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const src = readFileSync(join(REPO_ROOT, 'test', 'build', 'fixtures', 'grafana-ui-export.json'), 'utf8');
    fixture.write('export.json', src);
    const run = await fixture.run(['import', 'dashboard', 'export.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote dashboards/api-red.ts from export.json (6 panel(s))');
    expect(run.stdout).toContain('note: variable "Filters" of type "adhoc" has no DSL form and was left out');
    const module = fixture.read('dashboards/api-red.ts');
    for (const typed of ["unit: 'reqps',", "thresholds: { base: 'green', steps: [{ value: 80, color: 'red' }] },", 'transform.merge(),',
      "datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' },", "pieChart({\n      title: 'Requests by method',", "row({\n      title: 'Details',\n      collapsed: true,", "mode: 'instant',"]) {
      expect(module).toContain(typed);
    }
    const build = await fixture.run(['build']);
    expect(build.stderr.match(/ error /g) ?? []).toEqual([]);
    const original = JSON.parse(src) as Json;
    const adhoc = (original.templating as { list: Json[] }).list.filter((v) => v.type !== 'adhoc');
    expect(missing({ ...original, templating: { list: adhoc } }, builtDashboards(fixture.root).get('api-red'))).toEqual([]);
  });

  it('files a dashboard from the HTTP API under its Grafana folder, which the build then uses', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const model = { uid: 'pay-1', title: 'Payments', panels: [{ type: 'stat', title: 's', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ expr: 'up', refId: 'A' }] }] };
    fixture.write('api.json', JSON.stringify({ dashboard: model, meta: { folderTitle: 'Team Payments' } }));
    expect((await fixture.run(['import', 'dashboard', 'api.json'])).stdout).toContain('wrote dashboards/team-payments/pay-1.ts');
    expect((await fixture.run(['build'])).code).toBe(0);
    expect(JSON.parse(fixture.read('out/dashboards/team-payments/pay-1.json')).title).toBe('Payments');
    expect(fixture.read('dashboards/team-payments/pay-1.ts')).toContain("folder: 'Team Payments',");
    expect(fixture.read('out/grafana/provisioning/dashboards.yaml')).toContain('folder: Team Payments');
  });

  it('builds what Grafana shows as is: stale and overlapping positions, queryless and untitled panels, panel references, repeats', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const q = (expr: string, refId = 'A') => ({ expr, refId, datasource: { type: 'prometheus', uid: '${datasource}' } });
    const model = {
      title: '.NET Runtime', graphTooltip: 0,
      panels: [
        { id: 10, type: 'stat', title: '', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [q('up')] },
        { id: 11, type: 'stat', title: 'Overlapping', gridPos: { x: 3, y: 0, w: 6, h: 4 }, targets: [q('up'), q('up', 'A')] },
        { id: 12, type: 'timeseries', title: 'Reuse', gridPos: { x: 12, y: 0, w: 12, h: 4 }, datasource: { type: 'datasource', uid: '-- Dashboard --' }, targets: [{ refId: 'A', panelId: 10, datasource: { type: 'datasource', uid: '-- Dashboard --' } }] },
        { id: 13, type: 'dashlist', title: 'Dashboards', gridPos: { x: 0, y: 4, w: 6, h: 4 }, options: { showStarred: true } },
        { id: 16, type: 'constructor', title: 'Odd type', gridPos: { x: 18, y: 4, w: 6, h: 4 } },
        { id: 14, type: 'stat', title: 'Per instance', repeat: 'instance', gridPos: { x: 6, y: 4, w: 6, h: 4 }, targets: [q('up')] },
        { id: 15, type: 'stat', title: 'Per instance', repeatPanelId: 14, gridPos: { x: 12, y: 4, w: 6, h: 4 }, targets: [q('up')] },
        { id: 20, type: 'row', title: 'Old', collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [
          { id: 21, type: 'timeseries', title: 'Stale', gridPos: { x: 0, y: 70, w: 12, h: 8 }, targets: [q('rate(x[5m])')] },
          { id: 22, type: 'timeseries', title: 'Stale too', gridPos: { x: 12, y: 70, w: 12, h: 8 }, targets: [q('rate(y[5m])')] },
        ] },
      ],
    };
    fixture.write('dotnet.json', `\uFEFF${JSON.stringify(model)}`);
    const run = await fixture.run(['import', 'dashboard', 'dotnet.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote dashboards/net-runtime.ts');
    expect(run.stdout).toContain('note: 1 panel(s) overlap another in the JSON ("Overlapping"): placed as Grafana\'s grid shows them');
    expect(run.stdout).toContain('note: 1 panel(s) that Grafana repeated from another (repeatPanelId) were left out');
    expect(run.stdout).toMatch(/note: 1 error\(s\) of dashboard\/titles suppressed on the dashboard/);
    const module = fixture.read('dashboards/net-runtime.ts');
    expect(module).toContain("tooltip: 'off',");
    expect(module).toMatch(/text\(\{\s+title: 'Dashboards',/);
    expect(module).toContain("title: 'Stale',\n          width: 12,\n          height: 8,\n          position: { x: 0, y: 0 },");
    const build = await fixture.run(['build']);
    expect(build.stderr.match(/ error /g) ?? []).toEqual([]);
    expect(build.code).toBe(0);
    const built = JSON.parse(fixture.read('out/dashboards/general/net-runtime.json')) as { panels: { id: number; title: string; type: string; targets?: { panelId?: number }[] }[] };
    const byTitle = (t: string) => built.panels.find((p) => p.title === t);
    expect(byTitle('Reuse')?.targets?.[0]?.panelId).toBe(built.panels.find((p) => p.title === '')?.id);
    expect(byTitle('Dashboards')?.type).toBe('dashlist');
    expect(built.panels.filter((p) => p.title === 'Per instance')).toHaveLength(1);
  });

  it('migrates a pre-5.0 rows-model dashboard and its Angular panels as Grafana does on load, and builds it', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const src = readFileSync(join(REPO_ROOT, 'test', 'build', 'fixtures', 'grafana-rows-model.json'), 'utf8');
    fixture.write('rows.json', src);
    const run = await fixture.run(['import', 'dashboard', 'rows.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: the pre-5.0 rows model (4 row(s)) was migrated to grid positions as Grafana does on load');
    expect(run.stdout).toContain('note: 1 row(s) that Grafana repeated from another were left out');
    expect(run.stdout).toContain("note: Angular panels migrated as Grafana's panel auto-migration does: 3 graph → timeseries, 1 singlestat → stat, 1 singlestat → gauge, 1 table-old → table, 1 grafana-piechart-panel → piechart");
    const module = fixture.read('dashboards/example-requests.ts');
    for (const old of ["'graph'", "'singlestat'", "'table-old'", "'grafana-piechart-panel'"]) expect(module).not.toContain(old);
    const built = await typedAndBuilt(fixture, module, 'example-requests', ["legend: { mode: 'table', placement: 'right', calcs: ['max', 'mean', 'lastNotNull'] },", 'logScale: 10,',
      "stack: 'normal',", "colorMode: 'background',", "graphMode: 'area',", "{ special: 'null', text: 'no data' }", "pieType: 'donut',", 'match: { byRegexp: \'/5../\' }']);
    // Reading order, migrated types and grid positions, worked out by hand from DashboardMigrator's rules
    // (250px rows are 7 units, spans 4/3/6 of 12 are 8/6/12 columns, a collapsed row adds no height).
    expect(layout(built)).toEqual([
      ['row', 'Requests', 0, 0, 24, 1], ['timeseries', 'Rate', 0, 1, 8, 7], ['timeseries', 'Latency', 8, 1, 8, 7], ['timeseries', 'Restarts', 16, 1, 8, 7],
      ['row', 'Health', 0, 8, 24, 1], ['stat', 'Up', 0, 9, 6, 3], ['gauge', 'CPU', 6, 9, 6, 4],
      ['row', 'Instance $instance', 0, 9, 24, 1], ['table', 'Handlers', 0, 10, 12, 7], ['piechart', 'Methods', 12, 10, 12, 7],
    ]);
    const original = JSON.parse(src) as { rows: { panels: Json[]; repeatIteration?: number }[] };
    const panels = byTitle(built);
    for (const o of original.rows.filter((r) => !r.repeatIteration).flatMap((r) => r.panels)) {
      const b = panels.get(String(o.title));
      expect(queries(b), String(o.title)).toEqual(queries(o));
    }
    const field = (title: string): Json => ((panels.get(title)?.fieldConfig ?? {}) as Json);
    const defaults = (title: string): Json => (field(title).defaults ?? {}) as Json;
    expect(defaults('Rate')).toMatchObject({ unit: 'reqps', min: 0, custom: { stacking: { mode: 'normal' }, fillOpacity: 100, lineWidth: 0, drawStyle: 'line' } });
    expect(field('Rate').overrides).toEqual([
      { matcher: { id: 'byName', options: 'p99' }, properties: [{ id: 'color', value: { fixedColor: '#C4162A', mode: 'fixed' } }] },
      { matcher: { id: 'byRegexp', options: '/5../' }, properties: [{ id: 'color', value: { fixedColor: '#E24D42', mode: 'fixed' } }] },
    ]);
    expect(panels.get('Rate')?.options).toMatchObject({ tooltip: { mode: 'single' }, legend: { displayMode: 'list', placement: 'bottom', showLegend: true } });
    expect(defaults('Latency')).toMatchObject({
      unit: 's', decimals: 3, min: 0.001, max: 10,
      custom: { axisLabel: 'p99', scaleDistribution: { type: 'log', log: 10 }, showPoints: 'always', spanNulls: true, lineWidth: 2, thresholdsStyle: { mode: 'line+area' } },
      thresholds: { mode: 'absolute', steps: [{ value: null, color: 'transparent' }, { value: 0.5, color: 'red' }] },
    });
    expect(field('Latency').overrides).toEqual([{ matcher: { id: 'byName', options: 'errors' }, properties: [
      { id: 'unit', value: 'reqps' }, { id: 'min', value: 0 }, { id: 'custom.axisPlacement', value: 'right' }, { id: 'custom.lineWidth', value: 1 }, { id: 'custom.fillOpacity', value: 0 },
    ] }]);
    expect(panels.get('Latency')?.options).toMatchObject({ legend: { displayMode: 'table', placement: 'right', calcs: ['max', 'mean', 'lastNotNull'] }, tooltip: { mode: 'multi' } });
    expect(defaults('Restarts')).toMatchObject({ custom: { drawStyle: 'bars', fillOpacity: 100 } });
    expect(panels.get('Restarts')?.options).toMatchObject({ legend: { showLegend: false, displayMode: 'hidden' } });
    expect(defaults('Up')).toMatchObject({
      noValue: 'n/a',
      thresholds: { steps: [{ value: null, color: '#d44a3a' }, { value: 0.5, color: 'rgba(237, 129, 40, 0.89)' }, { value: 1, color: '#299c46' }] },
      mappings: [
        { type: 'value', options: { 0: { text: 'DOWN', index: 0 } } }, { type: 'value', options: { 1: { text: 'UP', index: 1 } } },
        { type: 'special', options: { match: 'null', result: { text: 'no data', index: 2 } } },
      ],
    });
    expect(panels.get('Up')?.options).toMatchObject({ colorMode: 'background', graphMode: 'area', reduceOptions: { calcs: ['lastNotNull'] } });
    expect(defaults('CPU')).toMatchObject({ unit: 'percentunit', decimals: 1, min: 0, max: 1 });
    expect(panels.get('CPU')?.options).toMatchObject({ reduceOptions: { calcs: ['mean'] }, showThresholdMarkers: true, showThresholdLabels: false });
    expect(field('Handlers').overrides).toEqual([
      { matcher: { id: 'byName', options: 'Time' }, properties: [{ id: 'displayName', value: 'Time' }, { id: 'custom.hidden', value: true }] },
      { matcher: { id: 'byName', options: 'Value' }, properties: [{ id: 'displayName', value: 'Requests' }, { id: 'unit', value: 'reqps' }, { id: 'decimals', value: 2 }] },
    ]);
    expect(panels.get('Handlers')?.transformations).toEqual([{ id: 'merge', options: {} }]);
    expect(panels.get('Methods')?.options).toMatchObject({ pieType: 'donut', legend: { displayMode: 'table', placement: 'right', values: ['value', 'percent'] } });
    expect(field('Methods').overrides).toEqual([{ matcher: { id: 'byName', options: 'GET' }, properties: [{ id: 'color', value: { fixedColor: '#7EB26D', mode: 'fixed' } }] }]);
    const rows = (built.panels as Json[]).filter((p) => p.type === 'row');
    expect(rows.map((r) => [r.title, r.collapsed, r.repeat])).toEqual([['Requests', false, undefined], ['Health', true, undefined], ['Instance $instance', false, 'instance']]);
    const vars = (built.templating as { list: Json[] }).list;
    expect(vars.map((v) => [v.name, v.type, v.query])).toEqual([
      ['datasource', 'datasource', 'prometheus'], ['interval', 'interval', '5m,10m,30m,1h'], ['job', 'query', 'label_values(up, job)'], ['instance', 'query', 'label_values(up{job=~"$job"}, instance)'],
    ]);
    expect(vars[1]).toMatchObject({ auto: true, auto_count: 300 });
    // The old string reference to the datasource variable became the variable's reference.
    expect(panels.get('Rate')?.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  it('places panels as Grafana\'s grid does (overlaps compacted in reading order, a missing gridPos at the default), keeps one source for an object-form variable query, and notes dropped export fields', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const src = readFileSync(join(REPO_ROOT, 'test', 'build', 'fixtures', 'grafana-grid-overlaps.json'), 'utf8');
    fixture.write('ceph.json', src);
    const run = await fixture.run(['import', 'dashboard', 'ceph.json']);
    expect(run.code, run.stderr).toBe(0);
    for (const note of [
      'note: 2 panel(s) overlap another in the JSON ("Throughput", "Latency"): placed as Grafana\'s grid shows them',
      "note: 1 panel(s) had no gridPos: placed at Grafana's default (x 0, y 0, 6×3)",
      'note: __inputs dropped (${DS_PROMETHEUS})', 'note: __requires dropped (grafana grafana 10.4.1, panel graph)',
      'note: gnetId 2842 (the grafana.com dashboard it came from) dropped', 'note: pluginVersion of 1 panel(s) dropped',
      "Angular panels migrated as Grafana's panel auto-migration does: 1 graph → timeseries",
    ]) expect(run.stdout).toContain(note);
    expect(run.stdout).not.toContain('rows model');
    const module = fixture.read('dashboards/ceph-cluster-example.ts');
    expect(module).toContain("query: 'label_values(ceph_pool_metadata, name)',");
    expect(module).not.toContain('qryType');
    const built = await typedAndBuilt(fixture, module, 'ceph-cluster-example', ["legend: { mode: 'table', placement: 'right', calcs: ['mean', 'max'] },",
      "{ match: { byRegexp: '/^Writes/' }, set: { custom: { transform: 'negative-Y' } } },", "mappings: [{ value: '0', text: 'HEALTH_OK', color: 'green' }],",
      "prometheusQuery({ expr: 'ceph_health_status', editorMode: 'code' })"]);
    // react-grid-layout's vertical compaction, by hand: Latency (no gridPos: 0,0 6x3) goes under Health,
    // Throughput (over IOPS) under IOPS, the gaps above Notes and the row close.
    expect(layout(built)).toEqual([
      ['stat', 'Health', 0, 0, 6, 4], ['timeseries', 'IOPS', 6, 0, 12, 8], ['timeseries', 'Latency', 0, 4, 6, 3], ['timeseries', 'Throughput', 12, 8, 12, 8],
      ['text', 'Notes', 0, 16, 24, 3], ['row', 'Details', 0, 19, 24, 1], ['timeseries', 'Pool usage', 0, 20, 24, 6],
    ]);
    const original = JSON.parse(src) as { panels: Json[] };
    const panels = byTitle(built);
    for (const o of original.panels.filter((p) => p.type !== 'row')) expect(queries(panels.get(String(o.title))), String(o.title)).toEqual(queries(o));
    expect(panels.get('Pool usage')?.fieldConfig).toMatchObject({ defaults: { unit: 'bytes', min: 0, custom: { stacking: { mode: 'normal' }, fillOpacity: 0, lineWidth: 1 } } });
    const pool = (built.templating as { list: Json[] }).list.find((v) => v.name === 'pool');
    expect(pool?.query).toBe('label_values(ceph_pool_metadata, name)');
    expect(original.panels.map((p) => p.title).filter((t) => !panels.has(String(t)))).toEqual([]);
  });

  it('keeps no extra for what grafonnet-lib writes on every query: a newline after the expression, intervalFactor 1', async () => {
    // In the shape of ceph/ceph monitoring/ceph-mixin/dashboards_out/rbd-overview.json ("Average Latency"):
    // a multi-line expression ending in a newline, and the query's default resolution written out.
    const expr = 'round(\n  sum(rate(ceph_rbd_write_latency_sum{job=~"$job"}[$__rate_interval])) /\n    sum(rate(ceph_rbd_write_latency_count{job=~"$job"}[$__rate_interval]))\n)\n';
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    fixture.write('rbd.json', JSON.stringify({
      uid: 'rbd', title: 'RBD', rows: [], schemaVersion: 16,
      panels: [{ type: 'timeseries', title: 'Average Latency', datasource: { type: 'prometheus', uid: 'prom' }, gridPos: { h: 7, w: 8, x: 0, y: 0 }, id: 4, fieldConfig: { defaults: { unit: 'ns' }, overrides: [] },
        targets: [{ expr, format: 'time_series', intervalFactor: 1, legendFormat: 'Write', refId: 'A' }, { expr: 'sum(up)', intervalFactor: 2, refId: 'B' }] }],
    }));
    const run = await fixture.run(['import', 'dashboard', 'rbd.json']);
    expect(run.code, run.stderr).toBe(0);
    const module = fixture.read('dashboards/rbd.ts');
    // One source for the expression: editing it changes what the build writes (before: a copy in extra.expr won).
    expect(module).not.toContain('extra');
    expect(module).toContain("prometheusQuery({ expr: 'sum(up)', intervalFactor: 2 })");
    expect((await fixture.run(['build'])).code).toBe(0);
    const built = JSON.parse(fixture.read('out/dashboards/general/rbd.json')) as { panels: { targets: Json[] }[] };
    expect(built.panels[0]!.targets.map((t) => [t.expr, t.intervalFactor])).toEqual([[expr.trim(), undefined], ['sum(up)', 2]]);
  });

  it('migrates graphs with a series x axis to bar charts (bar gauges when the legend shows values) and with a histogram x axis to histograms, as Grafana does', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    const src = readFileSync(join(REPO_ROOT, 'test', 'build', 'fixtures', 'grafana-graph-xaxis-modes.json'), 'utf8');
    fixture.write('modes.json', src);
    const run = await fixture.run(['import', 'dashboard', 'modes.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("note: Angular panels migrated as Grafana's panel auto-migration does: 1 graph → bargauge, 1 graph → barchart, 2 graph → histogram, 1 graph → timeseries");
    // Grafana's bar chart and histogram migrations read the x axis only: the y axes are dropped and said.
    expect(run.stdout).toMatch(/settings of the old panels that Grafana's migration drops too: .*yaxes \(4\)/);
    expect(run.stdout).not.toContain('has no typed DSL panel');
    const module = fixture.read('dashboards/graph-xaxis-modes.ts');
    expect(module).not.toContain("'graph'");
    const built = await typedAndBuilt(fixture, module, 'graph-xaxis-modes', ['barGauge({', 'barChart({', 'histogramPanel({', 'groupWidth: 1,',
      "transformations: [transform.reduce({ reducers: ['sum', 'max'] }), transform.transpose()],", "overrides: [{ match: { byName: 'Field' }, set: { custom: { axisPlacement: 'hidden' } } }],",
      'combine: false,', "stack: 'percent',"]);
    expect(layout(built)).toEqual([
      ['bargauge', 'Received now, by namespace', 0, 0, 12, 9], ['barchart', 'Requests in the last hour, by route', 12, 0, 12, 9],
      ['histogram', 'PGs per OSD', 0, 9, 8, 8], ['histogram', 'p90 latency spread', 8, 9, 8, 8], ['timeseries', 'Requests over time', 16, 9, 8, 8],
    ]);
    const original = JSON.parse(src) as { panels: Json[] };
    const panels = byTitle(built);
    for (const o of original.panels) expect(queries(panels.get(String(o.title))), String(o.title)).toEqual(queries(o));
    // changeToBarChartPanelMigrationHandler: the x axis values (Grafana's reducer names) reduce each series, then transposed.
    const bars = panels.get('Requests in the last hour, by route');
    expect(bars?.transformations).toEqual([{ id: 'reduce', options: { reducers: ['sum', 'max'] } }, { id: 'transpose', options: {} }]);
    expect(bars?.options).toMatchObject({ groupWidth: 1, legend: { showLegend: true }, tooltip: { mode: 'single' } });
    expect((bars?.fieldConfig as Json).overrides).toEqual([{ matcher: { id: 'byName', options: 'Field' }, properties: [{ id: 'custom.axisPlacement', value: 'hidden' }] }]);
    // A series graph whose legend shows values: a bar gauge with Grafana's defaults (nothing of the graph is kept).
    expect(panels.get('Received now, by namespace')?.options).toMatchObject({ reduceOptions: { calcs: ['lastNotNull'], values: false } });
    // changeToHistogramPanelMigrationHandler: a list legend, a single tooltip, not combined; stacking as the graph's.
    expect(panels.get('PGs per OSD')?.options).toMatchObject({ combine: false, legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'single', sort: 'none' } });
    expect((panels.get('PGs per OSD')?.fieldConfig as { defaults: Json }).defaults.custom).not.toHaveProperty('stacking');
    expect((panels.get('p90 latency spread')?.fieldConfig as { defaults: Json }).defaults).toMatchObject({ custom: { stacking: { mode: 'percent' } } });
    expect(panels.get('Requests over time')?.fieldConfig).toMatchObject({ defaults: { unit: 'reqps' } });
  });

  it('refuses what is not a classic dashboard with a located message, and writes nothing', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-dash-' });
    fixture.write('broken.json', '{\n  "title": "x",\n  "panels": [,]\n}\n');
    fixture.write('v2.json', JSON.stringify({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', spec: {} }));
    fixture.write('rules.json', JSON.stringify({ groups: [] }));
    const run = await fixture.run(['import', 'dashboard', 'broken.json', 'v2.json', 'rules.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.json:3:14  error  file/format');
    expect(run.stderr).toContain('this is a v2 dashboard resource; obs imports the classic JSON model');
    expect(run.stderr).toContain('not a Grafana dashboard: no panels');
    expect(run.stdout).toBe('');
  });
});
