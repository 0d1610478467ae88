/**
 * What the build writes is what the real Prometheus tools accept: `promtool check rules` on every
 * emitted rule file (also the groups inside the Prometheus Operator and Mimir flavours), and
 * `promtool test rules` (through `obs test`) on the repo's own ruleTest definitions. A failing
 * ruleTest is reported at the TS line of its `ruleTest(...)` call.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureProject, parseDiagnostics, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';

const skip = promtoolSkipReason();

interface Checked {
  readonly status: number | null;
  readonly output: string;
}

function promtool(args: readonly string[], cwd?: string): Checked {
  const tool = findPromtool();
  if (!tool) throw new Error('promtool not available');
  const r = spawnSync(tool.path, [...args], { encoding: 'utf8', ...(cwd ? { cwd } : {}) });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

interface RuleFile {
  readonly groups: readonly { readonly name: string; readonly rules: readonly unknown[] }[];
}

const ruleCount = (f: RuleFile): number => f.groups.reduce((n, g) => n + g.rules.length, 0);

/** `promtool check rules` on one file: must exit 0 and say SUCCESS with the number of rules we wrote. */
function expectPromtoolAccepts(file: string, rules: number): void {
  const r = promtool(['check', 'rules', file]);
  expect(r.status, r.output).toBe(0);
  expect(r.output).toContain(`SUCCESS: ${rules} rules found`);
}

/** The repo's obs.config.ts with the given rule outputs. */
function repoConfigWithOutputs(outputs: readonly string[]): string {
  const text = readFileSync(join(REPO_ROOT, 'obs.config.ts'), 'utf8');
  const re = /rules: \{ outputs: \[[^\]]*\] \}/;
  if (!re.test(text)) throw new Error('obs.config.ts no longer sets rules.outputs on one line; update this test');
  return text.replace(re, `rules: { outputs: ${JSON.stringify(outputs).replace(/"/g, "'")} }`);
}

