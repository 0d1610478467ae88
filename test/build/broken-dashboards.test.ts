/**
 * A catalogue of broken dashboards. Each case is a small project whose dashboards build cleanly (a
 * real build writes out/), then has exactly one thing broken. `obs build` must then exit 1, report
 * exactly one error, from the right check, at the TS file:line the author has to fix (the line marked
 * `// ERROR`) and the column of the offending text, and leave out/ byte-identical.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectBinaryAgrees, expectBrokenBuild } from '../helpers/broken-build.ts';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

const CONFIG = `import { defineConfig } from './dsl/index.ts';

export default defineConfig({ prometheus: { version: '2.42' } });
`;

const API = `import { customVariable, dashboard, link, prometheusQuery, promql, queryVariable, labelValues, row, stat, standardVariables, timeseries } from '../dsl/index.ts';
import { other } from './other.ts';

export const api = dashboard({
  title: 'API',
  uid: 'api',
  variables: [
    ...standardVariables(),
    customVariable({ name: 'status', values: ['2..', '5..'], multi: true }),
    queryVariable({ name: 'route', query: labelValues('route', 'http_requests_total{job=~"$job"}') }),
  ],
  links: [link({ title: 'Other', to: other })],
  panels: [
    stat({
      title: 'Requests',
      description: 'Requests per second.',
      unit: 'reqps',
      queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))' })],
    }),
    timeseries({
      title: 'Errors',
      description: 'Failed requests per second by status.',
      unit: 'reqps',
      queries: [prometheusQuery({
        expr: promql\`
          sum by (code) (
            rate(http_requests_total{job=~"$job", instance=~"$instance", code=~"$status"}[$__rate_interval])
          )\`,
      })],
    }),
  ],
  rows: [
    row({
      title: 'Details',
      panels: [
        timeseries({
          title: 'Latency',
          description: 'p99 request duration.',
          unit: 's',
          queries: ['histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=~"$job", instance=~"$instance"}[$__rate_interval])))'],
        }),
      ],
    }),
  ],
});
`;

const OTHER = `import { dashboard, standardVariables, stat } from '../dsl/index.ts';

export const other = dashboard({
  title: 'Other',
  uid: 'other',
  variables: standardVariables(),
  panels: [stat({ title: 'Up', description: 'Targets up.', unit: 'none', queries: ['sum(up{job=~"$job", instance=~"$instance"})'] })],
});
`;

const BASE: Readonly<Record<string, string>> = { 'dashboards/api.ts': API, 'dashboards/other.ts': OTHER };

/** Where on the `// ERROR` line the diagnostic must point. */
type Column =
  /** At the first character of this text on the marked line (a factory call, a variable, a unit...). */
  | { readonly at: string }
  /** Only the line is pinned. */
  | { readonly lineOnly: true };

interface BrokenCase {
  readonly name: string;
  readonly checkId: string;
  readonly file: string;
  readonly change: { readonly from: string; readonly to: string } | { readonly add: string };
  readonly at: Column;
  readonly message: RegExp;
}

const STAT_QUERY = `queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))' })],`;
const LATENCY_QUERY = `queries: ['histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=~"$job", instance=~"$instance"}[$__rate_interval])))'],`;
const TEMPLATE_LINE = `            rate(http_requests_total{job=~"$job", instance=~"$instance", code=~"$status"}[$__rate_interval])`;

