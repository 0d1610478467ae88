/**
 * Input an author or a machine can produce that must end in a located problem, never in a crash,
 * a hang or gigabytes of memory: broken YAML of megabytes, YAML and JSON nested thousands deep,
 * invalid UTF-8, hundreds of thousands of problems; and YAML aliases, which promtool accepts.
 * Every input is generated here, in a temp folder.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../dsl/import/files.ts';
import { lintFiles } from '../../dsl/pipeline/lint-files.ts';
import { yamlTrees } from '../../dsl/collect/yaml-tree.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';
import { spawnSync } from 'node:child_process';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-hostile-')));
  dirs.push(root);
  writeFileSync(join(root, 'obs.config.mjs'), "export default { prometheus: { version: '2.42' } };\n");
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

async function lint(files: Record<string, string | Buffer>, path: string) {
  const root = project(files);
  return { root, run: await lintFiles({ root, paths: [path] }) };
}

const ALIASES = `groups:
- name: g
  rules:
  - alert: A
    expr: up == 0
    labels: &common
      severity: page
      team: x
    annotations:
      summary: down
  - alert: B
    expr: up == 0
    labels: *common
    annotations:
      <<: *common
      summary: merged
  - record: job:up:sum
    expr: &e sum by (job) (up)
  - record: job:up:sum2
    expr: *e
    labels:
      <<: [*common]
      extra: y
`;

describe('YAML aliases and merge keys are read as promtool reads them', () => {
  it('labels: *l, expr: *e and <<: merges are accepted, with the anchored values', async () => {
    const { run } = await lint({ 'rules.yml': ALIASES }, 'rules.yml');
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tree = yamlTrees(ALIASES).docs[0];
    const rules = tree?.kind === 'map' && tree.items[0]?.value?.kind === 'seq' && tree.items[0].value.items[0]?.kind === 'map'
      ? tree.items[0].value.items[0].items.find((p) => p.key === 'rules')?.value : undefined;
    const rule = (i: number) => (rules?.kind === 'seq' ? rules.items[i] : undefined);
    const field = (i: number, key: string) => {
      const r = rule(i);
      return r?.kind === 'map' ? r.items.find((p) => p.key === key)?.value : undefined;
    };
    const keys = (n: ReturnType<typeof field>) => (n?.kind === 'map' ? n.items.map((p) => `${p.key}=${p.value?.kind === 'scalar' ? p.value.value : '?'}`) : []);
    expect(keys(field(1, 'labels'))).toEqual(['severity=page', 'team=x']);
    // Written keys win over merged ones; merged ones follow in order.
    expect(keys(field(1, 'annotations'))).toEqual(['summary=merged', 'severity=page', 'team=x']);
    expect(field(3, 'expr')).toMatchObject({ kind: 'scalar', value: 'sum by (job) (up)' });
    expect(keys(field(3, 'labels'))).toEqual(['extra=y', 'severity=page', 'team=x']);
  });

  it.skipIf(promtoolSkipReason() !== undefined)('promtool accepts the same file', () => {
    const root = project({ 'rules.yml': ALIASES });
    const r = spawnSync(findPromtool()?.path ?? 'promtool', ['check', 'rules', join(root, 'rules.yml')], { encoding: 'utf8' });
    expect(r.stdout).toContain('SUCCESS: 4 rules found');
  });

  it('a billion-laughs document is refused as excessive aliasing, quickly', () => {
    let src = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) src += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
    const started = performance.now();
    const r = yamlTrees(`${src}groups: []\n`);
    expect(r.error?.message).toBe('document contains excessive aliasing');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('invalid UTF-8 is refused where it is, as promtool refuses the file', () => {
  const bytes = (s: string, bad: number[], after: string) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from(bad), Buffer.from(after, 'utf8')]);
  const head = 'groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    labels: {team: "é';

  it('lint: a Latin-1 byte in a label, at its line and column', async () => {
    const { run } = await lint({ 'rules.yml': bytes(head, [0xe9], '"}\n') }, 'rules.yml');
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]).toMatchObject({
      checkId: 'file/format', severity: 'error',
      message: expect.stringContaining('rules.yml is not valid UTF-8: incomplete UTF-8 octet sequence (byte 0xE9)'),
      location: { file: 'rules.yml', line: 6, column: 'labels: {team: "é'.length + 5 },
    });
  });

  it('lint: a byte that starts no character, even in a comment', async () => {
    const { run } = await lint({ 'rules.yml': bytes('groups: [] # caf', [0xff, 0xfe], '\n') }, 'rules.yml');
    expect(run.diagnostics[0]).toMatchObject({ message: expect.stringContaining('invalid leading UTF-8 octet (byte 0xFF)'), location: { line: 1, column: 17 } });
  });

  it('import: refused with the same located problem (no silent U+FFFD)', async () => {
    const root = project({ 'in/rules.yml': bytes(head, [0xe9], '"}\n') });
    const [r] = await importFiles('rules', root, ['in/rules.yml']);
    expect(r?.result).toMatchObject({ ok: false, diagnostics: [{ location: { file: 'in/rules.yml', line: 6 }, message: expect.stringContaining('not valid UTF-8') }] });
  });
});

describe('size and depth: bounded time and memory, a located problem', () => {
  it('5 MB of broken YAML: the first error at its place, in seconds, well under 1 GB', async () => {
    const junk = "a: b: c: - [ } ] ' \" \n".repeat(250_000);
    const started = performance.now();
    const { run } = await lint({ 'rules.yml': junk }, 'rules.yml');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]).toMatchObject({ checkId: 'file/syntax', location: { line: 1, column: 4 } });
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(1024);
  });

  it.each([
    ['a block map 2,000 levels deep', `groups:\n${Array.from({ length: 2000 }, (_, d) => `${'  '.repeat(d + 1)}k${d}:`).join('\n')}\n`],
    ['a block sequence 2,000 levels deep', `groups:\n${Array.from({ length: 2000 }, (_, d) => `${'  '.repeat(d + 1)}- `).join('\n')}\n`],
    ['2,000 dashes on one line', `groups:\n${'- '.repeat(2000)}x\n`],
    ['flow brackets 5,000 deep', `groups: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ])('%s: a located syntax problem', async (_name, src) => {
    const { run } = await lint({ 'rules.yml': src }, 'rules.yml');
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]?.message).toBe('invalid YAML: the YAML nests deeper than 100 levels (a rule file needs about six)');
    expect(run.diagnostics[0]?.location?.line).toBeGreaterThanOrEqual(1);
  });

  it('nesting that is text, not structure, is not counted (dashes and brackets in expressions, block scalars)', () => {
    const src = `groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${'a - '.repeat(300)}b\n    labels:\n      q: "${'['.repeat(150)}"\n      r: x${'['.repeat(150)}\n  - alert: A\n    expr: up\n    annotations:\n      d: |\n${Array.from({ length: 200 }, (_, d) => `        ${'  '.repeat(d)}line`).join('\n')}\n`;
    expect(yamlTrees(src).error).toBeUndefined();
  });

  const sameGroups = (n: number): string =>
    `groups:\n${'- name: g\n  rules:\n  - record: r:x\n    expr: up\n'.repeat(n)}`;

  it('problems repeated past 1,000 (one check, message and subject): the first 1,000 listed, one summary with the count', async () => {
    const { run } = await lint({ 'rules.yml': sameGroups(1_005) }, 'rules.yml');
    const groups = run.diagnostics.filter((d) => d.checkId === 'rules/duplicate-group');
    expect(groups).toHaveLength(1_001);
    const summary = groups.filter((d) => d.data?.more !== undefined);
    expect(summary).toEqual([
      expect.objectContaining({
        messageId: 'twiceInModule',
        subject: 'group "g"',
        location: { file: 'rules.yml', line: 6, column: 3 },
        message: expect.stringMatching(/; and 4 more like this \(1004 in all, the first 1000 listed\)$/),
        related: [{ message: 'the first one not listed', location: expect.objectContaining({ line: 4 * 1_001 + 2 }) }],
      }),
    ]);
    // The listed ones are the first 1,000, each at its own group.
    expect(groups.filter((d) => d.data?.more === undefined).map((d) => d.location?.line)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => 4 * (i + 1) + 2),
    );
  });

  /** `obs lint ARGS` in `root`, spawned as users run it, with the process's peak RSS in MB. */
  const spawnLint = (root: string, args: string[]) => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'data:text/javascript,process.on("exit",()=>process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\\n`))',
        join(import.meta.dirname, '../../bin/obs.js'),
        'lint',
        ...args,
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 },
    );
    return { ...r, peakMB: Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1]) / 1024 };
  };

  it('obs lint of 60,000 groups of one name (120,000 problems before the cap): peak memory well under 1 GB', () => {
    // Before: 1.2 GB and 21 s; a context object per query and check, a label flow kept per rule
    // and every repeated problem listed. Then 475 MB: a hidden class per rule and group (object
    // spreads), and V8 growing the heap fourfold before collecting; now about 300 MB.
    const root = project({ 'rules.yml': sameGroups(60_000) });
    const started = performance.now();
    const r = spawnLint(root, ['rules.yml', '--format', 'json']);
    expect(performance.now() - started).toBeLessThan(180_000);
    expect(r.status, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { summary: { problems: { error: number; warning: number } }; problems: { message: string }[] };
    expect(out.summary.problems).toMatchObject({ error: 1_001, warning: 1_001 });
    expect(out.problems.filter((p) => p.message.includes('and 58999 more like this'))).toHaveLength(2);
    expect(r.peakMB).toBeGreaterThan(0);
    expect(r.peakMB).toBeLessThan(400);
  }, 240_000);

  it('obs lint --format sarif of 90,000 different problems: written as it is made, peak memory bounded', () => {
    // 30,000 alerts without the severity label, summary and runbook_url the policy asks for: three
    // problems each, none repeated (each about its own alert). The SARIF log used to be built whole
    // (objects, one 57 MB string, its bytes): 654 MB; written result by result, about 250 MB.
    const alerts = Array.from({ length: 30_000 }, (_, i) => `  - alert: A${i}\n    expr: up == 0\n`).join('');
    const root = project({ 'rules.yml': `groups:\n- name: g\n  rules:\n${alerts}` });
    writeFileSync(
      join(root, 'obs.config.mjs'),
      "export default { prometheus: { version: '2.42' }, policy: { requiredAlertLabels: { severity: ['page'] }, requiredAnnotations: ['summary', 'runbook_url'] } };\n",
    );
    const r = spawnLint(root, ['rules.yml', '--format', 'sarif']);
    expect(r.status, r.stderr).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(90_000);
    expect(results.every((x) => x.ruleId === 'rules/policy')).toBe(true);
    // In location order, three at each alert.
    expect(results[89_999]?.locations[0]?.physicalLocation.region.startLine).toBe(4 + 2 * 29_999);
    expect(r.peakMB).toBeGreaterThan(0);
    expect(r.peakMB).toBeLessThan(400);
  }, 240_000);

  it('a dashboard nested 100,000 deep: a located problem from import and lint', async () => {
    const nested = `${'{"type":"graph","panels":['.repeat(100_000)}{"type":"graph","targets":[{"expr":"up"}]}${']}'.repeat(100_000)}`;
    const json = `{"title":"deep","uid":"deep","panels":[${nested}]}`;
    const root = project({ 'd.json': json });
    const [r] = await importFiles('dashboard', root, ['d.json']);
    expect(r?.result).toMatchObject({ ok: false, diagnostics: [{ message: 'the JSON nests deeper than 500 levels; a Grafana dashboard nests about ten', location: { file: 'd.json', line: 1 } }] });
    const run = await lintFiles({ root, paths: ['d.json'] });
    expect(run.diagnostics[0]).toMatchObject({ checkId: 'file/syntax', message: 'invalid JSON: nested deeper than 500 levels' });
  });
});