describe.skipIf(skip !== undefined)('the repo\'s own project, checked with the real promtool', () => {
  let p: FixtureProject;
  beforeAll(async () => {
    p = createFixtureProject({ prefix: 'obs-repo-' });
    p.copyFromRepo('alerts', 'recording', 'registry', 'obs.config.ts');
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => p?.cleanup());

  it('builds at least one rule file, and no other kinds than rules and tests', () => {
    const paths = [...p.snapshot().keys()];
    expect(paths.filter((f) => f.startsWith('rules/')).length).toBeGreaterThan(0);
    expect(paths.every((f) => /^rules\/.+\.yml$/.test(f) || /^tests\/.+\.test\.yml$/.test(f)), paths.join('\n')).toBe(true);
  });

  it('every emitted rule file passes promtool check rules (SUCCESS, exit 0, all rules found)', () => {
    const files = [...p.snapshot()].filter(([f]) => f.startsWith('rules/'));
    for (const [f, bytes] of files) expectPromtoolAccepts(join(p.root, 'out', f), ruleCount(parse(bytes.toString('utf8')) as RuleFile));
  });

  it('the rule files are the ones committed in out/ (the repo is built)', () => {
    const fresh = p.snapshot();
    for (const [f, bytes] of fresh) expect(readFileSync(join(REPO_ROOT, 'out', f)).equals(bytes), `out/${f} is stale in the repo`).toBe(true);
  });

  it('obs test runs every ruleTest with promtool test rules and all pass', async () => {
    const r = await p.run(['test']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const m = /obs test: (\d+) test\(s\) in (\d+) file\(s\): (\d+) passed, 0 failed/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const [total, , passed] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    // as many as the emitted promtool test files hold
    const emitted = [...p.snapshot()].filter(([f]) => f.startsWith('tests/')).reduce((n, [, b]) => n + (parse(b.toString('utf8')) as { tests: unknown[] }).tests.length, 0);
    expect(total).toBe(emitted);
    expect(passed).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('the emitted promtool test files also pass when run in place from out/', () => {
    const tests = [...p.snapshot().keys()].filter((f) => f.startsWith('tests/'));
    expect(tests.length).toBeGreaterThan(0);
    for (const f of tests) {
      const abs = join(p.root, 'out', f);
      const r = promtool(['test', 'rules', basename(abs)], dirname(abs));
      expect(r.status, r.output).toBe(0);
      expect(r.output).toContain('SUCCESS');
    }
  });
});

describe.skipIf(skip !== undefined)('a failing ruleTest', () => {
  const ALERTS = `import { alert, ruleGroup, ruleTest } from '../dsl/index.ts';

export const apiAlerts = ruleGroup({
  name: 'api.alerts',
  rules: [
    alert({
      name: 'ApiDown',
      expr: 'up{job="api"} == 0',
      for: '2m',
      labels: { severity: 'page' },
      annotations: { summary: 'api {{ $labels.instance }} is down' },
    }),
  ],
});

export const passes = ruleTest({
  name: 'api down for 3 minutes pages',
  groups: [apiAlerts],
  input: [{ metric: 'up', labels: { job: 'api', instance: 'a:1' }, values: '0x10' }],
  alerts: [{ at: '5m', alertname: 'ApiDown', expect: [{ labels: { job: 'api', instance: 'a:1', severity: 'page' }, annotations: { summary: 'api a:1 is down' } }] }],
});

export const fails = ruleTest({ // ERROR
  name: 'api down for 1 minute already pages (wrong: for is 2m)',
  groups: [apiAlerts],
  input: [{ metric: 'up', labels: { job: 'api', instance: 'a:1' }, values: '0x10' }],
  alerts: [{ at: '1m', alertname: 'ApiDown', expect: [{ labels: { job: 'api', instance: 'a:1', severity: 'page' } }] }],
});
`;
  let p: FixtureProject;
  beforeAll(() => {
    p = createFixtureProject({ files: { 'alerts/api.ts': ALERTS }, config: `import { defineConfig } from './dsl/index.ts';\nexport default defineConfig({ prometheus: { version: '2.42' } });\n` });
  });
  afterAll(() => p?.cleanup());

  it('makes obs test exit 1 with one test/failed error at the TS line of that ruleTest(...) call', async () => {
    const r = await p.run(['test']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toContain('obs test: 2 test(s) in 1 file(s): 1 passed, 1 failed');
    const errors = parseDiagnostics(r.stderr).filter((d) => d.severity === 'error');
    expect(errors, r.stderr).toHaveLength(1);
    const line = p.lineOf('alerts/api.ts');
    const column = (p.read('alerts/api.ts').split('\n')[line - 1] ?? '').indexOf('ruleTest(') + 1;
    expect(errors[0]).toMatchObject({ checkId: 'test/failed', file: 'alerts/api.ts', line, column });
    expect(errors[0]?.message).toContain('api down for 1 minute already pages (wrong: for is 2m)');
    // promtool's own explanation is passed on
    expect(errors[0]?.message).toMatch(/exp:/);
    expect(errors[0]?.message).toMatch(/got:/);
  });

  it('obs test FILTER runs only the tests whose name or module path contains it, in any case', async () => {
    const one = await p.run(['test', '3 MINUTES']);
    expect(one.code, `${one.stdout}\n${one.stderr}`).toBe(0);
    expect(one.stdout).toContain('obs test: 1 test(s) in 1 file(s): 1 passed, 0 failed');
    const wrong = await p.run(['test', 'wrong: for']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('obs test: 1 test(s) in 1 file(s): 0 passed, 1 failed');
    expect(parseDiagnostics(wrong.stderr).map((d) => d.checkId)).toEqual(['test/failed']);
    const byModule = await p.run(['test', 'alerts/api']);
    expect(byModule.stdout).toContain('obs test: 2 test(s) in 1 file(s): 1 passed, 1 failed');
    const none = await p.run(['test', 'no such test']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('obs test: no test matches "no such test"');
  });

  it('does not write out/', () => {
    expect(p.snapshot().size).toBe(0);
  });
});

describe.skipIf(skip !== undefined)('the Prometheus Operator and Mimir outputs', () => {
  let p: FixtureProject;
  let scratch: string;
  beforeAll(async () => {
    p = createFixtureProject({ prefix: 'obs-outputs-', config: repoConfigWithOutputs(['prometheus', 'prometheus-operator', 'mimir']) });
    p.copyFromRepo('alerts', 'recording', 'registry');
    scratch = mkdtempSync(join(tmpdir(), 'obs-extracted-'));
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => {
    p?.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** The groups of a flavour, written out as a plain rule file and checked with promtool. */
  function checkExtracted(flavour: string, groupsOf: (doc: Record<string, unknown>) => unknown): void {
    const files = [...p.snapshot()].filter(([f]) => f.startsWith(`${flavour}/`));
    const rules = [...p.snapshot()].filter(([f]) => f.startsWith('rules/'));
    expect(files.length, `${flavour} files`).toBe(rules.length);
    for (const [f, bytes] of files) {
      const doc = parse(bytes.toString('utf8')) as Record<string, unknown>;
      const groups = groupsOf(doc) as RuleFile['groups'];
      expect(Array.isArray(groups) && groups.length > 0, `${f} has groups`).toBe(true);
      const extracted = join(scratch, `${flavour}-${basename(f)}.yml`);
      writeFileSync(extracted, JSON.stringify({ groups }));
      expectPromtoolAccepts(extracted, ruleCount({ groups }));
    }
  }

  it('the PrometheusRule manifests are PrometheusRule objects whose spec.groups pass promtool check rules', () => {
    checkExtracted('prometheus-operator', (doc) => {
      expect(doc.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(doc.kind).toBe('PrometheusRule');
      expect((doc.metadata as { name?: unknown }).name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      return (doc.spec as { groups?: unknown }).groups;
    });
  });

  it('the Mimir namespace files have a namespace and groups that pass promtool check rules', () => {
    checkExtracted('mimir', (doc) => {
      expect(typeof doc.namespace === 'string' && doc.namespace.length > 0).toBe(true);
      return doc.groups;
    });
  });

  it('every flavour carries exactly the groups of the plain Prometheus rule file', () => {
    const snap = p.snapshot();
    const plain = [...snap].filter(([f]) => f.startsWith('rules/')).map(([, b]) => (parse(b.toString('utf8')) as RuleFile).groups);
    const operator = [...snap].filter(([f]) => f.startsWith('prometheus-operator/')).map(([, b]) => (parse(b.toString('utf8')) as { spec: RuleFile }).spec.groups);
    const mimir = [...snap].filter(([f]) => f.startsWith('mimir/')).map(([, b]) => (parse(b.toString('utf8')) as RuleFile).groups);
    const byName = (gs: RuleFile['groups'][]) => gs.flat().sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(operator)).toEqual(byName(plain));
    expect(byName(mimir)).toEqual(byName(plain));
  });
});
