import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/rate-on-non-counter.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/rate-on-non-counter', () => {
  it('accepts counters, histogram buckets/sums/counts, summary sums, recorded counters and unknown metrics', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:sum', expr: 'sum by (job) (http_requests_total)' }),
      alert({ name: 'A', expr: 'rate(http_requests_total[5m]) > 1 or increase(http_request_duration_seconds_count[1h]) > 1' }),
      alert({ name: 'B', expr: 'rate(http_request_duration_seconds_bucket[5m]) > 1 or irate(rpc_latency_seconds_sum[5m]) > 1' }),
      alert({ name: 'C', expr: 'rate(job:http_requests:sum[5m]) > 1 or rate(unregistered[5m]) > 1 or resets(http_requests_total[1h]) > 3' }),
    ] })] });
  });

  it('reports rate() and friends on gauges, info metrics, summary quantiles and recorded gauges', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'rate(queue_depth[5m]) > 1' }),
      alert({ name: 'B', expr: 'increase(build_info[1h]) > 0' }),
      alert({ name: 'C', expr: 'irate(rpc_latency_seconds[5m]) > 0' }),
      alert({ name: 'D', expr: 'rate(job:http_requests:rate5m[5m]) > 0' }),
    ] })] }, [
      { messageId: 'notCounter', message: 'rate() on queue_depth, which is a gauge', line: 20, column: 33, endColumn: 37, text: 'rate' },
      { messageId: 'notCounter', message: 'increase() on build_info, which is a info', line: 21, column: 33, endColumn: 41, text: 'increase' },
      { messageId: 'notCounter', message: 'irate() on rpc_latency_seconds, which is a summary\'s quantile series', line: 22, column: 33, endColumn: 38, text: 'irate' },
      { messageId: 'notCounter', message: 'rate() on job:http_requests:rate5m, which is recorded by a rule as a gauge', line: 23, column: 33, endColumn: 37, text: 'rate' },
    ]);
  });

  it('a recording rule whose expression does not parse neither defines its name nor hides the registry entry', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'queue_depth', expr: 'sum(' }),
      alert({ name: 'A', expr: 'rate(queue_depth[5m]) > 1' }),
    ] })] }, [
      { messageId: 'notCounter', message: 'rate() on queue_depth, which is a gauge', line: 35, column: 33, endColumn: 37, text: 'rate' },
    ]);
  });
});
