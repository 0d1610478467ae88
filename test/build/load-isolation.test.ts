/**
 * A definition module runs inside obs while it loads. Whatever it does to the process (ends it,
 * leaves a timer or a server running, awaits forever) must fail every command that loads the
 * definitions, with an error at the author's line, and never pass silently or hang. Run through
 * the real binary (its bundle, tsx, the explicit exit), for build, build --check, lint and test.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type CliRun, type FixtureProject } from '../helpers/fixture-project.ts';
import { requestSnapshot, SnapshotError } from '../../dsl/lsp/snapshot.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'obs.js');
/** Far above what these builds take; a command still running then has hung. */
const HANG_MS = 50_000;

const OK = `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({
  name: 'ok',
  rules: [alert({ name: 'OkDown', expr: 'up == 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],
});
`;

function obs(root: string, argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun & { readonly ms: number; readonly signal: string | null }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: HANG_MS, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number; signal?: string | null }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, signal: e?.signal ?? null, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const COMMANDS = [['build'], ['build', '--check'], ['lint'], ['test']] as const;

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

interface Case {
  readonly name: string;
  readonly module: string;
  readonly config?: string;
  /** lib/spin.ts, a module the definition imports. */
  readonly helper?: string;
  /** `file:line:column checkId` of the one error, and what its message must say. */
  readonly error: string;
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'process.exit(0) at the top level',
    module: `export const before = 1;\nprocess.exit(0);\n`,
    error: 'alerts/bad.ts:2:9 collect/module-error',
    message: /alerts\/bad\.ts failed to load: calls process\.exit\(0\) while loading/,
  },
  {
    name: 'process.exit caught by the module, and one queued in a timer',
    module: `try {\n  process.exit(0);\n} catch {\n  // ignored\n}\n`,
    error: 'alerts/bad.ts:2:11 collect/module-side-effect',
    message: /alerts\/bad\.ts calls process\.exit\(0\) while loading/,
  },
  {
    name: 'a timer left running (setInterval)',
    module: `export const n = 1;\nsetInterval(() => {}, 1000);\n`,
    error: 'alerts/bad.ts:2:1 collect/module-side-effect',
    message: /alerts\/bad\.ts leaves a timer \(setTimeout\/setInterval\) running after it loaded/,
  },
  {
    name: 'a timer that would end the process with 0 during the build',
    module: `setTimeout(() => process.exit(0), 1);\n`,
    error: 'alerts/bad.ts:1:1 collect/module-side-effect',
    message: /leaves a timer/,
  },
  {
    name: 'a server left listening',
    module: `import { createServer } from 'node:net';\n\ncreateServer().listen(0, '127.0.0.1');\n`,
    error: 'alerts/bad.ts:3:16 collect/module-side-effect',
    message: /alerts\/bad\.ts leaves a server running after it loaded/,
  },
  {
    name: 'a top-level await that never settles',
    module: `export const n = 1;\nexport const never = await new Promise<number>(() => {});\n`,
    error: 'alerts/bad.ts:2:22 collect/module-error',
    message: /alerts\/bad\.ts did not finish loading: it waits on a promise that nothing will ever settle/,
  },
  {
    name: 'a top-level await that outlasts load.timeout',
    module: `export const slow = await new Promise<number>((r) => setTimeout(() => r(1), 600_000));\n`,
    config: `export default { load: { timeout: '1s' } };\n`,
    error: 'alerts/bad.ts:1:21 collect/module-error',
    message: /alerts\/bad\.ts did not finish loading: it was still loading after 1s/,
  },
  {
    // Nothing on obs's thread runs again: the watchdog thread (dsl/core/watchdog.ts) stops it
    // where it runs, and the command exits 1 like for any other definition error. 5s: on a loaded
    // machine tsx can take over 1s to hand the module over, and load-guard's own timeout would then
    // give up on the import before the module even runs (its loop is then told as after loading).
    name: 'a synchronous endless loop at the top level',
    module: `export const n = 1;\nwhile (true) {}\n`,
    config: `export default { load: { timeout: '5s' } };\n`,
    error: 'alerts/bad.ts:2:1 collect/module-error',
    message: /alerts\/bad\.ts did not finish loading: it was still running after 5s without ever returning \(a synchronous loop/,
  },
  {
    name: 'a synchronous endless loop in a builder the module calls',
    module: `import { alert, ruleGroup } from '../dsl/index.ts';\n\nfunction rules(n: number) {\n  let i = 0;\n  while (i < n) i *= 2;\n  return [alert({ name: 'A', expr: 'up == 0' })];\n}\n\nexport const g = ruleGroup({ name: 'loop', rules: rules(3) });\n`,
    config: `export default { load: { timeout: '5s' } };\n`,
    error: 'alerts/bad.ts:5:3 collect/module-error',
    message: /alerts\/bad\.ts did not finish loading: it was still running after 5s without ever returning/,
  },
  {
    name: 'a synchronous endless loop in a module the definition imports',
    module: `import { spin } from '../lib/spin.ts';\n\nexport const n = spin();\n`,
    helper: `export function spin(): number {\n  let x = 1;\n  for (;;) x = (x * 7) % 11;\n}\n`,
    config: `export default { load: { timeout: '5s' } };\n`,
    error: 'lib/spin.ts:3:3 collect/module-error',
    message: /alerts\/bad\.ts did not finish loading: it was still running after 5s/,
  },
  {
    // Called by obs after loading: the module loads, the loop runs while obs reads the labels.
    name: 'a getter on a definition object that never returns',
    module: `import { alert, ruleGroup } from '../dsl/index.ts';\n\nconst labels = {\n  get severity(): string {\n    for (;;) {}\n  },\n};\n\nexport const g = ruleGroup({ name: 'loop', rules: [alert({ name: 'A', expr: 'up == 0', labels: labels as Record<string, string> })] });\n`,
    config: `export default { load: { timeout: '1s' } };\n`,
    error: 'alerts/bad.ts:5:5 collect/never-returns',
    message: /code obs called after loading .* was still running after 1s without ever returning/,
  },
];

