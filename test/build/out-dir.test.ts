/**
 * out/ is a pure function of the sources: the same sources give the same bytes, in any project
 * directory and whatever order modules are written or exported in; an unchanged build touches
 * nothing; a build replaces out/ as a whole (stale files disappear, a failed write leaves the old
 * tree); `build --check` only compares; output paths can never leave out/.
 */
import { readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, posix, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeOutPath } from '../../dsl/emit/artifact.ts';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';
import { expectSameTree } from '../helpers/broken-build.ts';

/** Failure injection for the atomicity tests: node:fs passes through unless a test sets a hook. */
const fsHooks = vi.hoisted(() => ({
  openSync: undefined as ((path: unknown) => void) | undefined,
  renameSync: undefined as ((from: unknown, to: unknown) => void) | undefined,
  linkSync: undefined as ((from: unknown, to: unknown) => void) | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const openSync = ((...args: Parameters<typeof actual.openSync>) => {
    fsHooks.openSync?.(args[0]);
    return actual.openSync(...args);
  }) as typeof actual.openSync;
  const renameSync = ((...args: Parameters<typeof actual.renameSync>) => {
    fsHooks.renameSync?.(args[0], args[1]);
    return actual.renameSync(...args);
  }) as typeof actual.renameSync;
  const linkSync = ((...args: Parameters<typeof actual.linkSync>) => {
    fsHooks.linkSync?.(args[0], args[1]);
    return actual.linkSync(...args);
  }) as typeof actual.linkSync;
  return { ...actual, openSync, renameSync, linkSync, default: { ...actual, openSync, renameSync, linkSync } };
});

const CONFIG = `import { defineConfig } from './dsl/index.ts';

export default defineConfig({
  prometheus: { version: '2.42' },
  rules: { outputs: ['prometheus', 'prometheus-operator', 'mimir'] },
});
`;

const API_ALERTS = `import { alert, promql, ruleGroup, ruleTest } from '../dsl/index.ts';

export const apiAlerts = ruleGroup({
  name: 'api.alerts',
  rules: [
    alert({
      name: 'ApiDown',
      expr: 'up{job="api"} == 0',
      for: '2m',
      labels: { team: 'web', severity: 'page' },
      annotations: { summary: 'api is down', description: 'no scrape succeeded for 2m' },
    }),
    alert({
      name: 'ApiErrors',
      expr: promql\`job:http_request_errors:ratio_rate5m{job="api"} > 0.05\`,
      labels: { severity: 'ticket' },
      annotations: { summary: 'api errors' },
    }),
  ],
});

export const apiDownTest = ruleTest({
  name: 'api down pages',
  groups: [apiAlerts],
  input: [{ metric: 'up', labels: { job: 'api', instance: 'a:1' }, values: '0x5' }],
  alerts: [{ at: '4m', alertname: 'ApiDown', expect: [{ labels: { job: 'api', instance: 'a:1', team: 'web', severity: 'page' } }] }],
});
`;

// Exported in the reverse of source order: groups must still come out in source order.
const DB_ALERTS = `import { alert, ruleGroup } from '../../dsl/index.ts';

const first = ruleGroup({
  name: 'db.first',
  rules: [alert({ name: 'DbDown', expr: 'up{job="db"} == 0', labels: { severity: 'page' }, annotations: { summary: 'db down' } })],
});

const second = ruleGroup({
  name: 'db.second',
  interval: '1m',
  rules: [alert({ name: 'DbSlow', expr: 'pg_slow_queries > 10', labels: { severity: 'ticket' }, annotations: { summary: 'db slow' } })],
});

export default [second, first];
`;

const API_RECORDING = `import { record, ruleGroup } from '../dsl/index.ts';

export const apiRecording = ruleGroup({
  name: 'api.recording',
  interval: '30s',
  rules: [
    record({ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }),
    record({ name: 'job:up:sum', expr: 'sum by (job) (up)', labels: { source: 'obs' } }),
  ],
});
`;

const FILES: Readonly<Record<string, string>> = {
  'alerts/api.ts': API_ALERTS,
  'alerts/team-b/db.ts': DB_ALERTS,
  'recording/api.ts': API_RECORDING,
};

const EXPECTED_PATHS = [
  'mimir/alerts-api.yaml',
  'mimir/alerts-team-b-db.yaml',
  'mimir/recording-api.yaml',
  'prometheus-operator/alerts-api.yaml',
  'prometheus-operator/alerts-team-b-db.yaml',
  'prometheus-operator/recording-api.yaml',
  'rules/alerts/api.yml',
  'rules/alerts/team-b/db.yml',
  'rules/recording/api.yml',
  'tests/alerts/api.test.yml',
];

const fixtures: FixtureProject[] = [];
function project(files: Readonly<Record<string, string>> = FILES, config = CONFIG): FixtureProject {
  const p = createFixtureProject({ config, files });
  fixtures.push(p);
  return p;
}
afterEach(() => {
  fsHooks.openSync = undefined;
  fsHooks.renameSync = undefined;
  fsHooks.linkSync = undefined;
  for (const p of fixtures.splice(0)) p.cleanup();
});

async function built(p: FixtureProject): Promise<void> {
  const r = await p.run(['build']);
  expect(r.code, r.stderr).toBe(0);
}

/** path → [mtimeMs, inode] of out/ itself and every file in it. */
function stamps(dir: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const visit = (abs: string): void => {
    const st = statSync(abs);
    out.set(relative(dir, abs) || '.', [st.mtimeMs, st.ino]);
    if (st.isDirectory()) for (const e of readdirSync(abs)) visit(join(abs, e));
  };
  visit(dir);
  return out;
}

const leftovers = (root: string): string[] => readdirSync(root).filter((e) => e.startsWith('.obs-'));
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('determinism', () => {
  it('the same sources build byte-identical out/ trees in two different project directories', async () => {
    const a = project();
    const b = project();
    await built(a);
    await built(b);
    expect([...a.snapshot().keys()]).toEqual(EXPECTED_PATHS);
    expectSameTree(b.snapshot(), a.snapshot());
  });

  it('out/ does not depend on the order modules are created in', async () => {
    const forward = project({});
    const backward = project({});
    const order = Object.keys(FILES);
    for (const f of order) forward.write(f, FILES[f] as string);
    for (const f of [...order].reverse()) backward.write(f, FILES[f] as string);
    await built(forward);
    await built(backward);
    expectSameTree(backward.snapshot(), forward.snapshot());
  });

  it("a module's files are the same whether it is built alone or with the other modules", async () => {
    const all = project();
    await built(all);
    const together = all.snapshot();
    for (const [module, source] of Object.entries(FILES)) {
      const alone = project({ [module]: source });
      await built(alone);
      const own = alone.snapshot();
      expect(own.size).toBeGreaterThan(0);
      for (const [path, bytes] of own) expect(together.get(path)?.equals(bytes), `${path} (from ${module})`).toBe(true);
    }
  });

  it('groups are written in source order even when exported in another order', async () => {
    const p = project();
    await built(p);
    const yml = p.read('out/rules/alerts/team-b/db.yml');
    expect(yml.indexOf('name: db.first')).toBeGreaterThan(-1);
    expect(yml.indexOf('name: db.first')).toBeLessThan(yml.indexOf('name: db.second'));
  });

  it('labels and annotations are written sorted by name', async () => {
    const p = project();
    await built(p);
    const yml = p.read('out/rules/alerts/api.yml');
    expect(yml.indexOf('severity: page')).toBeLessThan(yml.indexOf('team: web'));
    expect(yml.indexOf('description:')).toBeLessThan(yml.indexOf('summary: api is down'));
  });
});

describe('writing out/', () => {
  it('a rebuild of unchanged sources reports 0 changed and rewrites no file', async () => {
    const p = project();
    await built(p);
    const outDir = join(p.root, 'out');
    const before = stamps(outDir);
    const bytes = p.snapshot();
    await pause(50);
    // Saved again with the same bytes: the no-op shortcut does not apply, the build runs and writes nothing.
    const source = join(p.root, 'alerts', 'api.ts');
    utimesSync(source, new Date(), new Date());
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote out\/ \(10 file\(s\), 0 changed\)/);
    expect(stamps(outDir)).toEqual(before);
    expectSameTree(p.snapshot(), bytes);
  });

  it('a stale file or folder placed in out/ is removed by the next build, the rest is unchanged', async () => {
    const p = project();
    await built(p);
    const good = p.snapshot();
    p.write('out/rules/alerts/removed-module.yml', 'groups: []\n');
    p.write('out/notes/README.md', 'hand-written\n');
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(10 file\(s\), 2 changed\)/);
    expectSameTree(p.snapshot(), good);
    expect(leftovers(p.root)).toEqual([]);
  });

  it('a changed definition rewrites out/ with exactly the new build and leaves no temporary folders', async () => {
    const p = project();
    await built(p);
    p.relocate(); // so the edited module is imported afresh
    p.replace('recording/api.ts', "interval: '30s'", "interval: '1m'");
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(10 file\(s\), 3 changed\)/); // the rules, operator and mimir files of the module
    expect(p.read('out/rules/recording/api.yml')).toContain('interval: 1m');
    expect(leftovers(p.root)).toEqual([]);
  });

  it('a build that changes one file writes that file and links the unchanged ones into the new tree (same inode, no leftovers)', async () => {
    const p = project();
    await built(p);
    const inodes = (): Map<string, number> => new Map([...p.snapshot().keys()].map((f) => [f, statSync(join(p.root, 'out', f)).ino]));
    const before = inodes();
    p.relocate();
    p.replace('alerts/team-b/db.ts', "summary: 'db down'", "summary: 'edited db down'");
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    const after = inodes();
    const rewritten = [...after].filter(([f, ino]) => before.get(f) !== ino).map(([f]) => f).sort();
    expect(rewritten).toEqual(['mimir/alerts-team-b-db.yaml', 'prometheus-operator/alerts-team-b-db.yaml', 'rules/alerts/team-b/db.yml']);
    expect(p.read('out/rules/alerts/team-b/db.yml')).toContain('summary: edited ');
    expect(leftovers(p.root)).toEqual([]);
  });

  it('where hard links fail (EPERM injected: a file system without them), every file of the new tree is written', async () => {
    const p = project();
    await built(p);
    p.relocate();
    p.replace('alerts/team-b/db.ts', "summary: 'db down'", "summary: 'edited db down'");
    let links = 0;
    fsHooks.linkSync = (_from, to) => {
      if (String(to).includes('.obs-next-')) {
        links++;
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      }
    };
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(links, 'links tried for the unchanged files').toBeGreaterThan(3);
    fsHooks.linkSync = undefined;
    const fresh = project();
    for (const f of ['obs.config.ts', 'alerts/api.ts', 'alerts/team-b/db.ts', 'recording/api.ts']) fresh.write(f, p.read(f));
    await built(fresh);
    expectSameTree(p.snapshot(), fresh.snapshot());
    expect(leftovers(p.root)).toEqual([]);
  });

  it('a build that fails while writing the new tree (ENOSPC injected) exits 1 naming the file and the cause, and leaves the previous out/', async () => {
    const p = project();
    await built(p);
    const before = p.snapshot();
    p.write('out/stale.txt', 'x\n'); // makes the next build write
    // Three files whose bytes differ from the build's: written again (unchanged ones are linked).
    for (const f of ['rules/alerts/api.yml', 'rules/alerts/team-b/db.yml', 'rules/recording/api.yml']) p.write(`out/${f}`, '# Generated by obs-as-code\n');
    const withStale = p.snapshot();
    let writes = 0;
    fsHooks.openSync = (path) => {
      if (String(path).includes('.obs-next-') && ++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
    };
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(writes).toBe(3);
    expect(r.stderr).toMatch(/build\/out-dir\n {2}cannot write \.obs-next-out\/\S+: no space left on the device \(ENOSPC\); out\/ was left as it was/);
    expect(r.stderr).toMatch(/obs build: failed; out\/ was left untouched/);
    expectSameTree(p.snapshot(), withStale);
    expect(leftovers(p.root)).toEqual([]);
    // and the next build recovers
    fsHooks.openSync = undefined;
    await built(p);
    expectSameTree(p.snapshot(), before);
  });

  it('a build whose final rename fails puts the previous out/ back and exits 1 with the cause', async () => {
    const p = project();
    await built(p);
    p.write('out/stale.txt', 'x\n');
    const withStale = p.snapshot();
    fsHooks.renameSync = (from) => {
      if (String(from).includes('.obs-next-')) throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
    };
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot replace out: it is on another file system \(EXDEV\); out\/ was left as it was/);
    expectSameTree(p.snapshot(), withStale);
    expect(leftovers(p.root)).toEqual([]);
  });

  it('two modules whose names sanitize to the same out/ path are a located build error, not an internal crash', async () => {
    const recording = (group: string, name: string): string =>
      `import { record, ruleGroup } from '../dsl/index.ts';\n\nexport const g = ruleGroup({ name: '${group}', rules: [record({ name: '${name}', expr: 'sum(up)' })] });\n`;
    const p = project({ 'recording/api rates.ts': recording('a', 'a:up:sum'), 'recording/api_rates.ts': recording('b', 'b:up:sum') });
    const r = await p.run(['build']).catch((e: unknown) => ({ code: 70, stdout: '', stderr: `threw: ${e instanceof Error ? e.message : String(e)}` }));
    expect(r.code, r.stderr).toBe(1);
    const errors = parseDiagnostics(r.stderr).filter((d) => d.severity === 'error');
    expect(errors.length, r.stderr).toBeGreaterThanOrEqual(1);
    expect(errors.every((d) => d.file.startsWith('recording/api')), r.stderr).toBe(true);
    expect(p.snapshot().size).toBe(0);
  });
});

