/**
 * Broken definitions the registry catches. Each case is a small project with a registry that builds
 * cleanly; then one definition is broken, and `obs build` must exit 1 with exactly one error from
 * the right check, at the TS line (and column) the author has to fix, with a useful suggestion, and
 * leave out/ as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, type FixtureProject } from '../helpers/fixture-project.ts';

const CONFIG = `import { defineConfig } from './dsl/index.ts';

export default defineConfig({ prometheus: { version: '2.42' } });
`;

const REGISTRY = `import { counter, gauge, histogram, registry } from '../dsl/index.ts';

export const shop = registry({
  name: 'shop',
  scrapeInterval: '15s',
  metrics: {
    http_requests_total: counter({ help: 'Requests.', labels: ['code', 'method'], values: { method: ['GET', 'POST'] } }),
    http_request_duration_seconds: histogram({ help: 'Latency.', labels: ['route'] }),
    queue_depth: gauge({ help: 'Jobs waiting.', labels: ['queue'] }),
  },
});
`;

const ALERTS = `import { alert, promql, ruleGroup } from '../dsl/index.ts';
import { shop } from '../registry/shop.ts';

export const shopAlerts = ruleGroup({
  name: 'shop.alerts',
  rules: [
    alert({
      name: 'ShopErrors',
      expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1',
      for: '5m',
      annotations: { summary: '{{ $labels.job }} serves errors' },
    }),
    alert({
      name: 'ShopQueueGrowing',
      expr: promql\`deriv(\${shop.sel('queue_depth', { queue: 'orders' })}[10m]) > 1\`,
      for: '10m',
      annotations: { summary: 'queue {{ $labels.queue }} grows' },
    }),
    alert({
      name: 'ShopSlow',
      expr: 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))) > 2',
      for: '10m',
      annotations: { summary: '{{ $labels.job }} is slow' },
    }),
  ],
});
`;

const RECORDING = `import { record, ruleGroup } from '../dsl/index.ts';

export const shopRecording = ruleGroup({
  name: 'shop.recording',
  interval: '30s',
  rules: [
    record({ name: 'job:http_requests:rate5m', expr: 'sum by (job, method) (rate(http_requests_total[5m]))' }),
  ],
});
`;

const LEGACY = `import { gauge, registry } from '../dsl/index.ts';

export const legacy = registry({
  name: 'legacy',
  metrics: {
    legacy_jobs_waiting: gauge({ help: 'Jobs waiting in the legacy queue.' }),
  },
});
`;

const BASE = { 'registry/shop.ts': REGISTRY, 'registry/legacy.ts': LEGACY, 'alerts/shop.ts': ALERTS, 'recording/shop.ts': RECORDING };

interface Case {
  readonly name: string;
  readonly checkId: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** Text on the marked line the error must point at (its first character); omitted: only the line. */
  readonly at?: string;
  readonly message: RegExp;
  readonly hint?: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'a misspelt metric', checkId: 'registry/unknown-metric', file: 'alerts/shop.ts',
    from: `expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1',`,
    to: `expr: 'sum by (job) (rate(http_request_total{code=~"5.."}[5m])) > 1', // ERROR`,
    at: 'http_request_total', message: /^unknown metric "http_request_total" \(in alert "ShopErrors"\)/, hint: /did you mean "http_requests_total"\?/,
  },
  {
    name: 'a misspelt metric in a recording rule', checkId: 'registry/unknown-metric', file: 'recording/shop.ts',
    from: `expr: 'sum by (job, method) (rate(http_requests_total[5m]))' }),`,
    to: `expr: 'sum by (job, method) (rate(http_requests_totl[5m]))' }), // ERROR`,
    at: 'http_requests_totl', message: /^unknown metric "http_requests_totl"/, hint: /did you mean "http_requests_total"\?/,
  },
  {
    name: 'a label the metric does not have', checkId: 'registry/unknown-label', file: 'alerts/shop.ts',
    from: `expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1',`,
    to: `expr: 'sum by (job) (rate(http_requests_total{cdoe=~"5.."}[5m])) > 1', // ERROR`,
    at: 'cdoe', message: /^http_requests_total has no label "cdoe", so this selector matches nothing/, hint: /did you mean "code"\?/,
  },
  {
    name: 'rate() on a gauge', checkId: 'registry/rate-on-non-counter', file: 'alerts/shop.ts',
    from: "expr: promql`deriv(${shop.sel('queue_depth', { queue: 'orders' })}[10m]) > 1`,",
    to: "expr: promql`rate(${shop.sel('queue_depth', { queue: 'orders' })}[10m]) > 1`, // ERROR",
    at: 'rate(', message: /^rate\(\) on queue_depth, which is a gauge/, hint: /use deriv\(\) or delta\(\)/,
  },
  {
    name: 'a value outside a closed set', checkId: 'registry/label-value', file: 'recording/shop.ts',
    from: `expr: 'sum by (job, method) (rate(http_requests_total[5m]))' }),`,
    to: `expr: 'sum by (job, method) (rate(http_requests_total{method="GTE"}[5m]))' }), // ERROR`,
    at: '"GTE"', message: /matches none of method's values/, hint: /did you mean "GET"\?/,
  },
  {
    name: 'a by label the metric does not have', checkId: 'promql/grouping-labels', file: 'recording/shop.ts',
    from: `expr: 'sum by (job, method) (rate(http_requests_total[5m]))' }),`,
    to: `expr: 'sum by (job, methd) (rate(http_requests_total[5m]))' }), // ERROR`,
    at: 'by (job, methd)', message: /sum by \(job, methd\): the input never has a "methd" label/, hint: /did you mean "method"\?/,
  },
  {
    name: 'le aggregated away before histogram_quantile', checkId: 'promql/histogram-quantile', file: 'alerts/shop.ts',
    from: `expr: 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))) > 2',`,
    to: `expr: 'histogram_quantile(0.99, sum by (job) (rate(http_request_duration_seconds_bucket[5m]))) > 2', // ERROR`,
    at: 'by (job)', message: /needs the le label, but sum by \(job\) aggregates it away/, hint: /keep le: sum by \(job, le\)/,
  },
  {
    name: 'an annotation using a label the expression drops', checkId: 'alerts/template-labels', file: 'alerts/shop.ts',
    from: `annotations: { summary: '{{ $labels.job }} serves errors' },`,
    to: `annotations: { summary: '{{ $labels.instance }} serves errors' }, // ERROR`,
    message: /uses \$labels.instance, but the expression's result never has a "instance" label/, hint: /keep instance, e\.g\. sum by \(job, instance\)/,
  },
  {
    name: 'a rate window shorter than 2 scrape intervals', checkId: 'registry/range-window', file: 'recording/shop.ts',
    from: `expr: 'sum by (job, method) (rate(http_requests_total[5m]))' }),`,
    to: `expr: 'sum by (job, method) (rate(http_requests_total[20s]))' }), // ERROR`,
    at: '20s', message: /rate\(\) over 20s of http_requests_total, which its job is scraped every 15s: fewer than 2 samples/, hint: /at least 1m/,
  },
  {
    name: 'a registry module that throws', checkId: 'collect/module-error', file: 'registry/legacy.ts',
    from: `    legacy_jobs_waiting: gauge({ help: 'Jobs waiting in the legacy queue.' }),`,
    to: `    legacy_jobs_waiting: gauge({ help: 'Jobs waiting in the legacy queue.' }),\n    broken: (() => { throw new Error('no such exporter'); })(), // ERROR`,
    message: /registry\/legacy.ts failed to load: no such exporter/,
  },
];

