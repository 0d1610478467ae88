/**
 * A build killed at any moment never loses out/ and never leaves anything behind after the next
 * build: killed (SIGKILL) before each file-system step of the swap, one run per step, and killed
 * at random times while `obs build` runs for real. Concurrent builds of one project take turns:
 * none crashes, interleaves or leaves a folder behind; a build waiting on a live writer gives up
 * with a message naming it, and takes over the lock of one that died.
 *
 * OBS_KILL_ITERATIONS sets how many random kills the real-binary test makes (default 6), OBS_KILL_SEED
 * replays one run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../dsl/pipeline/build.ts';
import { writeOutDir } from '../../dsl/pipeline/out-dir.ts';
import type { Artifact } from '../../dsl/emit/index.ts';
import { expectSameTree } from '../helpers/broken-build.ts';
import { createFixtureProject, REPO_ROOT, snapshotTree, type FixtureProject } from '../helpers/fixture-project.ts';
import { mulberry32 } from '../helpers/prng.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
function project(files: Readonly<Record<string, string>>): FixtureProject {
  const p = createFixtureProject({ files });
  cleanups.push(() => p.cleanup());
  return p;
}

const exited = (c: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    c.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });

/** What a tree should hold: the files and the marker, as snapshotTree reads them. */
const expectedTree = (files: readonly Artifact[], marker: Buffer): Map<string, Buffer> =>
  new Map([['.obs-generated', marker] as const, ...files.map((f) => [f.path, Buffer.from(f.content)] as const)].sort(([a], [b]) => (a < b ? -1 : 1)));

const sameTree = (a: Map<string, Buffer>, b: Map<string, Buffer>): boolean => a.size === b.size && [...a].every(([p, bytes]) => b.get(p)?.equals(bytes) === true);