describe('obs build --check', () => {
  async function checked(p: FixtureProject): Promise<{ code: number; stdout: string; stderr: string; untouched: () => void }> {
    const outDir = join(p.root, 'out');
    const bytes = p.snapshot();
    const before = statSync(outDir, { throwIfNoEntry: false }) ? stamps(outDir) : undefined;
    await pause(20);
    const r = await p.run(['build', '--check']);
    return {
      ...r,
      untouched: () => {
        expectSameTree(p.snapshot(), bytes);
        expect(statSync(outDir, { throwIfNoEntry: false }) ? stamps(outDir) : undefined).toEqual(before);
        expect(leftovers(p.root)).toEqual([]);
      },
    };
  }

  it('exits 0 when out/ is what the sources build', async () => {
    const p = project();
    await built(p);
    const r = await checked(p);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/out\/ is up to date \(10 file\(s\)\)/);
    r.untouched();
  });

  it('exits 1 listing "changed:" when a file in out/ was edited, and writes nothing', async () => {
    const p = project();
    await built(p);
    writeFileSync(join(p.root, 'out/rules/alerts/api.yml'), p.read('out/rules/alerts/api.yml').replace('for: 2m', 'for: 5m'));
    const r = await checked(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}changed: rules\/alerts\/api\.yml$/m);
    expect(r.stderr).not.toMatch(/missing:|stale:/);
    r.untouched();
  });

  it('exits 1 listing "missing:" when a file was deleted from out/, and writes nothing', async () => {
    const p = project();
    await built(p);
    unlinkSync(join(p.root, 'out/tests/alerts/api.test.yml'));
    const r = await checked(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}missing: tests\/alerts\/api\.test\.yml$/m);
    expect(r.stderr).not.toMatch(/changed:|stale:/);
    r.untouched();
  });

  it('exits 1 listing "stale:" when an extra file was added to out/, and writes nothing', async () => {
    const p = project();
    await built(p);
    p.write('out/rules/alerts/old.yml', 'groups: []\n');
    const r = await checked(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}stale: +rules\/alerts\/old\.yml$/m);
    expect(r.stderr).not.toMatch(/changed:|missing:/);
    r.untouched();
  });

  it('lists every difference at once, sorted within each kind', async () => {
    const p = project();
    await built(p);
    writeFileSync(join(p.root, 'out/rules/recording/api.yml'), '# edited\n');
    writeFileSync(join(p.root, 'out/mimir/alerts-api.yaml'), '# edited\n');
    unlinkSync(join(p.root, 'out/rules/alerts/team-b/db.yml'));
    p.write('out/zz.yml', 'x\n');
    p.write('out/aa/extra.yml', 'x\n');
    const r = await checked(p);
    expect(r.code).toBe(1);
    const listed = r.stderr.split('\n').filter((l) => /^ {2}(changed|missing|stale):/.test(l)).map((l) => l.trim().replace(/ +/g, ' '));
    expect(listed).toEqual([
      'changed: mimir/alerts-api.yaml',
      'changed: rules/recording/api.yml',
      'missing: rules/alerts/team-b/db.yml',
      'stale: aa/extra.yml',
      'stale: zz.yml',
    ]);
    r.untouched();
  });

  it('exits 1 listing every file as missing when there is no out/ at all, and does not create it', async () => {
    const p = project();
    const r = await checked(p);
    expect(r.code).toBe(1);
    const missing = r.stderr.split('\n').filter((l) => l.startsWith('  missing: ')).map((l) => l.slice('  missing: '.length));
    expect(missing).toEqual(['.obs-generated', ...EXPECTED_PATHS]);
    r.untouched();
    expect(statSync(join(p.root, 'out'), { throwIfNoEntry: false })).toBeUndefined();
  });

  it('fails with the diagnostics, not a diff, when a definition is broken', async () => {
    const p = project({ ...FILES, 'alerts/broken.ts': "import { alert, ruleGroup } from '../dsl/index.ts';\nexport const g = ruleGroup({ name: 'broken', rules: [alert({ name: 'Broken', expr: 'rate(up)' })] });\n" });
    const r = await checked(p);
    expect(r.code).toBe(1);
    expect(parseDiagnostics(r.stderr).map((d) => `${d.file}:${d.line} ${d.checkId}`)).toEqual(['alerts/broken.ts:2 promql/syntax']);
    expect(r.stderr).not.toMatch(/missing:/);
    r.untouched();
  });
});

