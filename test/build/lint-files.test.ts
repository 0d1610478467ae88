/**
 * `lintFiles` on plain files: Prometheus rule YAML goes through the same checks as TS rules, with
 * problems at the YAML file's line:column (column-exact inside block scalars); Grafana dashboard
 * JSON queries are checked with Grafana variables substituted, located in the JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintFiles, LintPathError } from '../../dsl/pipeline/lint-files.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-lint-')));
  dirs.push(root);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  return root;
}

/** line:column of the first occurrence of `needle` in `text` (1-based). */
function where(text: string, needle: string, nth = 0): string {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

const RULES = `groups:
  - name: api
    interval: 30s
    rules:
      - alert: ApiErrors
        expr: |
          sum by (job) (rate(errors_total[5m]))
            / sum by (job) (rate(requests_total[5m]))
            > bogus_one(0.05)
        for: 10m
        labels:
          severity: page
        annotations:
          summary: "errors at {{ $value | humanise }}"
      - alert: ApiDown
        expr: >-
          up{job="api"}
          == 0 and bogus_two(x)
        for: 5mins
      - record: job:requests:rate5m
        expr: "sum by (job)
          (rate(requests_total[5m])) + bogus_three()"
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m])) + bogus_four(x)
        annotations:
          no: allowed
      - alrt: Typo
        expr: up
`;

describe('lintFiles: Prometheus rule YAML', () => {
  it('reports every problem with the check id and the exact YAML line:column', async () => {
    const root = project({ 'rules.yml': RULES });
    const r = await lintFiles({ root, paths: ['rules.yml'], target: '2.42' });
    const got = r.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.checkId} ${d.message.split(' (in ')[0]}`);
    expect(got).toEqual([
      `${where(RULES, 'bogus_one')} promql/syntax unknown function with name "bogus_one"`,
      `${where(RULES, 'humanise')} rules/template annotation "summary" of alert "ApiErrors": template: function "humanise" not defined`,
      `${where(RULES, '- alert: ApiDown', 0).replace(/:\d+$/, ':9')} rules/durations for of alert "ApiDown" is not a valid duration: "5mins" (unknown unit "mins" in duration "5mins")`,
      `${where(RULES, 'bogus_two')} promql/syntax unknown function with name "bogus_two"`,
      `${where(RULES, 'bogus_three')} promql/syntax unknown function with name "bogus_three"`,
      `${where(RULES, '- record: job:errors').replace(/:\d+$/, ':9')} rules/fields recording rule "job:errors:rate5m": a recording rule cannot have annotations; Prometheus rejects the rule file`,
      `${where(RULES, 'bogus_four')} promql/syntax unknown function with name "bogus_four"`,
      `${where(RULES, 'alrt')} rules/fields rule 5 of group "api" has an unknown field "alrt"`,
      `${where(RULES, '- alrt').replace(/:\d+$/, ':9')} rules/fields rule 5 of group "api" needs exactly one of alert or record`,
    ]);
    expect(r.diagnostics.every((d) => d.location?.file === 'rules.yml')).toBe(true);
    // A PromQL error spans the offending token: `bogus_one` is 9 characters.
    const first = r.diagnostics[0]?.location;
    expect(first && first.endLine === first.line ? (first.endColumn ?? 0) - first.column : 0).toBe('bogus_one'.length);
    expect(r.files).toBe(1);
    expect(r.sources.get('rules.yml')).toBe(RULES);
  });

  it('applies the config: target version, policy and severity overrides', async () => {
    const yml = 'groups:\n  - name: g\n    query_offset: 1m\n    rules:\n      - alert: lower_case\n        expr: up == 0\n';
    const root = project({ 'r.yml': yml });
    const old = await lintFiles({ root, paths: ['r.yml'], target: '2.42' });
    expect(old.diagnostics.map((d) => d.checkId)).toEqual(['rules/fields']);
    const newer = await lintFiles({ root, paths: ['r.yml'], target: '3.0' });
    expect(newer.diagnostics).toEqual([]);
    writeFileSync(join(root, 'obs.config.mjs'), "export default { prometheus: { version: '3.0' }, policy: { alertNamePattern: '^[A-Z]', requiredAnnotations: ['summary'] }, lint: { checks: { 'rules/policy': 'warning' } } };\n");
    const configured = await lintFiles({ root, paths: ['r.yml'] });
    expect(configured.target).toBe('3.0');
    expect(configured.diagnostics.map((d) => `${d.checkId} ${d.severity}`)).toEqual(['rules/policy warning', 'rules/policy warning']);
  });

  it('reads PrometheusRule manifests and multi-document files; reports YAML syntax errors at their position', async () => {
    const manifest = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: a:b\n          expr: rate(x)\n---\ngroups: []\n';
    const broken = 'groups:\n  - name: g\n    rules: [\n';
    const root = project({ 'm.yaml': manifest, 'broken.yml': broken });
    const r = await lintFiles({ root, paths: ['m.yaml', 'broken.yml'] });
    expect(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.checkId}`)).toEqual([
      'broken.yml:4:1 file/syntax',
      `m.yaml:${where(manifest, 'rate(x)').replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + 5}`)} promql/syntax`,
    ]);
  });

  it('walks folders for rule files and dashboards, skipping other YAML and JSON; named non-rule files are errors', async () => {
    const root = project({
      'rules/a.yml': 'groups:\n  - name: a\n    rules:\n      - record: a:x\n        expr: sum(x)\n',
      'rules/nested/b.yaml': 'groups: []\n',
      'rules/compose.yml': 'services: {}\n',
      'rules/package.json': '{"name": "x"}\n',
      'rules/node_modules/c.yml': 'groups: [',
      'rules/.hidden/d.yml': 'groups: [',
    });
    const r = await lintFiles({ root, paths: ['rules'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toBe(2);
    expect(r.skipped).toEqual(['rules/compose.yml', 'rules/package.json']);
    const named = await lintFiles({ root, paths: ['rules/compose.yml'] });
    expect(named.diagnostics.map((d) => d.checkId)).toEqual(['file/format']);
    await expect(lintFiles({ root, paths: ['missing.yml'] })).rejects.toBeInstanceOf(LintPathError);
  });

  it.skipIf(promtoolSkipReason() !== undefined)('agrees with promtool check rules on which files are invalid', async () => {
    const promtool = findPromtool()?.path ?? 'promtool';
    const files: Record<string, string> = {
      'valid.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum(rate(x[5m]))\n            > 1\n        for: 5m\n        labels: {severity: page}\n        annotations: {summary: "{{ $value | humanize }}"}\n',
      'bad-expr.yml': RULES.replace(/bogus_\w+\([^)]*\)/g, '1').replace('humanise', 'humanize').replace('5mins', '5m').replace('        annotations:\n          no: allowed\n', '').replace('      - alrt: Typo\n        expr: up\n', '').replace('> 1', '> sum(rate(x[5m])'),
      'bad-template.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        annotations: {summary: "{{ $value | humanise }}"}\n',
      'bad-duration.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        for: 5mins\n',
      'bad-field.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        labels_: {}\n',
    };
    const root = project(files);
    for (const name of Object.keys(files)) {
      const ours = await lintFiles({ root, paths: [name], target: '2.42' });
      const theirs = spawnSync(promtool, ['check', 'rules', join(root, name)], { encoding: 'utf8' });
      expect(ours.diagnostics.length === 0, `${name}: ours ${JSON.stringify(ours.diagnostics.map((d) => d.message))}, promtool ${theirs.stdout}${theirs.stderr}`).toBe(theirs.status === 0);
    }
  });
});

describe('lintFiles: Grafana dashboard JSON', () => {
  const DASHBOARD = `{
  "uid": "api", "title": "API",
  "templating": { "list": [ { "name": "job", "type": "query", "query": "label_values(up, job)" } ] },
  "panels": [
    { "id": 1, "title": "Errors", "datasource": { "type": "prometheus", "uid": "p" },
      "targets": [
        { "refId": "A", "expr": "sum(rate(errors_total{job=\\"$job\\"}[$__rate_interval])) by (code" },
        { "refId": "B", "expr": "sum(rate(errors_total{job=~\\"\${job:regex}\\"}[5m]))" }
      ] },
    { "type": "row", "title": "More", "id": 2, "collapsed": true, "panels": [
      { "id": 3, "title": "Latency \\"p99\\"", "targets": [ { "refId": "A", "expr": "histogram_quantile(0.99, sum by (le) (rate(x[5m]))) + nosuchfn(1)" } ] }
    ] },
    { "id": 4, "title": "Logs", "datasource": { "type": "loki", "uid": "l" }, "targets": [ { "refId": "A", "expr": "{job=\\"x\\"} |= \\"error\\"" } ] }
  ]
}
`;

  it('checks every Prometheus panel query, with variables substituted, at the line:column in the JSON', async () => {
    const root = project({ 'dash/api.json': DASHBOARD });
    const r = await lintFiles({ root, paths: ['dash'] });
    expect(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.checkId} ${d.message}`)).toEqual([
      // At the end of the query, where the closing parenthesis is missing: the string's closing quote.
      `dash/api.json:${where(DASHBOARD, 'by (code"').replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + 'by (code'.length}`)} promql/syntax unclosed left parenthesis (in panel "Errors" (id 1), query A)`,
      `dash/api.json:${where(DASHBOARD, 'nosuchfn')} promql/syntax unknown function with name "nosuchfn" (in panel "Latency \\"p99\\"" (id 3), query A)`,
    ]);
    expect(r.files).toBe(1);
  });

  it('reports invalid JSON at its position, and a named file that is not a dashboard', async () => {
    const root = project({ 'bad.json': '{\n  "panels": [\n    { "id": 1, }\n  ]\n}\n', 'other.json': '{"name": 1}' });
    const r = await lintFiles({ root, paths: ['bad.json', 'other.json'] });
    expect(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.checkId}`)).toEqual(['bad.json:3:16 file/syntax', 'other.json:1:1 file/format']);
  });
});

