import { describe, expect, it } from 'vitest';
import check, { leSpellings } from '../../../../dsl/lint/checks/registry/histogram-bucket.ts';
import { alert, histogram, record, registry, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

const api = registry({ name: 'api', metrics: {
  http_request_duration_seconds: histogram({ labels: ['route'], buckets: [0.1, 0.5, 1, 2.048] }),
  rpc_duration_seconds: histogram({ labels: ['method'] }),
} });

describe('registry/histogram-bucket', () => {
  it('accepts declared bounds in either client\'s spelling, +Inf, matching patterns, and histograms without declared buckets', () => {
    expectValid(check, { registries: [api], modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:fast:rate5m', expr: 'sum by (job) (rate(http_request_duration_seconds_bucket{le="0.5"}[5m]))' }),
      alert({ name: 'A', expr: 'rate(http_request_duration_seconds_bucket{le="1"}[5m]) / rate(http_request_duration_seconds_bucket{le="+Inf"}[5m]) < 0.9' }),
      alert({ name: 'B', expr: 'rate(http_request_duration_seconds_bucket{le="1.0"}[5m]) > 0 or rate(http_request_duration_seconds_bucket{le=~"1(\\\\.0)?"}[5m]) > 0' }),
      alert({ name: 'C', expr: 'rate(rpc_duration_seconds_bucket{le="2"}[5m]) > 0' }),
    ] })] });
  });

  it('reports an le no bucket has, with the nearest bounds', () => {
    const ds = expectInvalid(check, { registries: [api], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_request_duration_seconds_bucket{le="2"}[5m]) > 0' }),
      alert({ name: 'B', expr: 'rate(http_request_duration_seconds_bucket{le=~"0\\\\.25|0\\\\.3"}[5m]) > 0' }),
    ] })] }, [
      { messageId: 'noBucket', message: 'http_request_duration_seconds_bucket{le="2"} matches no bucket of http_request_duration_seconds', line: 23, column: 78, endColumn: 81, text: '"2"' },
      { messageId: 'noBucket', message: 'http_request_duration_seconds_bucket{le=~"0\\\\.25|0\\\\.3"} matches no bucket', line: 24, column: 79, endColumn: 97, text: '"0\\\\\\\\.25|0\\\\\\\\.3"' },
    ]);
    expect(ds[0]?.hint).toBe('its bounds are 0.1, 0.5, 1, 2.048, +Inf; the nearest are 1 and 2.048');
  });
  it('compares le as the string clients write, so other spellings of a bound are reported', () => {
    expect([0.005, 1, 10, 1e6, 1.5e6, 0.0001, 0.00001].map(leSpellings)).toEqual([['0.005'], ['1', '1.0'], ['10', '10.0'], ['1e+06'], ['1.5e+06'], ['0.0001'], ['1e-05']]);
    const bytes = registry({ name: 'b', metrics: { size_bytes: histogram({ buckets: [0.001, 0.1, 1, 1e6] }) } });
    expectValid(check, { registries: [bytes], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(size_bytes_bucket{le="1e+06"}[5m]) > 0 or rate(size_bytes_bucket{le="0.001"}[5m]) > 0' }),
      alert({ name: 'B', expr: 'rate(size_bytes_bucket{le=~"(?i)1(\\.0)?"}[5m]) > 0' }),
    ] })] });
    expectInvalid(check, { registries: [bytes], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(size_bytes_bucket{le="1e-3"}[5m]) > 0' }),
      alert({ name: 'B', expr: 'rate(size_bytes_bucket{le="0.10"}[5m]) > 0' }),
      alert({ name: 'C', expr: 'rate(size_bytes_bucket{le="1000000"}[5m]) > 0' }),
    ] })] }, [
      { messageId: 'noBucket', message: '{le="1e-3"}', line: 39, column: 59, endColumn: 65, text: '"1e-3"' },
      { messageId: 'noBucket', message: '{le="0.10"}', line: 40, column: 59, endColumn: 65, text: '"0.10"' },
      { messageId: 'noBucket', message: '{le="1000000"}', line: 41, column: 59, endColumn: 68, text: '"1000000"' },
    ]);
  });

  it('takes +Inf in declared buckets for the last bucket it always is, and no finite bound for none', () => {
    const py = registry({ name: 'py', metrics: {
      a_seconds: histogram({ buckets: [0.5, 10, Infinity] }),
      b_seconds: histogram({ buckets: [Infinity] }),
    } });
    expect(py.metrics.a_seconds.buckets).toEqual([0.5, 10]);
    expect(py.metrics.b_seconds.buckets).toBeUndefined();
  });
});