describe.each(CASES)('$name', (c) => {
  it('fails build, build --check, lint and test with one located error, and exits', async () => {
    const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': c.module, ...(c.helper ? { 'lib/spin.ts': c.helper } : {}) }, ...(c.config ? { config: c.config } : {}) }));
    const runs = await Promise.all(COMMANDS.map((argv) => obs(p.root, argv)));
    for (const [i, r] of runs.entries()) {
      const what = `obs ${COMMANDS[i]!.join(' ')}:\n${r.stdout}\n${r.stderr}`;
      expect(r.ms, `${what}\nhung`).toBeLessThan(HANG_MS);
      expect(r.signal, `${what}\nhung`).toBeNull();
      expect(r.code, what).toBe(1);
      const errors = parseDiagnostics(`${r.stdout}\n${r.stderr}`).filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`), what).toEqual([c.error]);
      expect(errors[0]!.message, what).toMatch(c.message);
    }
    expect(p.snapshot().size, 'nothing written').toBe(0);
  });
});

it('the other modules are still checked when one never finishes loading', async () => {
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/a.ts': `export const never = await new Promise<number>(() => {});\n`,
      'alerts/b.ts': OK.replace("expr: 'up == 0'", "expr: 'sum(rate(x[5m])) by ('"),
    },
  }));
  const r = await obs(p.root, ['build']);
  expect(r.code).toBe(1);
  expect(parseDiagnostics(r.stderr).map((d) => `${d.file}:${d.line} ${d.checkId}`)).toEqual(['alerts/a.ts:1 collect/module-error', 'alerts/b.ts:5 promql/syntax']);
});

it('a config that calls process.exit is a located config error (exit 2)', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK }, config: `process.exit(0);\nexport default {};\n` }));
  const r = await obs(p.root, ['build']);
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toMatch(/^obs build: obs\.config\.ts:1:9: cannot load: calls process\.exit\(0\) while loading/);
});

it('refuses a load.timeout that is not a positive duration', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK }, config: `export default { load: { timeout: 'soon' } };\n` }));
  const r = await p.run(['build']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`obs.config.ts: load.timeout must be a positive duration such as '2m', got "soon"`);
});

it('in-process (the library under a test runner), process.exit and a timer are reported the same', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': `setInterval(() => {}, 1000);\nprocess.exit(0);\n` } }));
  const r = await p.run(['build']);
  expect(r.code).toBe(1);
  expect(parseDiagnostics(r.stderr).map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`)).toEqual([
    'alerts/bad.ts:1:1 collect/module-side-effect',
    'alerts/bad.ts:2:9 collect/module-error',
  ]);
});

it("clears a timer the module unref'd: it holds nothing open, but its callback must not run during the build", async () => {
  const marker = 'fired.txt';
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/ok.ts': OK,
      'alerts/later.ts': `import { writeFileSync } from 'node:fs';\nsetTimeout(() => writeFileSync(${JSON.stringify(marker)}, 'ran'), 50).unref();\nexport const n = 1;\n`,
    },
  }));
  const cwd = process.cwd();
  process.chdir(p.root);
  try {
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    // Not reported: an unref'd timer does not keep the command from exiting.
    expect(r.stderr).not.toMatch(/leaves a timer/);
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    process.chdir(cwd);
  }
  expect(existsSync(join(p.root, marker)), 'the timer callback ran').toBe(false);
});