describe('registry errors fail the build with one located error and a suggestion', () => {
  let fixture: FixtureProject | undefined;
  afterEach(() => {
    fixture?.cleanup();
    fixture = undefined;
  });

  for (const c of CASES) it(`${c.name} → ${c.checkId}`, async () => {
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    const valid = await p.run(['build']);
    expect(valid.code, valid.stderr).toBe(0);
    expect(parseDiagnostics(valid.stderr), 'the valid project has no findings').toEqual([]);
    const before = p.snapshot();

    p.relocate();
    p.replace(c.file, c.from, c.to);
    const line = p.lineOf(c.file);
    const lineText = p.read(c.file).split('\n')[line - 1] ?? '';
    const r = await p.run(['build']);
    const errors = parseDiagnostics(r.stderr).filter((d) => d.severity === 'error');
    expect(r.code, r.stderr).toBe(1);
    expect(errors, r.stderr).toHaveLength(1);
    const [d] = errors;
    expect({ checkId: d?.checkId, file: d?.file, line: d?.line }, r.stderr).toEqual({ checkId: c.checkId, file: c.file, line });
    if (c.at !== undefined) expect(d?.column, r.stderr).toBe(lineText.indexOf(c.at) + 1);
    expect(d?.message).toMatch(c.message);
    if (c.hint) expect(d?.message).toMatch(new RegExp(`hint: .*${c.hint.source}`));
    expect([...p.snapshot().keys()]).toEqual([...before.keys()]);
  });

  it('a per-file suppression with a reason silences a check for the whole file and is listed', async () => {
    const p = (fixture = createFixtureProject({ config: CONFIG, files: BASE }));
    p.replace('alerts/shop.ts', `expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1',`, `expr: 'sum by (job) (rate(http_request_total{code=~"5.."}[5m])) > 1',`);
    p.replace('alerts/shop.ts', `import { alert, promql, ruleGroup } from '../dsl/index.ts';`,
      `import { alert, fileSuppressions, promql, ruleGroup } from '../dsl/index.ts';\n\nexport const suppress = fileSuppressions([{ check: 'registry/unknown-metric', reason: 'exported by the legacy shop until Q3' }]);`);
    const r = await p.run(['build']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/suppressed registry\/unknown-metric at alerts\/shop.ts:\d+: exported by the legacy shop until Q3/);
  });

  it("registry.unknownMetric: 'error' makes metrics without a registry errors", async () => {
    const p = (fixture = createFixtureProject({
      config: `import { defineConfig } from './dsl/index.ts';\n\nexport default defineConfig({ prometheus: { version: '2.42' }, registry: { unknownMetric: 'error' } });\n`,
      files: { ...BASE, 'alerts/other.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\n\nexport const other = ruleGroup({ name: 'other', rules: [alert({ name: 'Other', expr: 'other_exporter_up == 0' })] });\n` },
    }));
    const r = await p.run(['build']);
    expect(r.code).toBe(1);
    expect(parseDiagnostics(r.stderr).map((d) => `${d.severity} ${d.checkId} ${d.file}:${d.line}`)).toEqual(['error registry/unknown-metric alerts/other.ts:3']);
  });
});
