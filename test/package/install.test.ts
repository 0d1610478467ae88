/**
 * obs as an installed dependency, for real: `npm pack` this repository, lay out a project with
 * `obs init`, `npm install` the tarball into it, then author, import, build and type-check there
 * with the installed `obs` and the package's own type declarations.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
    const badBuild = run(OBS, ['build'], project);
    expect(badBuild.code).toBe(1);
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
