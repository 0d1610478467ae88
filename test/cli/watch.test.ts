/**
 * `obs build --watch` with a real watcher: the real binary (its bundle, tsx, the loader hook that
 * gives an edited module a fresh evaluation) on a temporary project, edited as editors do (in
 * place, by an atomic rename, in a burst), stopped with SIGINT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';
import { promtoolSkipReason } from '../helpers/promtool.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'obs.js');

const alerts = (threshold: string, name = 'ApiErrors') => `import { alert, ruleGroup } from '../dsl/index.ts';
import { THRESHOLD } from '../lib/threshold.ts';

export const api = ruleGroup({
  name: 'api',
  rules: [
    alert({
      name: '${name}', expr: \`rate(http_errors_total[5m]) > \${THRESHOLD}\`, for: '${threshold}',
      labels: { severity: 'page' }, annotations: { summary: 'errors' },
    }),
  ],
});
`;

interface Watching {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Waits until the output printed after `from` matches `re`. */
  until(re: RegExp, from: number, ms?: number): Promise<string>;
}

function watch(root: string, argv: readonly string[] = ['build', '--watch'], env: Record<string, string> = {}): Watching {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (b: Buffer) => { text += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { text += b.toString(); });
  return {
    child,
    output: () => text,
    until: (re, from, ms = 60_000) => new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const seen = text.slice(from);
        if (re.test(seen)) {
          clearInterval(poll);
          resolve(seen);
        } else if (Date.now() - started > ms || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`waited for ${re} (exit ${child.exitCode}); output since:\n${seen}`));
        }
      }, 50);
    }),
  };
}

let fixture: FixtureProject | undefined;
let running: ChildProcess | undefined;
afterEach(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  running = undefined;
  fixture?.cleanup();
  fixture = undefined;
});

it('rebuilds after each save, keeps the last good out/ while broken, prints only what changed, stops cleanly', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/api.ts': alerts('5m'), 'lib/threshold.ts': 'export const THRESHOLD = 0.5;\n' } }));
  const rules = join(p.root, 'out', 'rules', 'alerts', 'api.yml');
  const w = watch(p.root);
  running = w.child;
  await w.until(/watching .* for changes/, 0);
  expect(readFileSync(rules, 'utf8')).toContain("for: 5m");

  // An edit in place of a definition module.
  let mark = w.output().length;
  p.replace('alerts/api.ts', "for: '5m'", "for: '10m'");
  let seen = await w.until(/wrote {3}out\/rules\/alerts\/api\.yml/, mark);
  expect(readFileSync(rules, 'utf8')).toContain('for: 10m');
  // Only what changed: the test file of an unchanged module is not listed.
  expect(seen).not.toMatch(/obs build \(first run\)/);

  // A file the module imports, saved atomically (written beside, renamed over), as editors do.
  mark = w.output().length;
  writeFileSync(join(p.root, 'lib', '.threshold.ts.swp'), 'export const THRESHOLD = 0.25;\n');
  renameSync(join(p.root, 'lib', '.threshold.ts.swp'), join(p.root, 'lib', 'threshold.ts'));
  await w.until(/wrote {3}out\/rules\/alerts\/api\.yml/, mark);
  expect(readFileSync(rules, 'utf8')).toContain('> 0.25');

  // A save that breaks the build: the problem is told at its character, out/ keeps the last good build.
  mark = w.output().length;
  p.replace('alerts/api.ts', 'rate(http_errors_total', 'rate((http_errors_total');
  seen = await w.until(/failed: out\/ keeps the last good build/, mark);
  expect(seen).toMatch(/alerts\/api\.ts:8:76\s+error\s+promql\/syntax/);
  expect(readFileSync(rules, 'utf8')).toContain('alert: ApiErrors');

  // A burst of saves (the fix and two more edits within the debounce) gives one rebuild that sees the last.
  mark = w.output().length;
  p.replace('alerts/api.ts', 'rate((http_errors_total', 'rate(http_errors_total');
  p.replace('alerts/api.ts', "name: 'ApiErrors'", "name: 'ApiErrorsFixed'");
  p.replace('alerts/api.ts', "for: '10m'", "for: '15m'");
  p.replace('alerts/api.ts', "for: '15m'", "for: '20m'");
  seen = await w.until(/fixed +alerts\/api\.ts:8:76 promql\/syntax[\s\S]*wrote {3}out\/rules\/alerts\/api\.yml/, mark);
  const after = readFileSync(rules, 'utf8');
  expect(after).toContain('alert: ApiErrorsFixed');
  expect(after).toContain('for: 20m');
  await new Promise((r) => setTimeout(r, 1500));
  expect(w.output().slice(mark).match(/obs build \(/g)?.length, w.output().slice(mark)).toBe(1);

  // A module that is not a definition's import, saved without change to out/: nothing written.
  mark = w.output().length;
  p.write('lib/unused.ts', 'export const unused = 1;\n');
  seen = await w.until(/out\/ unchanged/, mark);
  expect(seen).not.toMatch(/wrote/);

  // Ctrl-C: a clean exit, no temporary folders left beside out/.
  const exited = new Promise<number | null>((resolve) => w.child.once('exit', (code) => resolve(code)));
  w.child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(w.output()).toMatch(/obs build: stopped\n$/);
  expect(readdirSync(p.root).filter((n) => n.startsWith('.obs-'))).toEqual([]);
  expect(existsSync(join(p.root, 'out', '.obs-generated'))).toBe(true);
}, 240_000);

