/**
 * The no-op rebuild: `obs build` with nothing changed reports the last build's result again
 * without importing a module; any change to a definition, a file it imports, the config or out/
 * builds for real. Runs the real binary, where modules are imported afresh in every process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../dsl/promql/index.ts';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

// Each import of the module appends a line to a log outside the project: the log counts real builds.
const ALERTS = `import { appendFileSync } from 'node:fs';
import { alert, ruleGroup } from '../dsl/index.ts';
import { THRESHOLD } from '../lib/threshold.ts';

appendFileSync(process.env.IMPORT_LOG ?? '/dev/null', 'imported\\n');

export const g = ruleGroup({
  name: 'api',
  rules: [
    alert({ name: 'ApiErrors', expr: \`rate(http_requests_total{code=~"5.."}[5m]) > \${THRESHOLD}\`, for: '5m', labels: { severity: 'page' }, annotations: { summary: 'errors' } }),
    alert({ name: 'ApiDown', expr: 'up{job=~"api"} == 0', for: '1m', labels: { severity: 'page' }, annotations: { summary: 'down' } }),
  ],
});
`;

let fixture: FixtureProject | undefined;
afterEach(() => {
  rmSync(LOG, { force: true });
  fixture?.cleanup();
  fixture = undefined;
});

const LOG = join(tmpdir(), `obs-build-cache-imports-${process.pid}.log`);
const obs = (p: FixtureProject, argv: string[]) => runObsBinary(p.root, argv, { IMPORT_LOG: LOG });

function imports(): number {
  return existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').filter(Boolean).length : 0;
}

it('a no-op rebuild imports nothing and reports the same problems; any change to inputs or out/ rebuilds', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/api.ts': ALERTS, 'lib/threshold.ts': 'export const THRESHOLD = 0.5;\n' } }));
  const first = await obs(p, ['build']);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain('wrote out/');
  expect(first.stderr).toContain('promql/regex-equality');
  expect(imports()).toBe(1);
  const rules = join(p.root, 'out', 'rules', 'alerts', 'api.yml');
  const written = statSync(rules).mtimeMs;

  const again = await obs(p, ['build']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('out/ is up to date');
  expect(again.stderr).toBe(first.stderr);
  expect(imports()).toBe(1);
  expect(statSync(rules).mtimeMs).toBe(written);
  expect((await obs(p, ['build', '--check'])).code).toBe(0);
  expect(imports()).toBe(1);
  // obs lint of the project reports the recorded problems too, without importing a module.
  const lint = await obs(p, ['lint', '--format', 'json']);
  expect(imports()).toBe(1);
  // An explicit --target (the default one) never reads the record: a fresh check to compare with.
  const fresh = await p.run(['lint', '--format', 'json', '--target', LATEST_VERSION]);
  const problems = (out: string) => (JSON.parse(out) as { problems: unknown[] }).problems;
  expect(problems(lint.stdout).length).toBeGreaterThan(0);
  expect(problems(lint.stdout)).toEqual(problems(fresh.stdout));

  // A helper outside the definition folders changes: the rules change.
  writeFileSync(join(p.root, 'lib', 'threshold.ts'), 'export const THRESHOLD = 0.25;\n');
  const edited = await obs(p, ['build']);
  expect(edited.stdout).toContain('wrote out/');
  expect(imports()).toBe(2);
  expect(readFileSync(rules, 'utf8')).toContain('> 0.25');

  // out/ edited by hand: rebuilt, and --check notices before that.
  writeFileSync(rules, 'groups: []\n');
  expect((await obs(p, ['build', '--check'])).code).toBe(1);
  rmSync(join(p.root, 'out', 'rules', 'alerts'), { recursive: true });
  const restored = await obs(p, ['build']);
  expect(restored.stdout).toContain('wrote out/');
  expect(readFileSync(rules, 'utf8')).toContain('> 0.25');

  // A helper outside the project (a monorepo's shared folder): edits there rebuild too.
  const shared = mkdtempSync(join(tmpdir(), 'obs-shared-'));
  try {
    writeFileSync(join(shared, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(shared, 'window.ts'), "export const WINDOW = '5m';\n");
    p.write('alerts/ext.ts', `import { record, ruleGroup } from '../dsl/index.ts';
import { WINDOW } from '${relative(join(p.root, 'alerts'), join(shared, 'window.ts'))}';

export const ext = ruleGroup({ name: 'ext', rules: [record({ name: 'job:up:avg', expr: \`avg_over_time(up[\${WINDOW}])\` })] });
`);
    expect((await obs(p, ['build'])).stdout).toContain('wrote out/');
    expect((await obs(p, ['build'])).stdout).toContain('out/ is up to date');
    writeFileSync(join(shared, 'window.ts'), "export const WINDOW = '10m';\n");
    expect((await obs(p, ['build'])).stdout).toContain('wrote out/');
    expect(readFileSync(join(p.root, 'out', 'rules', 'alerts', 'ext.yml'), 'utf8')).toContain('up[10m]');
  } finally {
    rmSync(join(p.root, 'alerts', 'ext.ts'), { force: true });
    rmSync(shared, { recursive: true, force: true });
  }

  // The config changes: rebuilt, and its settings apply.
  p.write('obs.config.ts', "import { defineConfig } from './dsl/index.ts';\n\nexport default defineConfig({ lint: { checks: { 'promql/regex-equality': 'off' } } });\n");
  const configured = await obs(p, ['build']);
  expect(configured.stdout).toContain('wrote out/');
  expect(configured.stderr).not.toContain('promql/regex-equality');
  const settled = await obs(p, ['build']);
  expect(settled.stdout).toContain('out/ is up to date');
  expect(settled.stderr).toBe(configured.stderr);
});