describe('security/secrets on plain files', () => {
  // Made-up tokens in the vendors' formats (as in test/lint/checks/security/secrets.test.ts).
  const SLACK = 'https://hooks.slack.com/services/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';
  const GITHUB = 'ghp_Zx8P3mQ9vL2kT7rW1nB5cY4hJ6gF0dS3aE8u';

  it('finds a Slack webhook URL in an annotation of a rule file, at its YAML line:column', async () => {
    const yaml = `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "down"\n          hook: "see ${SLACK}"\n`;
    const root = project({ 'rules.yml': yaml });
    const r = await lintFiles({ root, paths: ['rules.yml'] });
    const ds = r.diagnostics.filter((d) => d.checkId === 'security/secrets');
    expect(ds.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
      `rules.yml:${where(yaml, SLACK)} annotation "hook" of alert "A" holds a secret: found Slack Incoming Webhook: ${'*'.repeat(SLACK.length)} (secretlint slack IncomingWebhook)`,
    ]);
    expect(ds[0]?.message).not.toContain(SLACK);
    expect(ds[0]?.severity).toBe('error');
  });

  it('finds a GitHub token in a dashboard link, at its JSON line:column; off in the config: not reported', async () => {
    const json = `{\n  "title": "API",\n  "links": [{ "title": "repo", "url": "https://example.com/?token=${GITHUB}" }],\n  "panels": [{ "type": "stat", "title": "x", "targets": [{ "expr": "up", "refId": "A" }] }]\n}\n`;
    const root = project({ 'api.json': json });
    const r = await lintFiles({ root, paths: ['api.json'] });
    const ds = r.diagnostics.filter((d) => d.checkId === 'security/secrets');
    expect(ds.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.message.replace(/: found .*\(/, ': … (')}`)).toEqual([
      `api.json:${where(json, GITHUB)} dashboard "API" links[0].url holds a secret: … (secretlint github GITHUB_TOKEN)`,
    ]);
    expect(ds[0]?.message).not.toContain(GITHUB);
    writeFileSync(join(root, 'obs.config.ts'), `export default { lint: { checks: { 'security/secrets': 'off' } } };\n`);
    expect((await lintFiles({ root, paths: ['api.json'] })).diagnostics.filter((d) => d.checkId === 'security/secrets')).toEqual([]);
  });
});