const TESTED = `import { alert, ruleGroup, ruleTest } from '../dsl/index.ts';

export const apiAlerts = ruleGroup({
  name: 'api.alerts',
  rules: [alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', for: '2m', labels: { severity: 'page' }, annotations: { summary: 'down' } })],
});

export const pages = ruleTest({
  name: 'api down pages',
  groups: [apiAlerts],
  input: [{ metric: 'up', labels: { job: 'api', instance: 'a:1' }, values: '0x10' }],
  alerts: [{ at: '1m', alertname: 'ApiDown', expect: [{ labels: { job: 'api', instance: 'a:1', severity: 'page' }, annotations: { summary: 'down' } }] }],
});

export const other = ruleTest({
  name: 'api up is quiet',
  groups: [apiAlerts],
  input: [{ metric: 'up', labels: { job: 'api', instance: 'a:1' }, values: '1x10' }],
  alerts: [{ at: '5m', alertname: 'ApiDown', expect: [] }],
});
`;

it.skipIf(promtoolSkipReason() !== undefined)('obs test FILTER --watch runs the matching tests again after each save, and says which got fixed', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/api.ts': TESTED } }));
  const w = watch(p.root, ['test', 'DOWN', '--watch']);
  running = w.child;
  let seen = await w.until(/watching .* for changes/, 0);
  // Only the matching test ran; it fails (for: 2m, expected at 1m), at its ruleTest(...) line.
  expect(seen).toContain('1 test(s) in 1 file(s): 0 passed, 1 failed');
  expect(seen).toMatch(/alerts\/api\.ts:8:22\s+error\s+test\/failed/);
  // Still failing, differently (at 90s the alert is pending): the same problem, neither new nor fixed.
  let mark = w.output().length;
  p.replace('alerts/api.ts', "at: '1m'", "at: '90s'");
  seen = await w.until(/0 passed, 1 failed/, mark);
  expect(seen).not.toMatch(/fixed|error/);
  mark = w.output().length;
  p.replace('alerts/api.ts', "at: '90s'", "at: '3m'");
  seen = await w.until(/1 test\(s\) in 1 file\(s\): 1 passed, 0 failed/, mark);
  expect(seen).toMatch(/fixed +alerts\/api\.ts:8:22 test\/failed/);
  const exited = new Promise<number | null>((resolve) => w.child.once('exit', (code) => resolve(code)));
  w.child.kill('SIGINT');
  expect(await exited).toBe(0);
}, 120_000);

it('restarts its worker once replaced modules hold more memory than the budget, and goes on watching', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/api.ts': alerts('5m'), 'lib/threshold.ts': 'export const THRESHOLD = 0.5;\n' } }));
  const rules = join(p.root, 'out', 'rules', 'alerts', 'api.yml');
  // A budget of 0 MiB: every run past the first asks for a restart.
  const w = watch(p.root, ['build', '--watch'], { OBS_WATCH_HEAP_BUDGET_MB: '0' });
  running = w.child;
  await w.until(/watching .* for changes/, 0);
  let mark = w.output().length;
  p.replace('alerts/api.ts', "for: '5m'", "for: '10m'");
  await w.until(/restarting to release the memory of replaced modules[\s\S]*watching .* for changes/, mark);
  expect(readFileSync(rules, 'utf8')).toContain('for: 10m');
  mark = w.output().length;
  p.replace('alerts/api.ts', "for: '10m'", "for: '20m'");
  await w.until(/wrote {3}out\/rules\/alerts\/api\.yml/, mark);
  expect(readFileSync(rules, 'utf8')).toContain('for: 20m');
  const exited = new Promise<number | null>((resolve) => w.child.once('exit', (code) => resolve(code)));
  w.child.kill('SIGINT');
  expect(await exited).toBe(0);
}, 180_000);
