/**
 * The build lists every suppression an author wrote, with its reason; the ones obs writes into
 * what it generates (an SLO dashboard without job/instance variables) silence the same way but
 * are not listed: a 200-SLO project printed 400 identical lines on every build.
 */
import { expect, it } from 'vitest';
import { dashboard, timeseries } from '../../dsl/index.ts';
import { generatedSuppression } from '../../dsl/core/generated-suppression.ts';
import check from '../../dsl/lint/checks/dashboard/job-instance-variables.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { dashboardProject } from '../dashboard/lint-dashboards.ts';
import { createFixtureProject } from '../helpers/fixture-project.ts';

const reason = 'SLO series are per service and objective, not per job or instance';

it('silences what obs generated without listing it, and lists the same suppression written by an author', () => {
  const project = dashboardProject([
    dashboard({ title: 'generated', suppress: [generatedSuppression({ check: check.meta.id, reason })], panels: [timeseries({ title: 'p', queries: ['up'] })] }),
    dashboard({ title: 'authored', suppress: [{ check: check.meta.id, reason }], panels: [timeseries({ title: 'p', queries: ['up'] })] }),
  ]);
  const r = runChecks(project, [check], { target: mustParseTarget('2.42'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] } });
  expect(r.diagnostics).toEqual([]);
  // Suppressed problems are listed by place, as problems are (here one place: by message).
  expect(r.suppressed.map((s) => s.diagnostic.message)).toEqual(['dashboard "authored" has no instance variable', 'dashboard "authored" has no job variable']);
});

it('a build with SLOs prints no suppression it did not write', async () => {
  const p = createFixtureProject({ files: {
    'slos/api.ts': `import { slo } from '../dsl/index.ts';\n\nexport const availability = slo({\n  service: 'api', name: 'availability', objective: 99.9,\n  sli: { ratio: { bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } },\n});\n`,
  } });
  try {
    const run = await p.run(['build']);
    expect(run.code).toBe(0);
    expect(p.snapshot().has('dashboards/slos/slo-api.json')).toBe(true);
    expect(run.stdout).not.toContain('suppressed');
  } finally {
    p.cleanup();
  }
});