describe('safeOutPath keeps every output path inside out/', () => {
  const HOSTILE = [
    '..', '.', '...', '../..', '../../etc/passwd', '/abs', '/etc/passwd', 'a/../../b', 'a/./b', './a', 'a/..', '..a/b..', '.../...',
    '..\\..\\windows', 'C:\\x', 'a\\..\\..\\b', '%2e%2e/%2e%2e', '\u0000/x', 'a\nb', ' ', '~', '~/x', '$HOME', '`rm`',
    'über', 'grüße/ünïcödé.yml', '日本語/ルール', '🔥/🔥', '\u202e', '\uff0e\uff0e/x', '\u2024\u2024', 'x'.repeat(300),
    '', '/', '//', 'a//b', 'a/',
  ];
  const OUT = '/project/out';

  function expectInside(path: string, input: readonly string[]): void {
    const label = JSON.stringify(input);
    expect(path, label).toMatch(/^[A-Za-z0-9._\-/]+$/);
    expect(isAbsolute(path), label).toBe(false);
    expect(path.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), label).toBe(true);
    expect(posix.normalize(path), label).toBe(path);
    const abs = posix.join(OUT, path);
    expect(abs.startsWith(`${OUT}/`) && abs.length > OUT.length + 1, label).toBe(true);
  }

  it.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s alone, after a prefix and before a suffix', (_label, s) => {
    for (const input of [[s], ['rules', s], ['rules', `${s}.yml`], [s, 'x.yml'], ['tests', `${s}.test.yml`]]) {
      let out: string;
      try {
        out = safeOutPath(...input);
      } catch (e) {
        // Refusing is fine (empty segments); producing an escaping path is not.
        expect(String(e), JSON.stringify(input)).toMatch(/empty path segment/);
        continue;
      }
      expectInside(out, input);
    }
  });

  it('keeps ordinary module paths readable', () => {
    expect(safeOutPath('rules', 'alerts/team-b/db.yml')).toBe('rules/alerts/team-b/db.yml');
    expect(safeOutPath('tests', 'alerts/api.test.yml')).toBe('tests/alerts/api.test.yml');
  });

  it('a module with a non-ASCII, spaced file name builds into a sanitized path inside out/', async () => {
    const p = project({ 'recording/über rates.ts': API_RECORDING });
    await built(p);
    const paths = [...p.snapshot().keys()];
    expect(paths).toContain('rules/recording/_ber_rates.yml');
    for (const path of paths) expectInside(path, [path]);
  });
});
