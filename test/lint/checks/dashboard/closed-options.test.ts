import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/closed-options.ts';
import { barChart, dashboard, histogramPanel, link, logs, lokiQuery, pieChart, prometheusQuery, stat, table, text, timeseries, transform } from '../../../../dsl/index.ts';
import { FIELD_COLOR_MODES, QUERY_FORMATS, REDUCERS, STACK_MODES, TRANSFORMATION_IDS } from '../../../../dsl/dashboard/closed-options.ts';
import type { TimeseriesSpec } from '../../../../dsl/dashboard/panel-types.ts';
import type { Transformation } from '../../../../dsl/dashboard/transformation-types.ts';

/** The ids of the typed transformations and the closed list are one set (tsc fails here otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameIds: Same<Transformation['id'], (typeof TRANSFORMATION_IDS)[number]> = true;
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
    expect(QUERY_FORMATS).toEqual(['time_series', 'table', 'heatmap']);
    expect(FIELD_COLOR_MODES).not.toContain('fixed');
    expect(sameIds).toBe(true);
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
        barChart({ title: 'g', queries: ['up'], orientation: 'horizontal', stack: 'normal', showValue: 'always', legend: { mode: 'table' }, tooltip: 'none', thresholdsStyle: 'dashed' }),
        histogramPanel({ title: 'h', queries: ['up'], stack: 'percent', legend: { calcs: ['max'] }, tooltip: 'multi' }),
      ],
    })]);
  });

  it('accepts every allowed field option, matcher, transformation and query value', () => {
    expectValid(check, [dashboard({
      title: 'ok',
      panels: [
        table({
          title: 'f', color: 'continuous-GrYlRd', thresholds: { mode: 'percentage', base: 'green' },
          mappings: [{ special: 'null+nan', text: '-' }, { value: 1, text: 'up', color: 'green' }, { range: { from: 0, to: 1 } }, { regex: 'x.*' }],
          overrides: [{ match: { byType: 'time' }, set: { color: { fixed: 'red' } } }, { match: { byName: 'Value' }, set: { thresholds: { mode: 'absolute', base: 'red' } } }],
          queries: [prometheusQuery({ expr: 'up', format: 'table', mode: 'instant', editorMode: 'builder' }), prometheusQuery({ expr: 'up', format: 'heatmap', mode: 'both' })],
          transformations: [transform.merge(), transform.joinByField({ mode: 'outerTabular' }), transform.labelsToFields({ mode: 'rows' }), transform.reduce({ reducers: ['max'], mode: 'reduceFields' })],
        }),
        logs({ title: 'l', queries: [lokiQuery({ expr: '{job="x"}', mode: 'instant' })] }),
      ],
    })]);
  });

  it('reports field options, matchers, transformations and queries tsc would reject, where they are written', () => {
    const ds = lintDashboards(check, [dashboard({
      title: 'bad',
      panels: [
        table(untyped({ title: 'f', queries: [prometheusQuery(untyped({ expr: 'up', format: 'tabel', editorMode: 'cod' }))], // QUERY
          color: 'palette-clasic', thresholds: { mode: 'percent', base: 'green' }, // FIELD
          mappings: [{ special: 'nul', text: '-' }, { valeu: 1, text: 'x' }], // MAPPINGS
          overrides: [{ match: { byNmae: 'x' }, set: { color: 'shade' } }, { match: { byType: 'int' }, set: {} }, { match: {}, set: {} }], // OVERRIDES
          transformations: [{ id: 'mrege' }, { id: 'joinByField', mode: 'left' }, { id: 'reduce', reducers: ['avg'] }] })), // TRANSFORMS
        logs({ title: 'l', queries: [lokiQuery(untyped({ expr: '{job="x"}', mode: 'both' }))] }), // LOKI
      ],
    })]);
    const allowed = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(', ');
    expect(ds.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
      `${at('// QUERY', 'table(')} overrides[].match of panel "f" must hold exactly one of "byName", "byRegexp", "byType", "byQuery"; it holds none`,
      `${at('// QUERY', 'tabel')} format "tabel" of a query of panel "f" is not one of "time_series", "table", "heatmap"; did you mean "table"?`,
      `${at('// QUERY', 'cod')} editorMode "cod" of a query of panel "f" is not one of "builder", "code"; did you mean "code"?`,
      `${at('// FIELD', 'palette-clasic')} color "palette-clasic" of panel "f" is not one of ${allowed(FIELD_COLOR_MODES)}; did you mean "palette-classic"?`,
      `${at('// FIELD', 'percent')} thresholds.mode "percent" of panel "f" is not one of "absolute", "percentage"`,
      `${at('// MAPPINGS', 'nul')} mappings[].special "nul" of panel "f" is not one of "true", "false", "null", "nan", "null+nan", "empty"; did you mean "null"?`,
      `${at('// MAPPINGS', 'valeu')} mappings[] of panel "f" has key "valeu", not one of "value", "range", "regex", "special"; did you mean "value"?`,
      `${at('// OVERRIDES', 'byNmae')} overrides[].match of panel "f" has key "byNmae", not one of "byName", "byRegexp", "byType", "byQuery"; did you mean "byName"?`,
      `${at('// OVERRIDES', 'shade')} overrides[].set.color "shade" of panel "f" is not one of ${allowed(FIELD_COLOR_MODES)}; did you mean "shades"?`,
      `${at('// OVERRIDES', 'int')} overrides[].match.byType "int" of panel "f" is not one of "number", "string", "time", "boolean"`,
      `${at('// TRANSFORMS', 'mrege')} id "mrege" of a transformation of panel "f" is not one of ${allowed(TRANSFORMATION_IDS)}; did you mean "merge"?`,
      `${at('// TRANSFORMS', 'left')} mode "left" of transformation "joinByField" of panel "f" is not one of "outer", "inner", "outerTabular"`,
      `${at('// TRANSFORMS', 'avg')} reducers "avg" of transformation "reduce" of panel "f" is not one of ${allowed(REDUCERS)}`,
      `${at('// LOKI', 'both')} mode "both" of a query of panel "l" is not one of "range", "instant"`,
    ]);
  });

  it('reports each value tsc would reject, where it is written, with the allowed values and the nearest', () => {
    const ds = lintDashboards(check, [dashboard({
      title: 'bad', tooltip: untyped('shard'), // TOOLTIP
      panels: [
        timeseries(untyped<TimeseriesSpec>({ title: 'a', queries: ['up'], stack: 'normall', // STACK
          legend: { placement: 'rihgt', calcs: ['mean', 'avg'] } })), // LEGEND
        text({ title: 'e', content: 'x', mode: untyped('htm') }), // TEXT
        stat({ title: 'b', queries: ['up'], reduce: untyped(3) }), // REDUCE
        barChart(untyped({ title: 'g', queries: ['up'], showValue: 'alway', orientation: 'vertcal' })), // BAR
        histogramPanel(untyped({ title: 'h', queries: ['up'], stack: 'percnt' })), // HISTOGRAM
      ],
    })]);
    expect(ds.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
      `${at('// TOOLTIP', 'shard')} tooltip "shard" of dashboard "bad" is not one of "off", "crosshair", "shared"; did you mean "shared"?`,
      `${at('// STACK', 'normall')} stack "normall" of panel "a" is not one of "normal", "percent"; did you mean "normal"?`,
      `${at('// LEGEND', 'rihgt')} legend.placement "rihgt" of panel "a" is not one of "bottom", "right"; did you mean "right"?`,
      `${at('// LEGEND', 'avg')} legend.calcs "avg" of panel "a" is not one of ${REDUCERS.map((r) => JSON.stringify(r)).join(', ')}`,
      `${at('// TEXT', 'htm')} mode "htm" of panel "e" is not one of "markdown", "html"; did you mean "html"?`,
      `${at('// REDUCE', 'stat(')} reduce number 3 of panel "b" is not one of ${REDUCERS.map((r) => JSON.stringify(r)).join(', ')}`,
      `${at('// BAR', 'alway')} showValue "alway" of panel "g" is not one of "auto", "never", "always"; did you mean "always"?`,
      `${at('// BAR', 'vertcal')} orientation "vertcal" of panel "g" is not one of "auto", "vertical", "horizontal"; did you mean "vertical"?`,
      `${at('// HISTOGRAM', 'percnt')} stack "percnt" of panel "h" is not one of "normal", "percent"; did you mean "percent"?`,
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

  it('fails the build on a query format typo, at the value, writing nothing', async () => {
    const { createFixtureProject, parseDiagnostics } = await import('../../../helpers/fixture-project.ts');
    const p = createFixtureProject({
      files: {
        'dashboards/api.ts': `import { dashboard, prometheusQuery, table, transform } from '../dsl/index.ts';\n\nexport default dashboard({\n  title: 'API',\n  panels: [table({ title: 'Up', transformations: [transform.merge()],\n    queries: [prometheusQuery({ expr: 'up', format: 'tabel' as 'table', mode: 'instant' })] })],\n});\n`,
      },
    });
    try {
      const r = await p.run(['build']);
      expect(r.code).toBe(1);
      expect(parseDiagnostics(r.stderr).filter((d) => d.checkId === 'dashboard/closed-options').map((d) => `${d.file}:${d.line}:${d.column} ${d.message.split('\n')[0]}`)).toEqual([
        'dashboards/api.ts:6:54 format "tabel" of a query of panel "Up" is not one of "time_series", "table", "heatmap"; did you mean "table"?',
      ]);
      expect(p.snapshot().size).toBe(0);
    } finally {
      p.cleanup();
    }
  });
});
