import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/unknown-metric.ts';
import { alert, gauge, record, registry, ruleGroup } from '../../../../dsl/index.ts';
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

  it('reports a misspelt metric as an error with suggestions, an unknown one of a described namespace as a warning', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_request_total[5m]) > 1' }),
      alert({ name: 'B', expr: 'http_unheard_of_seconds > 1' }),
      alert({ name: 'C', expr: 'histogram_quantile(0.9, rate(http_request_duration_seconds_buckets[5m])) > 1' }),
    ] })] }, [
      { messageId: 'unknown', message: 'unknown metric "http_request_total"', line: 23, column: 38, endColumn: 56, text: 'http_request_total' },
      { messageId: 'unknown', message: 'unknown metric "http_unheard_of_seconds"', line: 24, column: 33, endColumn: 56, text: 'http_unheard_of_seconds' },
      { messageId: 'unknown', message: 'unknown metric "http_request_duration_seconds_buckets"', line: 25, column: 62, endColumn: 99, text: 'http_request_duration_seconds_buckets' },
    ]);
    const byMetric = Object.fromEntries(ds.map((d) => [d.message.split('"')[1], d]));
    expect(byMetric.http_request_total?.severity).toBe('error');
    expect(byMetric.http_request_total?.hint).toBe('did you mean "http_requests_total"?');
    expect(byMetric.http_request_duration_seconds_buckets?.hint).toContain('"http_request_duration_seconds_bucket"');
    expect(byMetric.http_unheard_of_seconds?.severity).toBe('warning');
  });

  it('sums up the metrics of a namespace no registry describes in one warning, with the command that describes it', () => {
    const ds = lint(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'haproxy_backend_up == 0' }),
      alert({ name: 'B', expr: 'rate(haproxy_backend_http_responses_total[5m]) > 1 and haproxy_backend_up' }),
      alert({ name: 'C', expr: 'pve_up == 0' }),
    ] })] });
    expect(ds.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'metric(s) of namespace "haproxy_" that no registry describes, used 3 time(s): haproxy_backend_http_responses_total, haproxy_backend_up (first in alert "A")'.replace(/^/, '2 ')],
      ['warning', '1 metric(s) of namespace "pve_" that no registry describes, used 1 time(s): pve_up (first in alert "C")'],
    ]);
    expect(ds[0]?.hint).toContain('obs registry import --name haproxy-exporter --from-metrics http://<exporter>/metrics --incomplete');
  });

  it('a near miss of an incomplete registry (one read off one exporter) is a warning that still suggests', () => {
    const partial = registry({ name: 'node-exporter', complete: false, metrics: { node_memory_Active_bytes: gauge({}) } });
    const ds = lint(check, { registries: [partial], modules: [ruleGroup({ name: 'g', rules: [
      // A real metric of the BSD/macOS meminfo collector, a near miss of the Linux one.
      alert({ name: 'A', expr: 'node_memory_active_bytes > 1e9' }),
    ] })] });
    expect(ds.map((d) => [d.severity, d.message])).toEqual([['warning', 'unknown metric "node_memory_active_bytes" (in alert "A")']]);
    expect(ds[0]?.hint).toMatch(/^did you mean "node_memory_Active_bytes"\? \(its registry is incomplete/);
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
    ] })] }, [
      { messageId: 'namespace', message: 'job:broken:sum', line: 79, column: 33, endColumn: 47, text: 'job:broken:sum' },
    ]);
  });
});
