/** `obs build` ends with a short summary; progress goes to stderr only on an interactive terminal. */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../dsl/cli/main.ts';
import { buildSummaryLines, formatDuration } from '../../dsl/report/build-summary.ts';
import { capturingIO, createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

let project: FixtureProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const ALERTS = `import { alert, record, ruleGroup } from '../dsl/index.ts';
export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'A', expr: 'up == 0' }),
  record({ name: 'job:up:sum', expr: 'sum by (job) (up)' }),
] });
`;

describe('obs build summary', () => {
  it('formats counts (any nouns, pluralized), problems and time', () => {
    expect(buildSummaryLines({ counts: { module: 1, 'rule group': 2, alert: 1, dashboard: 0, panel: 12000 }, problems: { error: 1, warning: 2, info: 0 }, ms: 1234 })).toEqual([
      '  checked   1 module, 2 rule groups, 1 alert, 0 dashboards, 12,000 panels',
      '  problems  1 error, 2 warnings, 0 info',
      '  time      1.23 s',
    ]);
    expect([formatDuration(412), formatDuration(12_345)]).toEqual(['412 ms', '12.3 s']);
  });

  it('prints the verdict and the summary, and no progress when stderr is not a terminal', async () => {
    project = createFixtureProject({ files: { 'alerts/a.ts': ALERTS } });
    const io = capturingIO(project.root);
    expect(await main(['build'], io)).toBe(0);
    const out = io.out.join('').split('\n');
    expect(out[0]).toBe('obs build: wrote out/ (1 file(s), 1 changed)');
    expect(out.slice(1, 3)).toEqual(['  checked   1 module, 1 rule group, 1 alert, 1 recording rule, 0 rule tests', '  problems  0 errors, 0 warnings, 0 info']);
    expect(out[3]).toMatch(/^ {2}time {6}\d+ ms$|^ {2}time {6}[\d.]+ s$/);
    expect(io.err.join('')).toBe('');
  });

  it('counts every definition module loaded, dashboard-only ones too', async () => {
    project = createFixtureProject({ files: {
      'alerts/a.ts': ALERTS,
      'dashboards/d.ts': `import { dashboard, standardVariables, timeseries } from '../dsl/index.ts';\nexport const d = dashboard({ title: 'd', variables: standardVariables(), panels: [timeseries({ title: 'p', queries: ['sum(up{job=~"$job", instance=~"$instance"})'] })] });\n`,
    } });
    const io = capturingIO(project.root);
    expect(await main(['build'], io)).toBe(0);
    expect(io.out.join('').split('\n')[1]).toBe('  checked   2 modules, 1 rule group, 1 alert, 1 recording rule, 0 rule tests, 1 dashboard, 1 panel');
  });

  it('does not count a module that failed to load', async () => {
    project = createFixtureProject({ files: { 'alerts/a.ts': ALERTS, 'alerts/b.ts': `throw new Error('broken');\nexport {};\n` } });
    const io = capturingIO(project.root);
    expect(await main(['build'], io)).toBe(1);
    expect(io.err.join('')).toContain('  checked   1 module, 1 rule group');
  });

  it('shows progress on an interactive stderr and erases it before the results', async () => {
    project = createFixtureProject({ files: { 'alerts/a.ts': ALERTS } });
    const io = { ...capturingIO(project.root), interactive: true };
    expect(await main(['build'], io)).toBe(0);
    const err = io.err.join('');
    expect(err).toMatch(/^\r\x1b\[Kobs build: loading 1 module…/);
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });
});
