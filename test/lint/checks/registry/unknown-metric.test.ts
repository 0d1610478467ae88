import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/unknown-metric.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lint } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/unknown-metric', () => {
  it('accepts registered series (with implied histogram series), recorded series and ALERTS', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'job:http_requests:rate5m > 1 and on() histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'B', expr: 'rpc_latency_seconds{quantile="0.99"} > 1 or rate(rpc_latency_seconds_count[5m]) > 1 or ALERTS{alertstate="firing"}' }),
      alert({ name: 'C', expr: '{__name__="queue_depth"} > 100' }),
    ] })] });
  });

  it('stays silent without a registry', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [alert({ name: 'A', expr: 'nonexistent_total > 1' })] })] });
  });

  it('reports a misspelt metric as an error with suggestions, an unrelated one as a warning', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_request_total[5m]) > 1' }),
      alert({ name: 'B', expr: 'some_other_exporter_metric > 1' }),
      alert({ name: 'C', expr: 'histogram_quantile(0.9, rate(http_request_duration_seconds_buckets[5m])) > 1' }),
    ] })] }, ['unknown metric "http_request_total"', 'unknown metric "some_other_exporter_metric"', 'unknown metric "http_request_duration_seconds_buckets"']);
    const byMetric = Object.fromEntries(ds.map((d) => [d.message.split('"')[1], d]));
    expect(byMetric.http_request_total?.severity).toBe('error');
    expect(byMetric.http_request_total?.hint).toBe('did you mean "http_requests_total"?');
    expect(byMetric.http_request_duration_seconds_buckets?.hint).toContain('"http_request_duration_seconds_bucket"');
    expect(byMetric.some_other_exporter_metric?.severity).toBe('warning');
  });

  it("with registry.unknownMetric 'error', every unknown metric is an error, even without registries", () => {
    const ds = lint(check, { unknownMetric: 'error', modules: [ruleGroup({ name: 'g', rules: [alert({ name: 'A', expr: 'some_metric > 1' })] })] });
    expect(ds.map((d) => [d.severity, d.message])).toEqual([['error', 'unknown metric "some_metric" (in alert "A")']]);
  });
});

describe('registry/unknown-metric: what counts as a typo', () => {
  it('is a near miss in the same namespace, or a one-edit namespace with the same rest', async () => {
    const { isTypoOf } = await import('../../../../dsl/lint/checks/registry/unknown-metric.ts');
    expect(isTypoOf('http_request_total', 'http_requests_total')).toBe(true);
    expect(isTypoOf('nod_load1', 'node_load1')).toBe(true);
    expect(isTypoOf('pve_up', 'pg_up')).toBe(false);
    expect(isTypoOf('zfs_scrape_collector_success', 'pg_scrape_collector_success')).toBe(false);
  });

  it('a series only a broken recording rule records is unknown', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:broken:sum', expr: 'sum(' }),
      alert({ name: 'A', expr: 'job:broken:sum > 1' }),
    ] })] }, ['job:broken:sum']);
  });
});
