/**
 * `obs import rules`: a rule file becomes a TS module that builds the same rules. Checked end to
 * end on every rule file this repository builds (the seed systems' real rules) and on a file with
 * every field and awkward strings: import, build, and compare what obs writes with the original.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

const AWKWARD = `groups:
  - name: api.rules
    interval: 30s
    limit: 10
    query_offset: 1m
    labels:
      team: payments
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
        labels: { tier: "1" }
      - alert: HighErrors
        expr: |
          sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
            / sum by (job) (rate(http_requests_total[5m])) > 0.05
        for: 10m
        keep_firing_for: 5m
        labels:
          severity: page
          "quoted_label": "x"
        annotations:
          summary: "{{ $labels.job }}: errors at {{ $value | humanizePercentage }} \`quoted\` \${notvar} 'single' ü ✓"
          description: |
            Line one with a \\backslash and a regex =~ "\\\\d+"
            Line two	with a tab
      - alert: Tabbed
        expr: "up{job=\\"a\\\\\\\\b\\"}\\n\\t== 0"
  - name: default
    rules:
      - record: x:y
        expr: |-
          vector(1)
            + vector(2)
`;

/** Groups as Prometheus reads them; an expression's final line break is not part of the PromQL. */
function groupsOf(yaml: string): unknown {
  const doc = parse(yaml) as { groups?: unknown[]; spec?: { groups?: unknown[] } };
  const groups = (doc.groups ?? doc.spec?.groups ?? []) as { rules?: { expr?: string }[] }[];
  return groups.map((g) => ({ ...g, rules: (g.rules ?? []).map((r) => ({ ...r, expr: String(r.expr).replace(/\n+$/, '') })) }));
}

let fixture: FixtureProject | undefined;
afterEach(() => fixture?.cleanup());

