import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/unknown-label.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lint } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/unknown-label', () => {
  it('accepts the metric\'s labels, target labels, le on buckets, quantile on summaries and recorded labels', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'sum by (job, code) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'rate(http_requests_total{code=~"5..", job="api", instance!="x"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'http_request_duration_seconds_bucket{le="0.5"} > 1 or rpc_latency_seconds{quantile="0.99"} > 1' }),
      alert({ name: 'C', expr: 'job:http_requests:rate5m{code="500"} > 1' }),
      alert({ name: 'D', expr: 'unregistered_metric{anything="x"} > 1' }),
    ] })] });
  });

  it('reports labels the metric does not have, with suggestions', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'rate(http_requests_total{cod="500"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'http_request_duration_seconds_sum{le="0.5"} > 1' }),
      alert({ name: 'C', expr: 'job:http_requests:rate5m{code="500"} > 1' }),
      alert({ name: 'D', expr: 'queue_depth{team!="x"} > 1' }),
      alert({ name: 'E', expr: 'queue_depth{namespace="shop"} > 1' }),
    ] })] }, [
      { messageId: 'matchesNothing', message: 'http_requests_total has no label "cod", so this selector matches nothing', line: 21, column: 58, endColumn: 61, text: 'cod' },
      { messageId: 'matchesNothing', message: 'http_request_duration_seconds_sum has no label "le"', line: 22, column: 67, endColumn: 69, text: 'le' },
      { messageId: 'matchesNothing', message: 'job:http_requests:rate5m has no label "code"', line: 23, column: 58, endColumn: 62, text: 'code' },
      { messageId: 'filtersNothing', message: 'queue_depth has no label "team", so this matcher filters nothing', line: 24, column: 45, endColumn: 49, text: 'team' },
      { messageId: 'matchesNothing', message: 'queue_depth has no label "namespace", so this selector matches nothing', line: 25, column: 45, endColumn: 54, text: 'namespace' },
    ]);
    expect(ds.find((d) => d.message.includes('"cod"'))?.hint).toBe('did you mean "code"?');
    expect(ds.find((d) => d.message.includes('"team"'))?.severity).toBe('warning');
    // No near miss: maybe a target label the deployment adds (a warning, with how to declare it).
    const ns = ds.find((d) => d.message.includes('"namespace"'));
    expect([ns?.severity, ns?.hint]).toEqual(['warning', "its labels are instance, job, queue; if your scrape config adds it as a target label, list it in the registry's targetLabels"]);
    expect(ds.filter((d) => d.severity === 'error').map((d) => d.message.split(' ')[0])).toEqual(['http_requests_total', 'http_request_duration_seconds_sum', 'job:http_requests:rate5m']);
  });

  it('accepts the labels relabelling adds, per job, and still reports typos and recorded series', () => {
    const ds = lint(check, { registries: REGISTRIES, relabelledLabels: { '*': ['namespace', 'pod'], shop: ['cluster'] }, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'queue_depth{namespace="shop", pod=~"worker-.*"} > 1' }),
      alert({ name: 'B', expr: 'queue_depth{job="shop", cluster="eu"} > 1' }),
      alert({ name: 'C', expr: 'queue_depth{job="other", cluster="eu"} > 1' }),
      alert({ name: 'D', expr: 'job:http_requests:rate5m{namespace="shop"} > 1' }),
    ] })] });
    expect(ds.map((d) => d.message.split(' (in ')[0])).toEqual([
      'queue_depth has no label "cluster", so this selector matches nothing',
      'job:http_requests:rate5m has no label "namespace", so this selector matches nothing',
    ]);
    expect(ds[0]?.subject).toBe('alert "C"');
  });

  it('reads relabelled labels of jobs that name properties of every JS object (`constructor`, `toString`) as of any job (was an internal error, exit 70)', () => {
    const ds = lint(check, { registries: REGISTRIES, relabelledLabels: { '*': ['namespace'], shop: ['cluster'] }, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'queue_depth{job="constructor", namespace="shop", cluster="eu"} > 1' }),
      alert({ name: 'B', expr: 'queue_depth{job="toString", namespace="shop"} > 1' }),
    ] })] });
    expect(ds.map((d) => d.message.split(' (in ')[0])).toEqual(['queue_depth has no label "cluster", so this selector matches nothing']);
    expect(ds[0]?.subject).toBe('alert "A"');
  });
});
