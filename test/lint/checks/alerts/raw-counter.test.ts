import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alerts/raw-counter.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('alerts/raw-counter', () => {
  it('accepts rates of counters, gauges, counters compared with counters, and recording rules', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total[5m]) > 1 or increase(http_requests_total[1h]) > 100' }),
      alert({ name: 'B', expr: 'queue_depth > 100 or count(http_requests_total) > 10' }),
      alert({ name: 'C', expr: 'http_requests_total < http_requests_total offset 1h' }),
      record({ name: 'x', expr: 'http_requests_total > 10' }),
    ] })] });
  });

  it('reports counters compared raw, also through sum() and recorded counters', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:sum', expr: 'sum by (job) (http_requests_total)' }),
      alert({ name: 'A', expr: 'http_requests_total{code="500"} > 10' }),
      alert({ name: 'B', expr: 'sum by (job) (http_request_duration_seconds_count) > 1000' }),
      alert({ name: 'C', expr: '100 < job:http_requests:sum' }),
    ] })] }, [
      { messageId: 'rawCounter', message: 'alert "A" compares the raw value of http_requests_total', line: 20, column: 33, endColumn: 64, text: 'http_requests_total{code="500"}' },
      { messageId: 'rawCounter', message: 'alert "B" compares the raw value of sum(...) of a counter', line: 21, column: 33, endColumn: 83, text: 'sum by (job) (http_request_duration_seconds_count)' },
      { messageId: 'rawCounter', message: 'alert "C" compares the raw value of job:http_requests:sum', line: 22, column: 39, endColumn: 60, text: 'job:http_requests:sum' },
    ]);
  });
});