describe('obs import rules', () => {
  it('turns every rule file this repository builds into modules that build the same rules', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    const sources = ['alerts', 'recording', 'slos'].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, 'out', 'rules', dir)).map((f) => `${dir}/${f}`));
    expect(sources.length).toBeGreaterThanOrEqual(15);
    for (const s of sources) {
      fixture.write(`imported/${s}`, readFileSync(join(REPO_ROOT, 'out', 'rules', s), 'utf8'));
      const module = `alerts/${s.replace(/\//g, '-').replace(/\.yml$/, '.ts')}`;
      const run = await fixture.run(['import', 'rules', `imported/${s}`, '--out', module]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const build = await fixture.run(['build']);
    expect(build.stderr.match(/ error /g) ?? []).toEqual([]);
    expect(build.code).toBe(0);
    for (const s of sources) {
      const built = fixture.read(`out/rules/alerts/${s.replace(/\//g, '-')}`);
      expect(groupsOf(built), s).toEqual(groupsOf(fixture.read(`imported/${s}`)));
    }
  });

  it('keeps every field and every string of an awkward file, and lays expressions out as promql templates', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    fixture.write('legacy/api.yml', AWKWARD);
    const run = await fixture.run(['import', 'rules', 'legacy/api.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote alerts/api.ts from legacy/api.yml (2 group(s), 2 alert(s), 2 recording rule(s))');
    const module = fixture.read('alerts/api.ts');
    expect(module).toContain("import { alert, promql, record, ruleGroup } from '../dsl/index.ts';");
    expect(module).toContain('export const default_ = ruleGroup({');
    expect(module).toContain('      expr: promql`\n        sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))\n          / sum by (job)');
    const build = await fixture.run(['build']);
    expect(build.code, build.stderr).toBe(0);
    expect(groupsOf(fixture.read('out/rules/alerts/api.yml'))).toEqual(groupsOf(AWKWARD));
  });

  it('reads PrometheusRule manifests and files a recording-only file under recording/', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    fixture.write('k8s/recs.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: recs }\nspec:\n  groups:\n    - name: r\n      rules:\n        - record: a:b\n          expr: sum(up)\n');
    const run = await fixture.run(['import', 'rules', 'k8s/recs.yaml']);
    expect(run.code).toBe(0);
    expect(fixture.read('recording/recs.ts')).toContain("record({\n      name: 'a:b',\n      expr: 'sum(up)',\n    }),");
  });

  it('writes nothing for a file it cannot read, never overwrites a module unless told, and says why', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    fixture.write('bad.yml', 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up == 0\n        severity: page\n');
    const bad = await fixture.run(['import', 'rules', 'bad.yml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yml:6:9  error  rules/fields');
    expect(bad.stderr).toContain('obs import: bad.yml not imported');
    expect(() => fixture?.read('alerts/bad.ts')).toThrow();
    fixture.write('good.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n');
    fixture.write('alerts/good.ts', '// mine\n');
    const kept = await fixture.run(['import', 'rules', 'good.yml']);
    expect([kept.code, fixture.read('alerts/good.ts')]).toEqual([1, '// mine\n']);
    expect(kept.stderr).toContain('alerts/good.ts exists; not overwritten');
    const forced = await fixture.run(['import', 'rules', 'good.yml', '--force']);
    expect(forced.code).toBe(0);
    expect(fixture.read('alerts/good.ts')).toContain("name: 'A'");
    expect((await fixture.run(['import', 'rules', 'missing.yml'])).code).toBe(2);
    expect((await fixture.run(['import', 'rules', 'good.yml', 'bad.yml', '--out', 'x.ts'])).code).toBe(2);
  });

  it('keeps modules buildable: group names that are factory names, carriage returns, null values', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    const src = 'groups:\n  - name: alert\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          d: "multi\\nline\\r\\nwith cr"\n          e: ~\n  - name: rule-group\n    rules:\n      - record: a:b\n        expr: sum(up)\n';
    fixture.write('odd.yml', src);
    expect((await fixture.run(['import', 'rules', 'odd.yml'])).code).toBe(0);
    const module = fixture.read('alerts/odd.ts');
    expect(module).toContain('export const alert2 = ruleGroup({');
    expect(module).toContain('export const ruleGroup2 = ruleGroup({');
    const build = await fixture.run(['build']);
    expect(build.code, build.stderr).toBe(0);
    expect(groupsOf(fixture.read('out/rules/alerts/odd.yml'))).toEqual(groupsOf(src.replace('e: ~', "e: ''")));
  });

  it('refuses what would not build or would be lost: repeated groups, two files for one module, a broken config', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    const doc = (n: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: ${n} }\nspec:\n  groups:\n    - name: general\n      rules:\n        - alert: ${n}\n          expr: up == 0\n`;
    fixture.write('multi.yaml', `${doc('a')}---\n${doc('b')}`);
    const multi = await fixture.run(['import', 'rules', 'multi.yaml']);
    expect([multi.code, multi.stderr]).toEqual([1, expect.stringContaining('multi.yaml:16:7  error  rules/duplicate-group')]);
    fixture.write('a/rules.yml', 'groups:\n  - name: ga\n    rules: []\n');
    fixture.write('b/rules.yml', 'groups:\n  - name: gb\n    rules: []\n');
    const twice = await fixture.run(['import', 'rules', 'a/rules.yml', 'b/rules.yml']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('a/rules.yml and b/rules.yml would both be written to alerts/rules.ts');
    expect(fixture.read('alerts/rules.ts')).toContain("name: 'ga'");
    const abs = await fixture.run(['import', 'rules', 'b/rules.yml', '--out', join(fixture.root, 'elsewhere', 'b.ts')]);
    expect(abs.code).toBe(0);
    expect(fixture.read('elsewhere/b.ts')).toContain("from '../dsl/index.ts'");
    fixture.write('obs.config.ts', 'export default { prometheus: { version: "nope" } };\n');
    const config = await fixture.run(['import', 'rules', 'b/rules.yml', '--out', '-']);
    expect([config.code, config.stderr]).toEqual([2, expect.stringContaining('obs.config.ts: prometheus:')]);
  });
});
