/** The helpers produce dashboards that pass every dashboard check (no error, no warning). */
import { describe, expect, it } from 'vitest';
import { dashboard, redPanels, redRow, standardVariables, usePanels, useRow } from '../../dsl/index.ts';
import { DASHBOARD_CHECKS } from '../../dsl/lint/checks/dashboard/index.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import regexEquality from '../../dsl/lint/checks/promql/regex-equality.ts';
import { dashboardProject, expectValid } from './lint-dashboards.ts';

const lintAll = (...ds: Parameters<typeof dashboardProject>[0][]) =>
  ds.flatMap((d) => runChecks(dashboardProject(d), DASHBOARD_CHECKS, { target: mustParseTarget('2.42'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] } }).diagnostics)
    .map((d) => `${d.checkId}: ${d.message}`);

describe('dashboard helpers', () => {
  it('standardVariables chains datasource, tenant, job and instance', () => {
    const vars = standardVariables({ tenant: { label: 'namespace', multi: true } });
    expect(vars.map((v) => [v.type, v.name])).toEqual([['datasource', 'datasource'], ['query', 'namespace'], ['query', 'job'], ['query', 'instance']]);
    expect(vars[2]).toMatchObject({ query: { label: 'job', selector: 'up{namespace=~"$namespace"}' } });
    expect(vars[3]).toMatchObject({ query: { label: 'instance', selector: 'up{job=~"$job", namespace=~"$namespace"}' }, multi: true, includeAll: true });
  });

  it('standardVariables joins its filters to the matchers of a selector given as the metric', () => {
    const vars = standardVariables({ metric: 'up{job=~"shop-.+"}', tenant: { label: 'namespace' } });
    expect(vars.slice(1).map((v) => (v.type === 'query' && typeof v.query !== 'string' ? { label: v.query.label, selector: v.query.selector } : undefined))).toEqual([
      { label: 'namespace', selector: 'up{job=~"shop-.+"}' },
      { label: 'job', selector: 'up{job=~"shop-.+", namespace=~"$namespace"}' },
      { label: 'instance', selector: 'up{job=~"shop-.+", job=~"$job", namespace=~"$namespace"}' },
    ]);
    expect(lintAll([dashboard({ title: 'shop', variables: standardVariables({ metric: 'up{job=~"shop-.+"}' }), rows: [redRow({ service: 'api', requests: 'http_requests_total', duration: 'http_request_duration_seconds', errors: { code: '5..' } })] })])).toEqual([]);
  });

  it('helpers match a plain value with =, a pattern or a variable with =~, and pass regex-equality', () => {
    const [cpu] = usePanels({ selector: { job: 'node-exporter', instance: '$node', device: 'sd.+', host: 'db\\.1' } });
    expect(cpu?.queries[0]?.expr).toContain('device=~"sd.+", host="db.1", instance=~"$node", job="node-exporter"');
    expectValid(regexEquality, [dashboard({ title: 'node', variables: standardVariables({ metric: 'node_uname_info' }), rows: [useRow({ selector: { job: 'node-exporter' } })] })]);
  });

  it('standardVariables passes a default and a regex through to the job and instance variables', () => {
    const [, job, instance] = standardVariables({ job: { default: 'shop-api', regex: '/^shop-.*/' }, instance: { default: ['a:1', 'b:1'] } });
    expect([job, instance].map((v) => (v?.type === 'query' ? [v.default, v.regex] : undefined))).toEqual([['shop-api', '/^shop-.*/'], [['a:1', 'b:1'], undefined]]);
  });

  it('RED and USE panels pass every dashboard check', () => {
    expect(lintAll(
      [dashboard({ title: 'svc', variables: standardVariables(), rows: [redRow({ service: 'api', requests: 'http_requests_total', duration: 'http_request_duration_seconds', errors: { code: '5..' }, by: 'route' })] })],
      [dashboard({ title: 'node', variables: standardVariables({ metric: 'node_uname_info' }), rows: [useRow()] })],
    )).toEqual([]);
  });

  it('RED builds rate, error ratio and duration quantiles from a counter and a histogram', () => {
    const [rate, errors, duration] = redPanels({ service: 'api', requests: 'reqs_total', duration: 'lat_seconds', errors: { status: '5..' }, quantiles: [0.5, 0.99] });
    expect(rate?.queries[0]?.expr).toBe('sum(rate(reqs_total{instance=~"$instance", job=~"$job"}[$__rate_interval]))');
    expect(errors?.queries[0]?.expr).toContain('status=~"5.."');
    expect(duration?.queries.map((q) => q.kind === 'prometheus-query' && q.legend)).toEqual(['p50', 'p99']);
    expect(duration?.queries[1]?.expr).toBe('histogram_quantile(0.99, sum by (le) (rate(lat_seconds_bucket{instance=~"$instance", job=~"$job"}[$__rate_interval])))');
  });

  it('USE covers CPU, memory, disk and network', () => {
    expect(usePanels().map((p) => p.title)).toEqual([
      'CPU utilisation', 'CPU saturation', 'Memory utilisation', 'Memory saturation', 'Disk utilisation', 'Disk saturation', 'Disk space used', 'Network utilisation', 'Network errors',
    ]);
  });
});