describe('a build killed before any step of the swap', () => {
  // Changed, kept, removed and added files, in old and new folders.
  const OLD: Artifact[] = [
    { path: 'rules/alerts/api.yml', content: 'groups: [api]\n' },
    { path: 'rules/alerts/gone.yml', content: 'groups: [gone]\n' },
    { path: 'tests/alerts/api.test.yml', content: 'tests: []\n' },
  ];
  const NEW: Artifact[] = [
    { path: 'rules/alerts/api.yml', content: 'groups: [api, changed]\n' },
    { path: 'dashboards/general/new.json', content: '{"uid":"new"}\n' },
    { path: 'tests/alerts/api.test.yml', content: 'tests: []\n' },
  ];

  function child(root: string, files: readonly Artifact[], killAt: number): ChildProcess {
    const json = join(root, '..', `${root.split('/').pop()}.json`);
    writeFileSync(json, JSON.stringify(files));
    cleanups.push(() => rmSync(json, { force: true }));
    return spawn(process.execPath, ['--import', 'tsx', 'test/helpers/write-out-child.ts', root, 'out', json, String(killAt)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  it('leaves out/ old or new (or the old one beside it), and the next build restores it and removes every leftover', async () => {
    const started = Date.now();
    const scratch = tempDir('obs-kill-');
    const fresh = async (): Promise<string> => {
      const root = mkdtempSync(join(scratch, 'p-'));
      await writeOutDir(root, 'out', OLD);
      return root;
    };
    // How many steps a whole write takes.
    const probe = await fresh();
    const marker = snapshotTree(join(probe, 'out')).get('.obs-generated') as Buffer;
    const whole = await exited(child(probe, NEW, 0));
    expect(whole.code, whole.stderr).toBe(0);
    const steps = Number(whole.stdout.trim());
    expect(steps).toBeGreaterThan(10);
    const oldTree = expectedTree(OLD, marker);
    const newTree = expectedTree(NEW, marker);
    expectSameTree(snapshotTree(join(probe, 'out')), newTree);

    const seen = { old: 0, new: 0, prevOnly: 0 };
    const step = async (k: number): Promise<void> => {
      const root = await fresh();
      const r = await exited(child(root, NEW, k));
      expect(r.signal, `step ${k}: ${r.stderr}`).toBe('SIGKILL');
      // Right after the kill: out/ is whole (old or new), or the old tree waits beside it.
      const entries = readdirSync(root);
      if (entries.includes('out')) {
        const tree = snapshotTree(join(root, 'out'));
        const which = sameTree(tree, oldTree) ? 'old' : sameTree(tree, newTree) ? 'new' : undefined;
        expect(which, `step ${k}: out/ is neither the old nor the new tree: ${[...tree.keys()].join(', ')}`).toBeDefined();
        seen[which as 'old' | 'new']++;
      } else {
        expectSameTree(snapshotTree(join(root, '.obs-prev-out')), oldTree);
        seen.prevOnly++;
      }
      // The next build, with the new sources or back to the old ones, restores out/ and leaves nothing.
      const files = k % 2 ? NEW : OLD;
      await writeOutDir(root, 'out', files);
      expectSameTree(snapshotTree(join(root, 'out')), expectedTree(files, marker));
      expect(readdirSync(root), `step ${k}`).toEqual(['out']);
    };
    // A few steps at a time: each is its own process, started afresh.
    for (let k = 1; k <= steps; k += 4) await Promise.all([k, k + 1, k + 2, k + 3].filter((s) => s <= steps).map(step));
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    expect(seen.prevOnly, 'a kill between the two renames').toBeGreaterThan(0);
    console.log(`kill before each of ${steps} steps: out/ old ${seen.old}, new ${seen.new}, only beside it ${seen.prevOnly}; ${Date.now() - started} ms`);
  }, 240_000);
});

const ALERTS = (expr: string): string => `import { alert, ruleGroup, ruleTest } from '../dsl/index.ts';

export const g = ruleGroup({
  name: 'api.alerts',
  rules: [alert({ name: 'ApiDown', expr: '${expr}', for: '2m', labels: { severity: 'page' }, annotations: { summary: 'api down' } })],
});

export const t = ruleTest({
  name: 'api down pages', groups: [g],
  input: [{ metric: 'up', labels: { job: 'api' }, values: '0x5' }],
  alerts: [{ at: '4m', alertname: 'ApiDown', expect: [{ labels: { job: 'api', severity: 'page' } }] }],
});
`;
/** Many small dashboards: a build that writes many files, so kills often land while it writes. */
const DASHBOARDS = (n: number, tag: string): string => `import { dashboard } from '../dsl/index.ts';

export const all = Array.from({ length: ${n} }, (_, i) => dashboard({ title: \`${tag} board \${i}\`, uid: \`${tag}-\${i}\`, description: '${tag}', panels: [] }));
`;
const VERSIONS = [
  { 'alerts/api.ts': ALERTS('up{job="api"} == 0'), 'dashboards/many.ts': DASHBOARDS(120, 'a') },
  { 'alerts/api.ts': ALERTS('up{job="api"} < 1'), 'dashboards/many.ts': DASHBOARDS(100, 'b') },
] as const;

const BIN = join(REPO_ROOT, 'bin', 'obs.js');
const obs = (root: string, argv: readonly string[]): ChildProcess =>
  spawn(process.execPath, [BIN, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
const obsEntries = (root: string): string[] => readdirSync(root).filter((e) => e.startsWith('.obs-'));

describe('obs build killed at random moments', () => {
  it('the next build always restores the complete, correct out/ and leaves nothing behind', async () => {
    const started = Date.now();
    // The trees each version builds, from projects nobody kills.
    const expected = [];
    for (const v of VERSIONS) {
      const clean = project(v);
      const r = await exited(obs(clean.root, ['build']));
      expect(r.code, r.stderr).toBe(0);
      expected.push(clean.snapshot());
    }
    const p = project(VERSIONS[0]);
    const first = performance.now();
    expect((await exited(obs(p.root, ['build']))).code).toBe(0);
    // How long a build takes here, updated with every build that runs to its end (machines are busy).
    let buildMs = performance.now() - first;

    const iterations = Number(process.env.OBS_KILL_ITERATIONS ?? 6);
    const seed = Number(process.env.OBS_KILL_SEED ?? Date.now() % 100000);
    const random = mulberry32(seed);
    const tally = { killedWhileRunning: 0, finishedFirst: 0, leftBehind: 0 };
    for (let i = 1; i <= iterations; i++) {
      const version = i % 2;
      for (const [path, text] of Object.entries(VERSIONS[version] ?? {})) p.write(path, text);
      const victim = obs(p.root, ['build']);
      const done = exited(victim);
      // Mostly late in the build, where it writes (the step-by-step test covers every step).
      const delay = (0.3 + random() * 0.9) * buildMs;
      const timer = setTimeout(() => victim.kill('SIGKILL'), delay);
      const r = await done;
      clearTimeout(timer);
      if (r.signal === 'SIGKILL') tally.killedWhileRunning++;
      else tally.finishedFirst++;
      if (obsEntries(p.root).length) tally.leftBehind++;
      const nextStarted = performance.now();
      const next = await exited(obs(p.root, ['build']));
      buildMs = (buildMs + performance.now() - nextStarted) / 2;
      const label = `seed ${seed}, iteration ${i}, killed after ${Math.round(delay)} ms`;
      expect(next.code, `${label}: ${next.stderr}`).toBe(0);
      expectSameTree(p.snapshot(), expected[version] as Map<string, Buffer>);
      expect(existsSync(join(p.root, 'out', '.obs-generated')), label).toBe(true);
      expect(obsEntries(p.root), label).toEqual([]);
    }
    expect(tally.killedWhileRunning).toBeGreaterThan(0);
    console.log(`random kills (seed ${seed}): ${iterations} builds, ${tally.killedWhileRunning} killed while running (${tally.leftBehind} left a lock or a folder beside out/), ${tally.finishedFirst} finished first; a build about ${Math.round(buildMs)} ms; ${Date.now() - started} ms in all`);
  }, Math.max(600_000, Number(process.env.OBS_KILL_ITERATIONS ?? 0) * 60_000));
});

describe('concurrent builds of one project', () => {
  it('four obs build at once: all succeed in turn, out/ is the build of the sources, nothing is left behind', async () => {
    const p = project(VERSIONS[0]);
    expect((await exited(obs(p.root, ['build']))).code).toBe(0);
    const expected = project(VERSIONS[1]);
    expect((await exited(obs(expected.root, ['build']))).code).toBe(0);
    for (const [path, text] of Object.entries(VERSIONS[1])) p.write(path, text);
    const runs = await Promise.all([1, 2, 3, 4].map(() => exited(obs(p.root, ['build']))));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expectSameTree(p.snapshot(), expected.snapshot());
    expect(obsEntries(p.root)).toEqual([]);
    // and four --check beside a build never see a half-swapped tree fail with a crash
    const checks = await Promise.all([exited(obs(p.root, ['build'])), ...[1, 2, 3].map(() => exited(obs(p.root, ['build', '--check'])))]);
    for (const r of checks) expect(r.code, r.stderr).toBe(0);
  }, 240_000);

  it('a build waiting on a live writer gives up with a message naming it; once that writer is gone, the lock is taken over', async () => {
    const p = project(VERSIONS[0]);
    expect((await exited(obs(p.root, ['build']))).code).toBe(0);
    const before = p.snapshot();
    p.write('out/stale.txt', 'x\n'); // so the build has something to write
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => holder.kill('SIGKILL'));
    const lock = join(p.root, '.obs-lock-out');
    writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const waited = performance.now();
    const r = await build({ root: p.root, lockWaitMs: 400 });
    expect(performance.now() - waited).toBeGreaterThan(400);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.checkId)).toEqual(['build/out-dir']);
    expect(r.diagnostics[0]?.message).toBe(
      `another obs build (pid ${holder.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z) is writing out/; waited 400 ms for it. Run the build again when it is done; if no build is running, delete .obs-lock-out`,
    );
    expect(p.snapshot().has('stale.txt')).toBe(true);
    expect(obsEntries(p.root)).toEqual(['.obs-lock-out']);
    // The writer dies without removing its lock: the next build takes it over at once.
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const again = await build({ root: p.root, lockWaitMs: 400 });
    expect(again.ok, again.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    expectSameTree(p.snapshot(), before);
    expect(obsEntries(p.root)).toEqual([]);
  }, 120_000);
});