const CASES: readonly BrokenCase[] = [
  // --- queries, located inside the query text -----------------------------------------------------
  {
    name: 'an undefined variable in a target',
    checkId: 'dashboard/undefined-variable', file: 'dashboards/api.ts',
    change: { from: STAT_QUERY, to: STAT_QUERY.replace('$instance"', '$instnace"') + ' // ERROR' },
    at: { at: '$instnace' }, message: /^panel "Requests", query A uses \$instnace, which dashboard "API" does not define/,
  },
  {
    name: 'an undefined variable on a line of a multi-line promql`` template',
    checkId: 'dashboard/undefined-variable', file: 'dashboards/api.ts',
    change: { from: TEMPLATE_LINE, to: `${TEMPLATE_LINE.replace('$status', '$stauts')} # // ERROR` },
    at: { at: '$stauts' }, message: /uses \$stauts/,
  },
  {
    name: 'an unclosed parenthesis in a target',
    checkId: 'dashboard/promql', file: 'dashboards/api.ts',
    change: { from: STAT_QUERY, to: `queries: [prometheusQuery({ expr: 'sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval])' })], // ERROR` },
    at: { at: "' })], // ERROR" }, message: /^unclosed left parenthesis \(in panel "Requests", query A\)/,
  },
  {
    name: 'an unknown function in a target string',
    checkId: 'dashboard/promql', file: 'dashboards/api.ts',
    change: { from: LATENCY_QUERY, to: `${LATENCY_QUERY.replace('histogram_quantile', 'histogram_quantil')} // ERROR` },
    at: { at: 'histogram_quantil(' }, message: /^unknown function with name "histogram_quantil"/,
  },
  {
    name: 'rate() of an instant vector inside a promql`` template',
    checkId: 'dashboard/promql', file: 'dashboards/api.ts',
    change: { from: TEMPLATE_LINE, to: `${TEMPLATE_LINE.replace('[$__rate_interval]', '')} # // ERROR` },
    at: { at: 'http_requests_total{job=~"$job", instance=~"$instance", code' }, message: /^expected type range vector in call to function "rate", got instant vector/,
  },
  {
    name: 'an invalid regular expression in a matcher',
    checkId: 'dashboard/promql', file: 'dashboards/api.ts',
    change: { from: STAT_QUERY, to: `${STAT_QUERY.replace('job=~"$job"', 'job=~"(api"')} // ERROR` },
    at: { at: 'job=~"(api"' }, message: /^error parsing regexp: missing closing \)/,
  },
  {
    name: 'bad PromQL in the selector of a query variable',
    checkId: 'dashboard/promql', file: 'dashboards/api.ts',
    change: { from: `labelValues('route', 'http_requests_total{job=~"$job"}')`, to: `labelValues('route', 'http_requests_total{job=~"$job"')`, },
    at: { lineOnly: true }, message: /variable "route"/,
  },
  {
    name: 'an unknown variable format',
    checkId: 'dashboard/undefined-variable', file: 'dashboards/api.ts',
    change: { from: STAT_QUERY, to: `${STAT_QUERY.replace('job=~"$job"', 'job=~"${job:regexp}"')} // ERROR` },
    at: { at: '${job:regexp}' }, message: /formats \$job as "regexp", which Grafana does not know/,
  },
  // --- identity ----------------------------------------------------------------------------------------
  {
    name: 'a duplicate uid (the later module is reported)',
    checkId: 'dashboard/duplicate-uid', file: 'dashboards/other.ts',
    change: { from: `export const other = dashboard({\n  title: 'Other',\n  uid: 'other',`, to: `export const other = dashboard({ // ERROR\n  title: 'Other',\n  uid: 'api',` },
    at: { at: 'dashboard(' }, message: /^dashboard "Other" has uid "api", already used by dashboard "API" in dashboards\/api.ts/,
  },
  {
    name: 'a duplicate title in the folder',
    checkId: 'dashboard/duplicate-title', file: 'dashboards/other.ts',
    change: { from: `export const other = dashboard({\n  title: 'Other',`, to: `export const other = dashboard({ // ERROR\n  title: 'API',` },
    at: { at: 'dashboard(' }, message: /^dashboard "API" is also the title of a dashboard in dashboards\/api.ts, in the same folder "General"/,
  },
  {
    name: 'a uid longer than 40 characters',
    checkId: 'dashboard/uid', file: 'dashboards/other.ts',
    change: { from: `export const other = dashboard({\n  title: 'Other',\n  uid: 'other',`, to: `export const other = dashboard({ // ERROR\n  title: 'Other',\n  uid: 'other-dashboard-with-a-much-too-long-uid-for-grafana',` },
    at: { at: 'dashboard(' }, message: /is 52 characters long; Grafana allows at most 40/,
  },
  {
    name: 'a uid with a slash',
    checkId: 'dashboard/uid', file: 'dashboards/other.ts',
    change: { from: `export const other = dashboard({\n  title: 'Other',\n  uid: 'other',`, to: `export const other = dashboard({ // ERROR\n  title: 'Other',\n  uid: 'team/other',` },
    at: { at: 'dashboard(' }, message: /contains "\/"/,
  },
  // --- panels ------------------------------------------------------------------------------------------
  {
    name: 'an unknown unit through the escape hatch',
    checkId: 'dashboard/unknown-unit', file: 'dashboards/api.ts',
    change: { from: `      description: 'Requests per second.',\n      unit: 'reqps',`, to: `      description: 'Requests per second.',\n      extra: { fieldConfig: { defaults: { unit: 'reqpz' } } }, // ERROR` },
    at: { at: 'reqpz' }, message: /^panel "Requests" uses unit "reqpz", which Grafana does not know/,
  },
  {
    name: 'overlapping explicit positions',
    checkId: 'dashboard/layout', file: 'dashboards/api.ts',
    change: {
      from: `    stat({\n      title: 'Requests',`,
      to: `    stat({ title: 'Big', description: 'x', unit: 'none', position: { x: 0, y: 0 }, width: 12, queries: ['sum(up{job=~"$job", instance=~"$instance"})'] }),\n    stat({ // ERROR\n      position: { x: 6, y: 2 },\n      title: 'Requests',`,
    },
    at: { at: 'stat(' }, message: /^panel "Requests": explicit position overlaps panel 1 of the same section/,
  },
  {
    name: 'an explicit position past the 24-column grid',
    checkId: 'dashboard/layout', file: 'dashboards/api.ts',
    change: { from: `    stat({\n      title: 'Requests',`, to: `    stat({ // ERROR\n      position: { x: 20, y: 0 }, width: 8,\n      title: 'Requests',` },
    at: { at: 'stat(' }, message: /explicit position x=20 with width 8 ends at column 28/,
  },
  {
    name: 'a panel without queries',
    checkId: 'dashboard/panel-targets', file: 'dashboards/api.ts',
    change: {
      from: `        timeseries({\n          title: 'Latency',\n          description: 'p99 request duration.',\n          unit: 's',\n          ${LATENCY_QUERY}`,
      to: `        timeseries({ // ERROR\n          title: 'Latency',\n          description: 'p99 request duration.',\n          unit: 's',\n          queries: [],`,
    },
    at: { at: 'timeseries(' }, message: /^panel "Latency" has no queries/,
  },
  {
    name: 'a panel with an empty title',
    checkId: 'dashboard/titles', file: 'dashboards/other.ts',
    change: { from: `panels: [stat({ title: 'Up',`, to: `panels: [stat({ title: '', // ERROR\n  ` },
    at: { at: 'stat(' }, message: /^a stat panel of dashboard "Other" has an empty title/,
  },
  {
    name: 'two queries with one refId',
    checkId: 'dashboard/ref-ids', file: 'dashboards/api.ts',
    change: { from: STAT_QUERY, to: `queries: [prometheusQuery({ expr: 'up{job=~"$job", instance=~"$instance"}', refId: 'A' }),\n        prometheusQuery({ expr: 'up{job=~"$job", instance=~"$instance"}', refId: 'A' })], // ERROR` },
    at: { at: 'prometheusQuery(' }, message: /^panel "Requests" has two queries with refId "A"/,
  },
  {
    name: 'repeat by an undefined variable',
    checkId: 'dashboard/undefined-variable', file: 'dashboards/api.ts',
    change: { from: `      title: 'Latency',`, to: `      title: 'Latency',\n          repeat: { variable: 'node' }, // ERROR` },
    at: { at: 'node' }, message: /^panel "Latency" repeats by \$node, which dashboard "API" does not define/,
  },
  // --- variables and links -------------------------------------------------------------------------
  {
    name: 'a variable defined twice',
    checkId: 'dashboard/variable-names', file: 'dashboards/api.ts',
    change: { from: `    customVariable({ name: 'status', values: ['2..', '5..'], multi: true }),`, to: `    customVariable({ name: 'status', values: ['2..', '5..'], multi: true }),\n    customVariable({ name: 'status', values: ['4..'] }), // ERROR` },
    at: { at: 'customVariable(' }, message: /^variable "status" is defined twice in dashboard "API"/,
  },
  {
    name: 'a link to a dashboard that no module exports',
    checkId: 'dashboard/links', file: 'dashboards/api.ts',
    change: { from: `  links: [link({ title: 'Other', to: other })],`, to: `  links: [link({ title: 'Other', to: dashboard({ title: 'Nowhere' }) })], // ERROR` },
    at: { at: 'link(' }, message: /^link "Other" of dashboard "API" points to dashboard "Nowhere", which no module exports/,
  },
  {
    name: 'a dashboards module that throws while it is imported',
    checkId: 'collect/module-error', file: 'dashboards/broken.ts',
    change: {
      add: `import { dashboard, stat } from '../dsl/index.ts';

const thresholds: Record<string, number[]> = {};

export const broken = dashboard({
  title: 'Broken',
  panels: [stat({ title: 's', queries: ['up'], thresholds: { base: 'green', steps: [{ value: thresholds['api']![0]!, color: 'red' }] } })], // ERROR
});
`,
    },
    at: { lineOnly: true }, message: /^dashboards\/broken.ts failed to load: Cannot read properties of undefined/,
  },
];

