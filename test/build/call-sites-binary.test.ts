/**
 * The real `obs` binary (node + tsx) maps call sites through the source maps Node holds, one frame
 * per definition; in-process under vitest they come from vitest's mapped string stacks. Both must
 * name the same file:line:column for definitions written in every shape authors use: one line,
 * spread over lines, after multi-line comments and type annotations, inside helper functions and
 * loops, promql`` templates, dashboards, and SLOs.
 */
import { afterEach, expect, it } from 'vitest';
import { expectBinaryAgrees } from '../helpers/broken-build.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

const ALERTS = `import { alert, promql, record, ruleGroup, type AlertSpec } from '../dsl/index.ts';

/**
 * A comment over several lines, so that transpiled and source lines differ.
 */
type Team = 'web' | 'db';
const team: Team = 'web';

function pageAlert(name: string, spec: Partial<AlertSpec> = {}) {
  return alert({ name, expr: 'up == 0', for: '5mins', labels: { severity: 'page', team }, annotations: { summary: 's' }, ...spec });
}

const generated = ['One', 'Two', 'Three'].map((n) =>
  alert({
    name: \`Gen\${n}\`,
    expr: promql\`rate(http_requests_total[5m]) > \${1}\`,
    for: '1x',
    labels: { severity: 'page' }, annotations: { summary: 's' },
  }));

export const g = ruleGroup({
  name: 'shapes',
  rules: [
    alert({ name: 'OneLine', expr: 'up == 0', for: '2mins', labels: { severity: 'page' }, annotations: { summary: 's' } }),
    pageAlert('FromHelper'),
    ...generated,
    record({ name: 'job:bad:sum', expr: promql\`
      sum by (job) (
        rate(http_requests_total[5m]
      )\` }),
    alert({
      name: 'Spread',
      expr: promql\`
        sum(rate(http_requests_total{code=~"5.."}[5m]))
          / sum(rate(http_requests_total[5m]))
          > )\`,
      labels: { severity: 'page' }, annotations: { summary: 's' },
    }),
  ],
});
`;

const DASHBOARD = `import { dashboard, timeseries } from '../dsl/index.ts';

// Two lines of comment
// before the definition.
export const d = dashboard({
  title: 'Shapes',
  uid: 'shapes',
  panels: [
    timeseries({ title: 'Bad', queries: ['sum(rate(http_requests_total[5m])'] }),
    timeseries({
      title: 'Also bad',
      queries: ['rate(http_requests_total[5m]) >'],
    }),
  ],
});
`;

// A layer's index instead of dsl/index.ts: the binary hands it the bundle's copy too.
const DEEP = `import { alert, ruleGroup } from '../dsl/rules/index.ts';

export const deep = ruleGroup({ name: 'deep', rules: [alert({ name: 'Deep', expr: 'up == 0', for: '5mins', labels: { severity: 'page' }, annotations: { summary: 's' } })] });
`;

const SLO = `import { slo } from '../dsl/index.ts';

export const s = slo({
  service: 'shapes', name: 'availability', description: 'd', objective: 101,
  sli: { ratio: { bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } },
});
`;

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

it('the obs binary and the in-process run locate every definition shape at the same place', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/shapes.ts': ALERTS, 'alerts/deep.ts': DEEP, 'dashboards/shapes.ts': DASHBOARD, 'slos/shapes.ts': SLO } }));
  const inProcess = await expectBinaryAgrees(p, { errorsOnly: true });
  // Every shape above produced its error, in both runs, at the same place.
  expect(inProcess.length).toBeGreaterThanOrEqual(10);
  expect(new Set(inProcess.map((h) => h.split(':')[0]))).toEqual(new Set(['alerts/deep.ts', 'alerts/shapes.ts', 'dashboards/shapes.ts', 'slos/shapes.ts']));
});