const GETTER_LOOP = CASES.find((c) => c.error.endsWith('collect/never-returns'))!;

it('a synchronous endless loop in obs.config.ts is a located config error (exit 2), not a hang', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK }, config: `let n = 0;\nwhile (n >= 0) n++;\nexport default {};\n` }));
  // The config cannot set its own timeout: OBS_LOAD_TIMEOUT is the default of load.timeout.
  for (const argv of [['build'], ['lint'], ['test']]) {
    const r = await obs(p.root, argv, { OBS_LOAD_TIMEOUT: '1s' });
    const what = `obs ${argv.join(' ')}:\n${r.stdout}\n${r.stderr}`;
    expect(r.ms, `${what}\nhung`).toBeLessThan(HANG_MS);
    expect(r.code, what).toBe(2);
    expect(r.stderr.trim(), what).toMatch(
      new RegExp(`^obs ${argv[0]}: obs\\.config\\.ts:2:1: cannot load: did not finish loading: it was still running after 1s without ever returning`),
    );
  }
  expect(p.snapshot().size, 'nothing written').toBe(0);
});

it('refuses an OBS_LOAD_TIMEOUT that is not a positive duration', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK }, config: `export default {};\n` }));
  const r = await obs(p.root, ['build'], { OBS_LOAD_TIMEOUT: 'soon' });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`OBS_LOAD_TIMEOUT must be a positive duration such as '2m', got "soon"`);
});

it("obs lsp's project check (obs lsp --snapshot) reports a loop in code obs calls, located, instead of hanging", async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': GETTER_LOOP.module }, config: GETTER_LOOP.config! }));
  const started = Date.now();
  const error = await requestSnapshot(p.root, HANG_MS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(Date.now() - started, 'hung').toBeLessThan(HANG_MS);
  expect(error).toBeInstanceOf(SnapshotError);
  const found = parseDiagnostics((error as Error).message).map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`);
  expect(found, (error as Error).message).toEqual([GETTER_LOOP.error]);
});

it('obs build --watch reports a loop in code obs calls, located, and goes on watching (test/build/loop-report.test.ts: the fix)', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/ok.ts': OK, 'alerts/bad.ts': GETTER_LOOP.module }, config: GETTER_LOOP.config! }));
  const child = spawn(process.execPath, [BIN, 'build', '--watch'], { cwd: p.root, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  const waiting = new Promise<void>((resolve) => {
    for (const s of [child.stdout, child.stderr]) s.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/^watching .* for changes/m.test(out) && /runs again after the next save/.test(out)) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const hung = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
  await Promise.race([waiting, exited]);
  expect(child.exitCode, out).toBeNull();
  expect(parseDiagnostics(out).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`), out).toEqual([GETTER_LOOP.error]);
  child.kill('SIGINT');
  expect(await exited, out).toBe(0);
  clearTimeout(hung);
});

it("obs's own long work is not taken for a loop: the watchdog stops only author code", async () => {
  // One alert that loads at once, with a 20,000-term chain: checking it keeps obs's own thread
  // busy for well over 500ms at a stretch, so the watchdog stops it, finds no author frame on the
  // stack, and lets it go on (checked by hand with a print in onStuck: several stops per run).
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/chain.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\n\nexport const g = ruleGroup({\n  name: 'chain',\n  rules: [alert({ name: 'Chain', expr: Array.from({ length: 20000 }, () => 'up').join(' + ') + ' > 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],\n});\n`,
    },
    config: `export default { load: { timeout: '500ms' } };\n`,
  }));
  const r = await obs(p.root, ['lint']);
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stderr, 'no leftover inspector session at exit').not.toMatch(/never-returns|stopped|debugger/i);
});