function apply(p: FixtureProject, c: BrokenCase): void {
  if ('add' in c.change) p.write(c.file, c.change.add);
  else p.replace(c.file, c.change.from, c.change.to);
}

/** The marked line, found by the `// ERROR` marker or, for changes without one, by the changed text. */
function markedLine(p: FixtureProject, c: BrokenCase): number {
  if (p.read(c.file).includes('// ERROR')) return p.lineOf(c.file);
  const to = 'add' in c.change ? c.change.add : c.change.to;
  return p.lineOf(c.file, to.split('\n')[0]);
}

describe('a broken dashboard fails the build with one located error and leaves out/ untouched', () => {
  let fixture: FixtureProject | undefined;
  afterEach(() => {
    fixture?.cleanup();
    fixture = undefined;
  });

  it('the catalogue has at least 20 cases with distinct names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('the valid project builds its dashboards and the provisioning file', async () => {
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect([...p.snapshot().keys()]).toEqual(['dashboards/general/api.json', 'dashboards/general/other.json', 'grafana/provisioning/dashboards.yaml']);
    expect(parseDiagnostics(r.stderr).filter((d) => d.severity === 'error')).toEqual([]);
  });

  for (const c of CASES) it(`${c.name} → ${c.checkId} at the marked line`, async () => {
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    await expectBrokenBuild(p, () => apply(p, c), {
      checkId: c.checkId, file: c.file, message: c.message,
      line: () => markedLine(p, c),
      column: (lineText) => {
        if (!('at' in c.at)) return undefined;
        const column = lineText.indexOf(c.at.at) + 1;
        if (column === 0) throw new Error(`fixture: ${JSON.stringify(c.at.at)} is not on the marked line ${JSON.stringify(lineText)}`);
        return column;
      },
    });
  });
});

/** The same diagnostics from the real `obs` binary (node + tsx source maps) as in-process. */
describe('the obs binary reports dashboard errors at the same places', () => {
  const SAMPLE = ['an undefined variable in a target', 'an unknown unit through the escape hatch', 'overlapping explicit positions'];
  let fixture: FixtureProject | undefined;
  afterEach(() => {
    fixture?.cleanup();
    fixture = undefined;
  });

  it.each(SAMPLE)('%s', async (name) => {
    const c = CASES.find((x) => x.name === name);
    if (!c) throw new Error(`no catalogue case ${name}`);
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    apply(p, c);
    expect(await expectBinaryAgrees(p, { errorsOnly: true })).toHaveLength(1);
  });
});
