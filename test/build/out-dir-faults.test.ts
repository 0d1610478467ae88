/**
 * A machine that fails under the build: a full disk (a real, small tmpfs), a read-only project (a
 * read-only bind mount), an out/ that cannot be replaced (immutable, chattr +i). Each is a build
 * error naming the path and the cause (exit 1), never a crash; out/ is left byte for byte and
 * nothing is left beside it. These need root (mount, chattr), as CI runs; without it they are
 * skipped and the injected faults of out-dir.test.ts still run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSameTree } from '../helpers/broken-build.ts';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

function run(cmd: string, args: readonly string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine lets the tests mount a tmpfs and set the immutable flag. */
const PRIVILEGED = ((): boolean => {
  if (process.getuid?.() !== 0) return false;
  const probe = createFixtureProject();
  try {
    const dir = join(probe.root, 'm');
    mkdirSync(dir);
    if (!run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir])) return false;
    run('umount', [dir]);
    if (!run('chattr', ['+i', dir])) return false;
    run('chattr', ['-i', dir]);
    return true;
  } finally {
    probe.cleanup();
  }
})();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
function project(files: Readonly<Record<string, string>>, config?: string): FixtureProject {
  const p = createFixtureProject({ files, ...(config !== undefined ? { config } : {}) });
  cleanups.push(() => p.cleanup());
  return p;
}

const DASHBOARDS = (n: number): string => `import { dashboard } from '../dsl/index.ts';

export const all = Array.from({ length: ${n} }, (_, i) => dashboard({ title: \`board \${i}\`, uid: \`board-\${i}\`, description: 'x'.repeat(400), panels: [] }));
`;
const RULES = `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({
  name: 'api.alerts',
  rules: [alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'page' }, annotations: { summary: 'api down' } })],
});
`;

const obsEntries = (dir: string): string[] => readdirSync(dir).filter((e) => e.startsWith('.obs-'));

/** The message of the one `(project)  error  build/out-dir` diagnostic in `obs build`'s output. */
function outDirError(stderr: string): string | undefined {
  const m = /^\(project\) {2}error {2}build\/out-dir\n {2}(.*)$/m.exec(stderr);
  return m?.[1];
}

describe.skipIf(!PRIVILEGED)('faults of the machine (real mounts, root only)', () => {
  it('disk full (a 160 KiB tmpfs): exit 1 naming the file and ENOSPC, out/ unchanged, nothing left; the build passes once the output fits', async () => {
    const config = "import { defineConfig } from './dsl/index.ts';\nexport default defineConfig({ outDir: 'gen/out' });\n";
    const p = project({ 'alerts/api.ts': RULES, 'dashboards/many.ts': DASHBOARDS(2) }, config);
    const gen = join(p.root, 'gen');
    mkdirSync(gen);
    expect(run('mount', ['-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', gen])).toBe(true);
    cleanups.push(() => run('umount', [gen]));
    const first = await runObsBinary(p.root, ['build']);
    expect(first.code, first.stderr).toBe(0);
    const before = p.snapshot('gen/out');

    p.write('dashboards/many.ts', DASHBOARDS(400)); // about 400 KiB of JSON
    const full = await runObsBinary(p.root, ['build']);
    expect(full.code, full.stderr).toBe(1);
    expect(full.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(outDirError(full.stderr), full.stderr).toMatch(/^cannot write gen\/\.obs-next-out\/\S+: no space left on the device \(ENOSPC\); gen\/out\/ was left as it was$/);
    expect(full.stderr).toContain('obs build: failed; gen/out/ was left untouched');
    expectSameTree(p.snapshot('gen/out'), before);
    expect(obsEntries(gen)).toEqual([]);

    p.write('dashboards/many.ts', DASHBOARDS(3));
    const fits = await runObsBinary(p.root, ['build']);
    expect(fits.code, fits.stderr).toBe(0);
    expect(p.snapshot('gen/out').has('dashboards/general/board-2.json')).toBe(true);
    expect(obsEntries(gen)).toEqual([]);
  }, 120_000);

  it('read-only project (a read-only bind mount): build exits 1 with EROFS, --check still compares, nothing changes', async () => {
    const p = project({ 'alerts/api.ts': RULES });
    expect((await p.run(['build'])).code).toBe(0);
    p.write('out/stale.txt', 'x\n'); // so the build would write
    const before = p.snapshot();
    expect(run('mount', ['--bind', p.root, p.root])).toBe(true);
    cleanups.push(() => run('umount', [p.root]));
    expect(run('mount', ['-o', 'remount,bind,ro', p.root])).toBe(true);

    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(outDirError(r.stderr), r.stderr).toBe('cannot lock .obs-lock-out: the file system is read-only (EROFS); out/ was left as it was');
    expectSameTree(p.snapshot(), before);

    const check = await p.run(['build', '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^ {2}stale: +stale\.txt$/m);
    expect(obsEntries(p.root)).toEqual([]);
  });

  it('an out/ that cannot be replaced (chattr +i): exit 1 with EPERM, out/ unchanged, the new tree and the lock removed', async () => {
    const p = project({ 'alerts/api.ts': RULES });
    expect((await p.run(['build'])).code).toBe(0);
    p.write('out/stale.txt', 'x\n');
    const before = p.snapshot();
    const out = join(p.root, 'out');
    expect(run('chattr', ['+i', out])).toBe(true);
    cleanups.push(() => run('chattr', ['-i', out]));

    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(outDirError(r.stderr), r.stderr).toBe('cannot replace out: operation not permitted (EPERM); out/ was left as it was');
    expectSameTree(p.snapshot(), before);
    expect(obsEntries(p.root)).toEqual([]);

    run('chattr', ['-i', out]);
    expect((await p.run(['build'])).code).toBe(0);
    expect(p.snapshot().has('stale.txt')).toBe(false);
  });
});
