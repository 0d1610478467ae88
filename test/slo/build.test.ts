/**
 * SLOs through the whole build: `obs build` discovers slos/, writes their rules, promtool tests and
 * the service's error-budget dashboard, counts them; `obs test` runs the generated tests; a broken
 * definition is reported at its slo(...) call and generates nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';
import { promtoolSkipReason } from '../helpers/promtool.ts';

const CONFIG = `import { defineConfig } from './dsl/index.ts';
export default defineConfig({
  prometheus: { version: '2.42' },
  policy: { requiredAlertLabels: { severity: ['page', 'ticket'] }, requiredAnnotations: ['summary'], alertNamePattern: '^[A-Z][A-Za-z0-9]+$' },
});
`;

const SLOS = `import { slo } from '../dsl/index.ts';

export const availability = slo({
  service: 'shop',
  name: 'availability',
  objective: 99.9,
  sli: { ratio: { bad: 'http_requests_total{job="shop", code=~"5.."}', total: 'http_requests_total{job="shop"}' } },
});

export const latency = slo({
  service: 'shop',
  name: 'latency',
  objective: 99,
  period: '28d',
  sli: { latency: { histogram: 'http_request_duration_seconds{job="shop"}', threshold: 0.25 } },
});
`;

let project: FixtureProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

describe('obs build with slos/', () => {
  it('writes rules, promtool tests and one dashboard for the service, and counts the SLOs', async () => {
    const p = (project = createFixtureProject({ config: CONFIG, files: { 'slos/shop.ts': SLOS } }));
    const r = await p.run(['build']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('2 slos');
    const out = p.snapshot();
    expect([...out.keys()].filter((f) => !f.startsWith('grafana/'))).toEqual([
      'dashboards/slos/slo-shop.json',
      'rules/slos/shop.yml',
      'tests/slos/shop.eval-1h.test.yml',
      'tests/slos/shop.test.yml',
    ]);
    const rules = parse(out.get('rules/slos/shop.yml')?.toString() ?? '') as { groups: { name: string; rules: unknown[] }[] };
    expect(rules.groups.map((g) => `${g.name} (${g.rules.length})`)).toEqual([
      'shop.availability.slo (11)', 'shop.availability.budget (8)', 'shop.latency.slo (11)', 'shop.latency.budget (8)',
    ]);
    const tests = [...out].filter(([f]) => f.startsWith('tests/')).flatMap(([, b]) => (parse(b.toString()) as { tests: unknown[] }).tests);
    expect(tests).toHaveLength(10);
    const board = JSON.parse(out.get('dashboards/slos/slo-shop.json')?.toString() ?? '{}') as { title: string; panels: { type: string; title: string }[] };
    expect(board.title).toBe('shop SLOs');
    expect(board.panels.filter((x) => x.type === 'row').map((x) => x.title)).toEqual(['availability: 99.9% over 30d', 'latency: 99% over 28d']);
  });

  it('reports a broken SLO at its slo(...) call, with every problem, and generates nothing for it', async () => {
    const broken = SLOS.replace("export const latency = slo({", 'export const latency = slo({ // ERROR').replace("period: '28d'", "period: '3d'").replace('objective: 99,', 'objective: 100,');
    const p = (project = createFixtureProject({ config: CONFIG, files: { 'slos/shop.ts': broken } }));
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    const ds = parseDiagnostics(r.stdout + r.stderr).filter((d) => d.severity === 'error');
    expect(ds.map((d) => [d.file, d.line, d.column, d.checkId])).toEqual([
      ['slos/shop.ts', p.lineOf('slos/shop.ts'), 24, 'slo/definition'],
      ['slos/shop.ts', p.lineOf('slos/shop.ts'), 24, 'slo/definition'],
    ]);
    expect(ds.map((d) => d.message.split('\n')[0]?.replace('slo "shop/latency": ', ''))).toEqual(['objective must be a percentage between 0 and 100 (exclusive), such as 99.9; got 100', 'period must be a whole number of days from 7d to 365d (the alert windows reach 3d, and below 7d the 6h tier would page on a sustainable burn); got "3d"']);
  });
});

describe.skipIf(promtoolSkipReason() !== undefined)('obs test with slos/', () => {
  it('runs the generated tests with promtool and all pass', async () => {
    const p = (project = createFixtureProject({ config: CONFIG, files: { 'slos/shop.ts': SLOS } }));
    const r = await p.run(['test']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('obs test: 10 test(s) in 2 file(s): 10 passed, 0 failed');
  }, 120_000);
});
