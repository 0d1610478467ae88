import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/closed-options.ts';
import { dashboard, link, pieChart, stat, table, text, timeseries } from '../../../../dsl/index.ts';
import { REDUCERS, STACK_MODES } from '../../../../dsl/dashboard/closed-options.ts';
import type { TimeseriesSpec } from '../../../../dsl/dashboard/panel-types.ts';
import { expectValid, lineOf, lintDashboards } from '../../../dashboard/lint-dashboards.ts';

const FILE = fileURLToPath(import.meta.url);
const SOURCE = readFileSync(FILE, 'utf8').split('\n');

/** `line:column` of `value` on the line marked `marker`. */
function at(marker: string, value: string): string {
  const line = lineOf(FILE, marker);
  return `${line}:${(SOURCE[line - 1] ?? '').indexOf(value) + 1}`;
}
/** What tsc would reject, as an author without tsc writes it. */
const untyped = <T,>(v: unknown): T => v as T;

describe('dashboard/closed-options', () => {
  it('the allowed sets are the SDK enums\' values (less what obs leaves out)', () => {
    expect(STACK_MODES).toEqual(['normal', 'percent']);
  });

  it('accepts every allowed value', () => {
    expectValid(check, [dashboard({
      title: 'ok', tooltip: 'shared', links: [link({ title: 'x', url: 'https://example.com', icon: 'doc' })],
      panels: [
        timeseries({ title: 'a', queries: ['up'], stack: 'percent', legend: { placement: 'right', mode: 'table', calcs: ['mean', 'max'] }, tooltip: 'multi', drawStyle: 'bars', showPoints: 'never', thresholdsStyle: 'line' }),
        stat({ title: 'b', queries: ['up'], reduce: 'lastNotNull', graphMode: 'none', colorMode: 'background', textMode: 'value', orientation: 'horizontal' }),
        table({ title: 'c', queries: ['up'], footer: ['sum'], cellHeight: 'sm' }),
        pieChart({ title: 'd', queries: ['up'], pieType: 'donut', labels: ['percent'], legend: { placement: 'bottom', values: ['value'] } }),
        text({ title: 'e', content: 'x', mode: 'html' }),
      ],
    })]);
  });

  it('reports each value tsc would reject, where it is written, with the allowed values and the nearest', () => {
    const ds = lintDashboards(check, [dashboard({
      title: 'bad', tooltip: untyped('shard'), // TOOLTIP
      panels: [
        timeseries(untyped<TimeseriesSpec>({ title: 'a', queries: ['up'], stack: 'normall', // STACK
          legend: { placement: 'rihgt', calcs: ['mean', 'avg'] } })), // LEGEND
        text({ title: 'e', content: 'x', mode: untyped('htm') }), // TEXT
        stat({ title: 'b', queries: ['up'], reduce: untyped(3) }), // REDUCE
      ],
    })]);
    expect(ds.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
      `${at('// TOOLTIP', 'shard')} tooltip "shard" of dashboard "bad" is not one of "off", "crosshair", "shared"; did you mean "shared"?`,
      `${at('// STACK', 'normall')} stack "normall" of panel "a" is not one of "normal", "percent"; did you mean "normal"?`,
      `${at('// LEGEND', 'rihgt')} legend.placement "rihgt" of panel "a" is not one of "bottom", "right"; did you mean "right"?`,
      `${at('// LEGEND', 'avg')} legend.calcs "avg" of panel "a" is not one of ${REDUCERS.map((r) => JSON.stringify(r)).join(', ')}`,
      `${at('// TEXT', 'htm')} mode "htm" of panel "e" is not one of "markdown", "html"; did you mean "html"?`,
      `${at('// REDUCE', 'stat(')} reduce number 3 of panel "b" is not one of ${REDUCERS.map((r) => JSON.stringify(r)).join(', ')}`,
    ]);
  });
});

describe('dashboard/closed-options through obs build', () => {
  it('fails the build at the value (the build does not type-check), writing nothing', async () => {
    const { createFixtureProject, parseDiagnostics } = await import('../../../helpers/fixture-project.ts');
    const p = createFixtureProject({
      files: {
        'dashboards/api.ts': `import { dashboard, timeseries } from '../dsl/index.ts';\n\nexport default dashboard({\n  title: 'API',\n  panels: [timeseries({ title: 'Up', queries: ['up'], stack: 'normall' as 'normal', legend: { placement: 'rihgt' as 'right' } })],\n});\n`,
      },
    });
    try {
      const r = await p.run(['build']);
      expect(r.code).toBe(1);
      expect(parseDiagnostics(r.stderr).filter((d) => d.checkId === 'dashboard/closed-options').map((d) => `${d.file}:${d.line}:${d.column} ${d.message.split('\n')[0]}`)).toEqual([
        'dashboards/api.ts:5:63 stack "normall" of panel "Up" is not one of "normal", "percent"; did you mean "normal"?',
        'dashboards/api.ts:5:107 legend.placement "rihgt" of panel "Up" is not one of "bottom", "right"; did you mean "right"?',
      ]);
      expect(p.snapshot().size).toBe(0);
    } finally {
      p.cleanup();
    }
  });
});
