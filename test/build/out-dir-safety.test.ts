/**
 * What `obs build` may replace: only a folder it created. An outDir that is the project, outside it,
 * or a folder of definitions, tools or version control is a config error at its obs.config.ts
 * position (exit 2) and nothing is touched; an existing folder obs did not create is refused (exit 1);
 * hostile entries inside out/ (FIFO, link to /dev/zero, link loop, link out of the project) are
 * never followed or read: --check lists them, a build replaces them. Output paths that would collide
 * (exactly, or only by case on macOS/Windows) or cannot be created are located errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';
import { expectSameTree } from '../helpers/broken-build.ts';

const RULES = `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({ // GROUP
  name: 'api.alerts',
  rules: [alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'page' }, annotations: { summary: 'api down' } })],
});
`;

const config = (outDir: string, extra = ''): string => `import { defineConfig } from './dsl/index.ts';

export default defineConfig({
  prometheus: { version: '2.42' },${extra}
  outDir: ${JSON.stringify(outDir)}, // OUTDIR
});
`;

const fixtures: FixtureProject[] = [];
const cleanups: (() => void)[] = [];
function project(files: Readonly<Record<string, string>> = { 'alerts/api.ts': RULES }, cfg?: string): FixtureProject {
  const p = createFixtureProject({ files, ...(cfg !== undefined ? { config: cfg } : {}) });
  fixtures.push(p);
  return p;
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const p of fixtures.splice(0)) p.cleanup();
});

/** Every entry of the project except the symlinked dsl/ and node_modules/: path → bytes or link target. */
function projectState(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (abs: string, rel: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === 'dsl' || r === 'node_modules') continue;
      const a = join(abs, e.name);
      if (e.isDirectory()) {
        out.set(`${r}/`, '');
        visit(a, r);
      } else if (e.isFile()) out.set(r, readFileSync(a, 'latin1'));
      else out.set(r, `<${lstatSync(a).mode}>`);
    }
  };
  visit(root, '');
  return out;
}

const obsEntries = (root: string): string[] => readdirSync(root).filter((e) => e.startsWith('.obs-'));

