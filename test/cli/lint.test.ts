/** `obs lint` end to end: TS projects and plain files, every format, --fail-on and exit codes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

let project: FixtureProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const CONFIG = `import { defineConfig } from './dsl/index.ts';
export default defineConfig({ prometheus: { version: '2.42' }, policy: { requiredAlertLabels: { severity: [] } } });
`;

const ALERTS = `import { alert, ruleGroup } from '../dsl/index.ts';

export const api = ruleGroup({
  name: 'api',
  rules: [
    alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'page' } }),
    alert({ name: 'ApiBroken', expr: 'rate(x[5m]) > bogus()', labels: { severity: 'page' } }), // ERROR
  ],
});
`;

const RULES_YML = `groups:
  - name: plain
    rules:
      - alert: NoSeverity
        expr: |
          sum(rate(errors_total[5m]))
            > 1
`;

function fixture(files: Record<string, string>): FixtureProject {
  project = createFixtureProject({ config: CONFIG, files });
  return project;
}

describe('obs lint', () => {
  it('without paths checks the TS project like build, writing nothing', async () => {
    const p = fixture({ 'alerts/api.ts': ALERTS });
    const r = await p.run(['lint']);
    expect(r.code).toBe(1);
    const ds = parseDiagnostics(r.stdout);
    expect(ds.map((d) => `${d.file}:${d.line} ${d.checkId}`)).toEqual([`alerts/api.ts:${p.lineOf('alerts/api.ts')} promql/syntax`]);
    expect(r.stdout).toMatch(/obs lint: 1 problem \(1 error, 0 warnings, 0 info\); 1 file checked for Prometheus 2\.42; 1 at or above error\n$/);
    expect(existsSync(join(p.root, 'out'))).toBe(false);
  });

  it('checks plain rule YAML with the same checks and config (policy), at YAML positions', async () => {
    const p = fixture({ 'legacy/rules.yml': RULES_YML });
    const r = await p.run(['lint', 'legacy']);
    expect(r.code).toBe(1);
    expect(parseDiagnostics(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.checkId}`)).toEqual(['legacy/rules.yml:4:9 error rules/policy']);
  });

  it('--fail-on decides the exit code; --target the version', async () => {
    const p = fixture({ 'r.yml': 'groups:\n  - name: g\n    query_offset: 1m\n    rules: []\n' });
    expect((await p.run(['lint', 'r.yml'])).code).toBe(1);
    expect((await p.run(['lint', 'r.yml', '--target', '3.0'])).code).toBe(0);
    p.write('obs.config.ts', CONFIG.replace('policy:', "lint: { checks: { 'rules/fields': 'warning' } }, policy:"));
    p.relocate();
    expect((await p.run(['lint', 'r.yml'])).code).toBe(0);
    expect((await p.run(['lint', 'r.yml', '--fail-on', 'warning'])).code).toBe(1);
    expect((await p.run(['lint', 'r.yml', '--fail-on', 'info'])).code).toBe(1);
  });

  it('prints json, github annotations and sarif', async () => {
    const p = fixture({ 'r.yml': RULES_YML });
    const json = await p.run(['lint', 'r.yml', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, ok: false, target: '2.42', summary: { files: 1, problems: { error: 1 } } });
    const gh = await p.run(['lint', 'r.yml', '--format', 'github']);
    expect(gh.stdout).toBe('::error file=r.yml,line=4,col=9,title=obs rules/policy::alert "NoSeverity" has no "severity" label%0Ahint: add a severity label\n');
    const sarif = JSON.parse((await p.run(['lint', 'r.yml', '--format', 'sarif'])).stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(1);
  });

  it('exits 0 on a clean run and 2 on usage and config errors', async () => {
    const p = fixture({ 'ok.yml': 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(x)\n' });
    const ok = await p.run(['lint', 'ok.yml']);
    expect([ok.code, ok.stdout]).toEqual([0, 'obs lint: no problems; 1 file checked for Prometheus 2.42\n']);
    for (const argv of [['lint', '--format', 'xml'], ['lint', '--fail-on', 'fatal'], ['lint', 'missing.yml'], ['lint', '--target', '1.0', 'ok.yml'], ['lint', '--bogus']]) {
      const r = await p.run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^obs lint: /);
    }
    expect((await p.run(['lint', '--help'])).stdout).toContain('Exit code: 0');
  });
});
