/**
 * `obs import dashboard`: a Grafana dashboard becomes a TS module that builds the same dashboard.
 * Checked on every dashboard this repository builds and on a dashboard as Grafana's UI exports it:
 * import, build, and find every value of the original in what obs writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

type Json = Record<string, unknown>;
/** Grafana's bookkeeping, the model version the SDK writes, and variables' options (Grafana recomputes them). */
const IGNORED = new Set(['id', 'version', 'iteration', 'schemaVersion', 'pluginVersion', '__inputs', '__requires', '__elements', 'options']);

/** Values Grafana reads as not set, which the import may leave out: null, '', [], {}, a `hide` of 0 or false, a `current` without value. */
function unset(k: string, v: unknown): boolean {
  if (v === null || v === '' || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Object.keys(v).length)) return true;
  if (k === 'hide') return v === 0 || v === false;
  return k === 'current' && typeof v === 'object' && v !== null && ((v as Json).value === undefined || (v as Json).value === '');
}

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

let fixture: FixtureProject | undefined;
afterEach(() => fixture?.cleanup());

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