describe('outDir in obs.config.ts', () => {
  const REFUSED: readonly [string, RegExp][] = [
    ['./', /is the project folder itself/],
    ['./.', /is the project folder itself/],
    ['.', /is the project folder itself/],
    ['', /names no folder/],
    ['out/..', /is the project folder itself/],
    ['alerts', /is or lies inside the definitions folder paths\.alerts/],
    ['Alerts', /is or lies inside the definitions folder paths\.alerts/],
    ['alerts/generated', /is or lies inside the definitions folder paths\.alerts/],
    ['recording', /paths\.recording/],
    ['registry', /paths\.registry/],
    ['dsl', /obs's library folder/],
    ['.git', /a tool's folder \(\.git\)/],
    ['.git/obs', /a tool's folder \(\.git\)/],
    ['node_modules', /a tool's folder \(node_modules\)/],
    ['../sibling', /is outside the project/],
    ['..', /is outside the project/],
    ['out/../../x', /is outside the project/],
    ['/tmp/obs-out', /is outside the project/],
    ['C:\\\\out', /is outside the project/],
    ['~/out', /is outside the project/],
  ];

  it.each(REFUSED)('outDir %j is a config error at its obs.config.ts position (exit 2) and the project is untouched', async (outDir, message) => {
    const p = project(undefined, config(outDir));
    // A first build into out/ so there is something to lose.
    mkdirSync(join(p.root, '.git'), { recursive: true });
    writeFileSync(join(p.root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const before = projectState(p.root);
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(2);
    const line = p.lineOf('obs.config.ts', '// OUTDIR');
    const column = p.read('obs.config.ts').split('\n')[line - 1]!.indexOf('outDir: ') + 'outDir: '.length + 1;
    expect(r.stderr).toContain(`obs build: obs.config.ts:${line}:${column}: outDir ${JSON.stringify(outDir)} `);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("use a folder of its own inside the project, such as 'out'");
    expect(projectState(p.root)).toEqual(before);
    // --check, lint and test refuse it the same way
    for (const argv of [['build', '--check'], ['lint']]) expect((await p.run(argv)).code, argv.join(' ')).toBe(2);
  });

  it('a folder that holds a definitions folder set in paths is refused', async () => {
    const p = project({ 'src/alerts/api.ts': RULES.replaceAll('../dsl/', '../../dsl/') }, config('src', "\n  paths: { alerts: 'src/alerts' },"));
    const r = await p.run(['build']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/outDir "src" holds the definitions folder paths\.alerts \("src\/alerts"\)/);
    expect(existsSync(join(p.root, 'src/alerts/api.ts'))).toBe(true);
  });

  it.each([['./out/', 'out'], ['generated/obs', 'generated/obs'], ['out/./rules-out', 'out/rules-out']])('outDir %j is taken as %s', async (outDir, normalized) => {
    const p = project(undefined, config(outDir));
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${normalized}/ (1 file(s), 1 changed)`);
    expect([...p.snapshot(normalized).keys()]).toEqual(['rules/alerts/api.yml']);
    expect(existsSync(join(p.root, normalized, '.obs-generated'))).toBe(true);
    expect(obsEntries(join(p.root, normalized, '..'))).toEqual([]);
  });
});

describe('obs replaces only a folder it created', () => {
  it('an existing non-empty folder without the marker, holding files obs did not write, is refused (exit 1) and kept byte for byte', async () => {
    const p = project(undefined, config('docs'));
    p.write('docs/guide.md', '# hand-written\n');
    p.write('docs/img/logo.svg', '<svg/>\n');
    const before = projectState(p.root);
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/build\/out-dir\n {2}docs\/ was not created by obs \(it has no \.obs-generated marker\) and holds files obs did not write: docs\/guide\.md, docs\/img\/logo\.svg\./);
    expect(r.stderr).toContain('obs build: failed; docs/ was left untouched');
    expect(projectState(p.root)).toEqual(before);
  });

  it('an empty existing folder is taken', async () => {
    const p = project(undefined, config('generated'));
    mkdirSync(join(p.root, 'generated'));
    expect((await p.run(['build'])).code).toBe(0);
    expect([...p.snapshot('generated').keys()]).toEqual(['rules/alerts/api.yml']);
    expect(existsSync(join(p.root, 'generated/.obs-generated'))).toBe(true);
  });

  it('an out/ from before the marker (only files obs writes, or with its header) is taken over and gets the marker', async () => {
    const p = project();
    expect((await p.run(['build'])).code).toBe(0);
    const built = p.snapshot();
    rmSync(join(p.root, 'out/.obs-generated'));
    p.write('out/rules/alerts/removed.yml', '# Generated by obs-as-code from alerts/removed.ts. Do not edit.\ngroups: []\n');
    const check = await p.run(['build', '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^ {2}missing: \.obs-generated$/m);
    expect(check.stderr).toMatch(/^ {2}stale: +rules\/alerts\/removed\.yml$/m);
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expectSameTree(p.snapshot(), built);
    expect(existsSync(join(p.root, 'out/.obs-generated'))).toBe(true);
    expect((await p.run(['build', '--check'])).code).toBe(0);
  });

  it('the marker is what makes out/ ours: with it, a hand-written file in out/ is replaced', async () => {
    const p = project();
    expect((await p.run(['build'])).code).toBe(0);
    const built = p.snapshot();
    p.write('out/notes.md', 'hand-written\n');
    expect((await p.run(['build'])).code).toBe(0);
    expectSameTree(p.snapshot(), built);
  });

  it('out as a symbolic link, or as a file, is refused and left as it is', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'obs-elsewhere-'));
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    writeFileSync(join(elsewhere, 'keep.txt'), 'keep\n');
    const linked = project();
    symlinkSync(elsewhere, join(linked.root, 'out'));
    const r = await linked.run(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out is a symbolic link: obs writes only a real folder it created/);
    expect(lstatSync(join(linked.root, 'out')).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);

    const file = project();
    file.write('out', 'not a folder\n');
    const f = await file.run(['build']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/out is a file, not a folder obs created/);
    expect(file.read('out')).toBe('not a folder\n');
  });

  it('an outDir whose parent is a link leading out of the project is refused', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'obs-elsewhere-'));
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    mkdirSync(join(elsewhere, 'out'));
    writeFileSync(join(elsewhere, 'out', 'keep.txt'), 'keep\n');
    const p = project(undefined, config('gen/out'));
    symlinkSync(elsewhere, join(p.root, 'gen'));
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gen\/out\/ is outside the project: gen leads to /);
    expect(readdirSync(join(elsewhere, 'out'))).toEqual(['keep.txt']);
  });
});

describe('hostile entries inside out/ are never followed or read', () => {
  /** Builds, then plants `plant` in out/; returns the project and its good tree. */
  async function planted(plant: (out: string) => void): Promise<{ p: FixtureProject; good: Map<string, Buffer> }> {
    const p = project();
    expect((await p.run(['build'])).code).toBe(0);
    const good = p.snapshot();
    plant(join(p.root, 'out'));
    return { p, good };
  }

  const outside = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'obs-target-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'secret.txt'), 'secret\n');
    return dir;
  };

  const HOSTILE: readonly [string, (out: string) => void, readonly string[]][] = [
    ['a FIFO in place of a rule file', (out) => {
      rmSync(join(out, 'rules/alerts/api.yml'));
      execFileSync('mkfifo', [join(out, 'rules/alerts/api.yml')]);
    }, ['changed: rules/alerts/api.yml']],
    ['a FIFO as an extra file', (out) => execFileSync('mkfifo', [join(out, 'pipe')]), ['stale:   pipe']],
    ['a link to /dev/zero in place of a rule file', (out) => {
      rmSync(join(out, 'rules/alerts/api.yml'));
      symlinkSync('/dev/zero', join(out, 'rules/alerts/api.yml'));
    }, ['changed: rules/alerts/api.yml']],
    ['a link to /dev/zero as an extra file', (out) => symlinkSync('/dev/zero', join(out, 'zero')), ['stale:   zero']],
    ['a symlink loop', (out) => {
      symlinkSync('loop-b', join(out, 'loop-a'));
      symlinkSync('loop-a', join(out, 'loop-b'));
    }, ['stale:   loop-a', 'stale:   loop-b']],
    ['a link to itself in place of a folder', (out) => {
      rmSync(join(out, 'rules'), { recursive: true });
      symlinkSync('rules', join(out, 'rules'));
    }, ['missing: rules/alerts/api.yml', 'stale:   rules']],
    ['a link to a folder outside the project', (out) => symlinkSync(outside(), join(out, 'elsewhere')), ['stale:   elsewhere']],
    ['a link to the project root', (out) => symlinkSync('..', join(out, 'up')), ['stale:   up']],
  ];

  it.each(HOSTILE)('%s: --check lists it (exit 1) without reading it; build replaces it and touches nothing it points to', async (_name, plant, listed) => {
    const { p, good } = await planted(plant);
    const started = Date.now();
    const rss = process.memoryUsage().rss;
    const check = await p.run(['build', '--check']);
    expect(check.code).toBe(1);
    const lines = check.stderr.split('\n').filter((l) => /^ {2}(changed|missing|stale):/.test(l)).map((l) => l.slice(2));
    expect(lines).toEqual(listed);
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 << 20);
    expectSameTree(p.snapshot(), good);
    expect(obsEntries(p.root)).toEqual([]);
    expect(readFileSync(join(p.root, 'alerts/api.ts'), 'utf8')).toBe(RULES);
    expect((await p.run(['build', '--check'])).code).toBe(0);
  });

  it('obs diff reads no FIFO or link in out/ either', async () => {
    const { p } = await planted((out) => {
      execFileSync('mkfifo', [join(out, 'pipe')]);
      symlinkSync('/dev/zero', join(out, 'zero'));
    });
    const { readTree } = await import('../../dsl/core/files.ts');
    expect([...readTree(join(p.root, 'out')).keys()]).toEqual(['.obs-generated', 'rules/alerts/api.yml']);
  });
});

describe('output paths every checkout can hold', () => {
  const group = (name: string, depth = 1): string => `import { alert, ruleGroup, ruleTest } from '${'../'.repeat(depth)}dsl/index.ts';

export const g = ruleGroup({ // GROUP
  name: '${name}',
  rules: [alert({ name: 'A${name.replace(/\W/g, '')}', expr: 'up == 0', labels: { severity: 'page' }, annotations: { summary: 's' } })],
});
`;
  const withTest = (name: string, interval?: string): string => `${group(name)}
export const t = ruleTest({ // TEST
  name: 't', groups: [g],${interval ? ` evaluationInterval: '${interval}',` : ''}
  input: [{ metric: 'up', values: '0x5' }], alerts: [],
});
`;
  const OUTPUTS = "\n  rules: { outputs: ['prometheus', 'prometheus-operator', 'mimir'] },";

  async function failsAt(p: FixtureProject, expected: readonly string[], message: RegExp): Promise<void> {
    const before = p.snapshot();
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(1);
    const errors = parseDiagnostics(r.stderr).filter((d) => d.checkId === 'build/output-path');
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column}`).sort()).toEqual([...expected].sort());
    for (const e of errors) expect(e.message).toMatch(message);
    expectSameTree(p.snapshot(), before);
    expect(obsEntries(p.root)).toEqual([]);
  }

  it('modules a_b.ts and a-b.ts both want the PrometheusRule and Mimir file: an error at each group', async () => {
    const p = project({ 'alerts/a_b.ts': group('ab1'), 'alerts/a-b.ts': group('ab2') }, config('out', OUTPUTS));
    const line = p.lineOf('alerts/a_b.ts', '// GROUP');
    await failsAt(p, [`alerts/a_b.ts:${line}:18`, `alerts/a_b.ts:${line}:18`, `alerts/a-b.ts:${line}:18`, `alerts/a-b.ts:${line}:18`],
      /would be written to out\/(prometheus-operator|mimir)\/alerts-a-b\.yaml, and so would the output of alerts\/a[-_]b\.ts:3/);
  });

  it('x.ts with tests at a 1h evaluation interval and x.eval-1h.ts with tests want one test file: an error at each test', async () => {
    const p = project({ 'alerts/x.ts': withTest('x', '1h'), 'alerts/x.eval-1h.ts': withTest('y') });
    const line = p.lineOf('alerts/x.ts', '// TEST');
    await failsAt(p, [`alerts/x.ts:${line}:18`, `alerts/x.eval-1h.ts:${line}:18`], /would be written to out\/tests\/alerts\/x\.eval-1h\.test\.yml/);
  });

  it('modules whose paths differ only in case: an error at both (one file on macOS and Windows)', async () => {
    const p = project({ 'alerts/Api.ts': group('a1'), 'alerts/api.ts': group('a2') });
    const line = p.lineOf('alerts/api.ts', '// GROUP');
    await failsAt(p, [`alerts/Api.ts:${line}:18`, `alerts/api.ts:${line}:18`], /names that differ only in case are one file on macOS and Windows checkouts/);
  });

  it('dashboard uids that differ only in case: an error at both dashboards', async () => {
    const dash = (title: string, uid: string): string => `import { dashboard } from '../dsl/index.ts';\nexport const d = dashboard({ title: '${title}', uid: '${uid}', panels: [] });\n`;
    const p = project({ 'dashboards/one.ts': dash('One', 'Payments'), 'dashboards/two.ts': dash('Two', 'payments') });
    await failsAt(p, ['dashboards/one.ts:2:18', 'dashboards/two.ts:2:18'], /out\/dashboards\/general\/(P|p)ayments\.json.*differ only in case/);
  });

  it('a 250-character module name: the output names it would need are too long, an error at its group', async () => {
    const name = `${'m'.repeat(250)}.ts`;
    const p = project({ [`alerts/${name}`]: group('long') }, config('out', OUTPUTS));
    const line = p.lineOf(`alerts/${name}`, '// GROUP');
    await failsAt(p, [`alerts/${name}:${line}:18`, `alerts/${name}:${line}:18`], /would have a name of 258 bytes; file systems allow 255/);
  });

  it('uids "/abs", "a//b" and 300 characters, with dashboard/uid turned off, still write files inside out/ (never a crash)', async () => {
    const dash = (uid: string, n: number): string => `import { dashboard } from '../dsl/index.ts';\nexport const d${n} = dashboard({ title: 't${n}', uid: ${uid}, panels: [] });\n`;
    const p = project({ 'dashboards/a.ts': dash("'/abs'", 1), 'dashboards/b.ts': dash("'a//b'", 2), 'dashboards/c.ts': dash("'x'.repeat(200)", 3) }, config('out', "\n  lint: { checks: { 'dashboard/uid': 'off' } },"));
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect([...p.snapshot().keys()]).toEqual(['dashboards/general/_abs.json', 'dashboards/general/a__b.json', `dashboards/general/${'x'.repeat(200)}.json`, 'grafana/provisioning/dashboards.yaml']);
    const long = project({ 'dashboards/c.ts': dash("'x'.repeat(300)", 3) }, config('out', "\n  lint: { checks: { 'dashboard/uid': 'off' } },"));
    await failsAt(long, ['dashboards/c.ts:2:19'], /would have a name of 305 bytes/);
  });

  it('with dashboard/uid on, those uids are refused at the dashboard', async () => {
    const p = project({ 'dashboards/a.ts': "import { dashboard } from '../dsl/index.ts';\nexport const d = dashboard({ title: 'a', uid: 'a//b', panels: [] });\n" });
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(parseDiagnostics(r.stderr).map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}`)).toEqual(['dashboards/a.ts:2:18 dashboard/uid']);
  });
});
