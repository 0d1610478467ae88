/**
 * obs as an installed dependency, for real: `npm pack` this repository, lay out a project with
 * `obs init`, `npm install` the tarball into it, then author, import, build and type-check there
 * with the installed `obs` and the package's own type declarations.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let project: string;
// npx once (the bin npm links), then the installed binaries directly: npx costs a second a call.
let OBS: string;
let TSC: string;
let tarball: string;

function run(cmd: string, args: string[], cwd: string): { code: number; out: string } {
  try {
    const out = execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obs-pkg-'));
  const pack = run('npm', ['pack', '--pack-destination', dir, '--silent'], REPO);
  expect(pack.code, pack.out).toBe(0);
  tarball = join(dir, pack.out.trim().split('\n').pop()!);
  project = join(dir, 'deploy-repo');
  run('git', ['init', '-q', project], dir);
  const init = run(process.execPath, [join(REPO, 'bin', 'obs.js'), 'init', '--dependency', `file:${tarball}`], project);
  expect(init.code, init.out).toBe(0);
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project);
  expect(install.code, install.out).toBe(0);
  OBS = join(project, 'node_modules', '.bin', 'obs');
  TSC = join(project, 'node_modules', '.bin', 'tsc');
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ALERT = `import { alert, promql, ruleGroup } from 'obs-as-code';

export const exampleAlerts = ruleGroup({
  name: 'example.alerts',
  rules: [
    alert({
      name: 'ExampleTargetDown',
      expr: promql\`up{job="example"} == 0\`,
      for: '5m',
      labels: { severity: 'page' },
      annotations: { summary: 'Target {{ $labels.instance }} is down' },
    }),
  ],
});
`;

describe('obs installed from its npm pack tarball', () => {
  it('ships the bundle, the declarations and the CLI, not the sources', () => {
    const pkg = join(project, 'node_modules', 'obs-as-code');
    const files = run('find', ['.', '-maxdepth', '1'], pkg).out;
    expect(files).toContain('./dist');
    expect(files).not.toContain('./dsl');
    expect(files).not.toContain('./test');
  });

  it('builds and type-checks definitions that import obs-as-code', () => {
    writeFileSync(join(project, 'alerts', 'example.ts'), ALERT);
    const build = run('npx', ['obs', 'build'], project);
    expect(build.code, build.out).toBe(0);
    expect(readFileSync(join(project, 'out', 'rules', 'alerts', 'example.yml'), 'utf8')).toContain('expr: up{job="example"} == 0');
    const tsc = run(TSC, [ '--noEmit'], project);
    expect(tsc.code, tsc.out).toBe(0);
    // The types are obs's own, not `any`: a wrong field type fails the user's tsc and the build names the line.
    writeFileSync(join(project, 'alerts', 'example.ts'), ALERT.replace("for: '5m'", 'for: 5'));
    const bad = run(TSC, [ '--noEmit'], project);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/alerts\/example\.ts\(9,7\): error TS2322/);
    process.env.OBS_DEBUG_LINK = '1';
    const badBuild = run(OBS, ['build'], project);
    delete process.env.OBS_DEBUG_LINK;
    expect(badBuild.code).toBe(1);
    // The definitions ran as one script (bin/graph-script.js), importing the package's own entry modules.
    expect(badBuild.out).toMatch(/obs: as one script: /);
    expect(badBuild.out).toMatch(/alerts\/example\.ts:6:5 +error +rules\/durations/);
    writeFileSync(join(project, 'alerts', 'example.ts'), ALERT);
  }, 240_000);

  it('previews a dashboard (the page assets ship in the package)', () => {
    writeFileSync(join(project, 'dashboards', 'example.ts'), `import { dashboard, prometheusQuery, timeseries } from 'obs-as-code';

export const example = dashboard({
  title: 'Example',
  uid: 'example',
  panels: [timeseries({ title: 'Up', unit: 'none', queries: [prometheusQuery({ expr: 'sum(up{job="example"})' })] })],
});
`);
    expect(run(OBS, ['build'], project).code).toBe(0);
    const preview = run(OBS, ['preview'], project);
    expect(preview.code, preview.out).toBe(0);
    const page = readFileSync(join(project, 'preview', 'dashboards', 'example.html'), 'utf8');
    expect(page).toContain('.uplot');
    expect(page).toContain('preview-data');
  }, 240_000);

  it('imports a rule file into a module that imports obs-as-code and builds', () => {
    writeFileSync(join(dir, 'legacy.yml'), 'groups:\n  - name: legacy\n    rules:\n      - alert: LegacyDown\n        expr: up == 0\n        for: 10m\n        labels: { severity: page }\n        annotations: { summary: down }\n');
    const imp = run(OBS, ['import', 'rules', join(dir, 'legacy.yml')], project);
    expect(imp.code, imp.out).toBe(0);
    expect(readFileSync(join(project, 'alerts', 'legacy.ts'), 'utf8')).toContain("from 'obs-as-code'");
    const build = run(OBS, ['build', '--check'], project);
    expect(build.code).toBe(1); // out/ lacks the imported rules until built
    expect(run(OBS, ['build'], project).code).toBe(0);
    expect(run(TSC, [ '--noEmit'], project).code).toBe(0);
    expect(readFileSync(join(project, 'out', 'rules', 'alerts', 'legacy.yml'), 'utf8')).toContain('alert: LegacyDown');
  }, 240_000);

  it('obs init run from the installed copy names what it was installed from, and that installs', () => {
    // obs-as-code is not on the public registry: a version range (^0.1.0) would not install.
    const second = join(dir, 'second-repo');
    run('git', ['init', '-q', second], dir);
    const init = run(OBS, ['init'], second);
    expect(init.code, init.out).toBe(0);
    const manifest = JSON.parse(readFileSync(join(second, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies['obs-as-code']).toBe(`file:${tarball}`);
    expect(init.out).toContain(`file:${tarball}`);
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], second);
    expect(install.code, install.out).toBe(0);
    const build = run(join(second, 'node_modules', '.bin', 'obs'), ['build'], second);
    expect(build.code, build.out).toBe(0);
  }, 240_000);
});

// A dashboard as Grafana shows it: every panel in reading order (title, type, queries and legends),
// the row headers, and the variables. The original's panels are given the type Grafana's panel
// auto-migration gives them.
type Panel = { type: string; title?: string; gridPos?: { x: number; y: number }; targets?: { expr?: string; legendFormat?: string }[]; panels?: Panel[]; gauge?: { show?: boolean }; span?: number };
type Dashboard = { panels?: Panel[]; rows?: { title?: string; repeatIteration?: number | null; panels: Panel[] }[]; templating?: { list: { name: string; type: string; query?: unknown }[] } };
const MIGRATED: Record<string, (p: Panel) => string> = {
  graph: () => 'timeseries',
  singlestat: (p) => (p.gauge?.show ? 'gauge' : 'stat'),
  'table-old': () => 'table',
  'grafana-piechart-panel': () => 'piechart',
};
function shown(d: Dashboard): { panels: string[][]; rows: string[]; variables: string[][] } {
  const panel = (p: Panel): string[] => [p.title ?? '', MIGRATED[p.type]?.(p) ?? p.type, ...(p.targets ?? []).flatMap((t) => [t.expr ?? '', t.legendFormat ?? ''])];
  const byPlace = (ps: readonly Panel[]): Panel[] => [...ps].sort((a, b) => a.gridPos!.y - b.gridPos!.y || a.gridPos!.x - b.gridPos!.x);
  const panels: string[][] = [];
  const rows: string[] = [];
  if (d.rows?.length) {
    // The rows model: rows top to bottom, a row's panels left to right in their order (a repeated row's saved copies are the repeat's).
    for (const r of d.rows.filter((r) => !r.repeatIteration)) {
      rows.push(r.title ?? '');
      panels.push(...r.panels.map(panel));
    }
  } else
    for (const p of byPlace(d.panels ?? [])) {
      if (p.type === 'row') rows.push(p.title ?? '');
      else panels.push(panel(p));
      panels.push(...byPlace(p.panels ?? []).map(panel));
    }
  const variables = (d.templating?.list ?? []).map((v) => [v.name, v.type, JSON.stringify(typeof v.query === 'object' && v.query !== null ? (v.query as { query: string }).query : v.query ?? '')]);
  return { panels, rows, variables };
}

describe('one sitting: a team adopts obs in its own repository', () => {
  // The team's repository as it is (test/package/fixtures/team-repo): a PrometheusRule manifest, a rule
  // file, a grafonnet-lib dashboard (graph/singlestat/table, "rows": []) and a rows-model dashboard,
  // committed. Then what docs/adoption.md tells it to do: npm install the package, npx obs init, npx obs
  // import each file, npx obs build. Every step with the installed CLI, nothing from this repository.
  const FIXTURE = fileURLToPath(new URL('./fixtures/team-repo', import.meta.url));
  let team: string;
  beforeAll(() => {
    team = join(dir, 'team-repo');
    cpSync(FIXTURE, team, { recursive: true });
    for (const argv of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=team', '-c', 'user.email=team@example.com', 'commit', '-q', '-m', 'monitoring as we have it']]) {
      const git = run('git', argv, team);
      expect(git.code, git.out).toBe(0);
    }
  });

  it('npm install, obs init, obs import of every file, obs build: exit 0, the files\' problems listed as to-dos, everything as it was', () => {
    const install = run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], team);
    expect(install.code, install.out).toBe(0);
    const init = run('npx', ['obs', 'init'], team);
    expect(init.code, init.out).toBe(0);
    expect(init.out).toContain('kept devDependencies.obs-as-code');
    // init adds typescript and @types/node: the install it asks for.
    expect(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], team).code).toBe(0);
    // Untouched: the team's own files, which the import reads but does not move.
    const before = run('git', ['status', '--porcelain', 'k8s', 'prometheus', 'grafana'], team);
    expect(before.out).toBe('');

    const rules = run('npx', ['obs', 'import', 'rules', 'k8s/kube-state-metrics-prometheusRule.yaml', 'prometheus/api.rules.yml'], team);
    expect(rules.code, rules.out).toBe(0);
    expect(rules.out).toContain('PrometheusRule monitoring/kube-state-metrics-rules');
    const dashboards = run('npx', ['obs', 'import', 'dashboard', 'grafana/api-overview.json', 'grafana/requests-rows.json'], team);
    expect(dashboards.code, dashboards.out).toBe(0);
    expect(dashboards.out).toContain('1 singlestat → stat, 2 graph → timeseries, 1 table → table');
    expect(dashboards.out).toContain('the pre-5.0 rows model (4 row(s)) was migrated');

    const build = run('npx', ['obs', 'build'], team);
    expect(build.code, build.out).toBe(0);
    expect(build.out).toMatch(/problems +0 errors/);
    // The to-do list: each problem the files already had, where it now is, and what to do.
    const todos = build.out.split('\n').filter((l) => l.startsWith('suppressed '));
    expect(todos).toEqual([
      expect.stringMatching(/^suppressed promql\/impossible-join at alerts\/api\.rules\.ts:\d+: present in the imported file prometheus\/api\.rules\.yml: fix it, then remove this line$/),
      expect.stringMatching(/^suppressed alerts\/template-labels at alerts\/kube-state-metrics-prometheusrule\.ts:\d+: present in the imported file k8s\/kube-state-metrics-prometheusRule\.yaml: fix it, then remove this line$/),
    ]);

    // Round trip. Rules: every field of every rule, and the manifest's metadata.
    const ruleFile = (text: string): unknown => (parse(text) as { groups: { rules: { expr: string }[] }[] }).groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: String(r.expr).trimEnd() })) }));
    expect(ruleFile(readFileSync(join(team, 'out', 'rules', 'alerts', 'api.rules.yml'), 'utf8'))).toEqual(ruleFile(readFileSync(join(team, 'prometheus', 'api.rules.yml'), 'utf8')));
    const manifest = (text: string): unknown => {
      const o = parse(text) as { apiVersion: string; kind: string; metadata: { name: string; namespace: string; labels: unknown }; spec: { groups: { rules: { expr: string }[] }[] } };
      return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, labels: o.metadata.labels, groups: ruleFile(JSON.stringify(o.spec)) };
    };
    expect(manifest(readFileSync(join(team, 'out', 'prometheus-operator', 'alerts-kube-state-metrics-prometheusrule.yaml'), 'utf8'))).toEqual(
      manifest(readFileSync(join(team, 'k8s', 'kube-state-metrics-prometheusRule.yaml'), 'utf8')),
    );
    // Dashboards: every panel's title, migrated type, place in reading order, queries and legends; rows; variables.
    const built = readdirSync(join(team, 'out', 'dashboards', 'general')).sort();
    expect(built).toEqual(['api-overview.json', 'example-requests.json']);
    for (const [original, out] of [['api-overview.json', 'api-overview.json'], ['requests-rows.json', 'example-requests.json']] as const) {
      const was = shown(JSON.parse(readFileSync(join(team, 'grafana', original), 'utf8')) as Dashboard);
      const is = shown(JSON.parse(readFileSync(join(team, 'out', 'dashboards', 'general', out), 'utf8')) as Dashboard);
      expect(is.panels, original).toEqual(was.panels);
      expect(is.variables, original).toEqual(was.variables);
      // A row header exists where Grafana shows one (collapsed, repeated or titled rows); none is made up.
      for (const r of is.rows) expect(was.rows).toContain(r);
    }
    expect(shown(JSON.parse(readFileSync(join(team, 'out', 'dashboards', 'general', 'example-requests.json'), 'utf8')) as Dashboard).rows).toEqual(['Requests', 'Health', 'Instance $instance']);
    // The type-checker agrees with the build on the imported modules.
    expect(run(join(team, 'node_modules', '.bin', 'tsc'), ['--noEmit'], team).code).toBe(0);
  }, 600_000);
});
