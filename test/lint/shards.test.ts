/**
 * Checking a project in shards (in parallel) must report exactly what one run over the whole
 * project reports, for every shard count: per-definition checks on their shard, project-wide ones
 * (duplicates, links) once, and what recorded series carry read from recording rules in any shard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../dsl/pipeline/build.ts';
import { lintOptions } from '../../dsl/config/lint-options.ts';
import { loadRegistries } from '../../dsl/collect/registries.ts';
import { discoverModules } from '../../dsl/collect/discover.ts';
import type { Project } from '../../dsl/collect/project.ts';
import type { LintOptions } from '../../dsl/lint/check.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { mergeResults, runChecks, type LintResult } from '../../dsl/lint/engine.ts';
import { resolveTarget } from '../../dsl/promql/index.ts';
import { Session } from '../../dsl/core/session.ts';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';
import { mulberry32 } from '../helpers/prng.ts';

const REGISTRY = `import { counter, gauge, registry } from '../dsl/index.ts';

export const app = registry({
  name: 'app', scrapeInterval: '30s', jobs: ['app'],
  metrics: {
    http_requests_total: counter({ help: 'Requests.', labels: ['code', 'route'] }),
    queue_depth: gauge({ help: 'Queue depth.', labels: ['queue'] }),
  },
});
`;

/** Rule modules whose alerts read series recorded in other modules (so in other shards). */
function ruleModules(seed: number, modules: number, groups: number): Record<string, string> {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const recorded = Array.from({ length: modules * groups }, (_, i) => ({ name: `job:rec${i}:rate5m`, by: pick(['job', 'job, instance', 'job, route']) }));
  const files: Record<string, string> = {};
  for (let m = 0; m < modules; m++) {
    const gs: string[] = [];
    for (let g = 0; g < groups; g++) {
      const i = m * groups + g;
      const rules: string[] = [`record({ name: '${recorded[i]?.name}', expr: 'sum by (${recorded[i]?.by}) (rate(${pick(['http_requests_total', 'http_requests_totl', 'queue_depth'])}{code=~"5.."}[${pick(['1m', '5m'])}]))' })`];
      for (let a = 0; a < 4; a++) {
        const src = pick(recorded);
        const label = pick(['job', 'instance', 'route']);
        const suppress = rnd() < 0.1 ? `, suppress: [{ check: 'alerts/template-labels', reason: 'known' }]` : '';
        rules.push(`alert({ name: '${pick(['High', 'Low', 'Down'])}${i}x${a}', expr: 'rate(${src.name}[${pick(['1m', '2m', '10m'])}]) > ${a}', for: '${pick(['5m', '0s', '5mins'])}', labels: { severity: '${pick(['page', 'ticket'])}' }, annotations: { summary: '{{ $labels.${label} }} is bad' }${suppress} })`);
      }
      gs.push(`export const g${g} = ruleGroup({ name: '${rnd() < 0.1 ? 'shared' : `m${m}g${g}`}', interval: '${pick(['30s', '1m', '2m'])}', rules: [\n    ${rules.join(',\n    ')},\n  ] });`);
    }
    files[`alerts/m${m}.ts`] = `import { alert, record, ruleGroup } from '../dsl/index.ts';\n\n${gs.join('\n\n')}\n`;
  }
  const boards = Array.from({ length: 12 }, (_, d) => `export const d${d} = dashboard({ title: 'Board ${d % 9}', uid: 'board-${d % 10}', panels: [
  timeseries({ title: 'Rate', queries: ['sum by (instance) (${pick(recorded).name})'] }),
  timeseries({ title: 'Errors', unit: 'reqps', queries: ['rate(http_requests_total{code=~"500"}[5m])'] }),
] });`);
  files['dashboards/boards.ts'] = `import { dashboard, timeseries } from '../dsl/index.ts';\n\n${boards.join('\n\n')}\n`;
  return files;
}

async function loaded(root: string): Promise<{ project: Project; options: LintOptions }> {
  const r = await build({ root, dryRun: true, emit: false });
  const registries = await loadRegistries(root, discoverModules(root, [r.config.paths.registry]));
  return { project: r.project, options: lintOptions(r.config, resolveTarget(r.config.prometheus.version, r.config.prometheus.features), registries.registries) };
}

function heads(r: LintResult): string[] {
  return [
    ...r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.severity} ${d.checkId}: ${d.message}`),
    ...r.suppressed.map((s) => `suppressed ${s.checkId} ${s.diagnostic.location?.file}:${s.diagnostic.location?.line}: ${s.diagnostic.message}`).sort(),
  ];
}

function expectShardsAgree(project: Project, options: LintOptions): LintResult {
  // In a session, as every lint runs: its memo shares the parse of one expression text among rules and runs.
  const session = new Session(project.root);
  session.beginRun();
  return session.run(() => shardsAgree(project, options));
}

function shardsAgree(project: Project, options: LintOptions): LintResult {
  const whole = runChecks(project, CHECKS, options);
  for (const count of [2, 3, 5, 8]) {
    const parts = Array.from({ length: count }, (_, index) => runChecks(project, CHECKS, options, { index, count }));
    expect(heads(mergeResults(parts)), `${count} shards`).toEqual(heads(whole));
  }
  return whole;
}

describe('checking a project in shards reports what one whole run reports', () => {
  let fixture: FixtureProject | undefined;
  beforeAll(() => {
    fixture = createFixtureProject({ files: { 'registry/app.ts': REGISTRY, ...ruleModules(7, 6, 5) } });
  });
  afterAll(() => fixture?.cleanup());

  it('on generated modules whose alerts and dashboards read series recorded in other shards', async () => {
    if (!fixture) throw new Error('no fixture');
    const { project, options } = await loaded(fixture.root);
    const whole = expectShardsAgree(project, options);
    const ids = new Set(whole.diagnostics.map((d) => d.checkId));
    // The cross-definition checks this is about all fired.
    for (const id of ['alerts/template-labels', 'registry/range-window', 'registry/unknown-metric', 'rules/duplicate-group', 'rules/durations', 'dashboard/duplicate-uid', 'dashboard/duplicate-title']) expect(ids, id).toContain(id);
    expect(whole.suppressed.length).toBeGreaterThan(0);
  });

  it("on this repository's own project (dashboards, SLOs, registries, suppressions)", async () => {
    const { project, options } = await loaded(REPO_ROOT);
    expectShardsAgree(project, options);
  });
});
