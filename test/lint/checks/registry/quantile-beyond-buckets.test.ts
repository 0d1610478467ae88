import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/quantile-beyond-buckets.ts';
import { alert, histogram, record, registry, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

// prometheus_client's default buckets: the highest finite bound is 10.
const app = registry({ name: 'app', metrics: {
  request_duration_seconds: histogram({ buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] }),
  rpc_duration_seconds: histogram(),
} });
const p95 = 'histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))';

describe('registry/quantile-beyond-buckets', () => {
  it('accepts thresholds the quantile can reach, other comparisons, and histograms without declared buckets', () => {
    expectValid(check, { registries: [app], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: `${p95} > 5` }),
      alert({ name: 'B', expr: `${p95} >= 10` }),
      alert({ name: 'C', expr: `${p95} < 30` }),
      alert({ name: 'D', expr: 'histogram_quantile(0.95, sum by (le) (rate(rpc_duration_seconds_bucket[5m]))) > 30' }),
    ] })] });
  });

  it('reports a threshold at or above the top bound, either way round, also through a recorded quantile', () => {
    const ds = expectInvalid(check, { registries: [app], modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:request_duration_seconds:p95_5m', expr: p95 }),
      alert({ name: 'A', expr: `${p95} > 30` }),
      alert({ name: 'B', expr: `(30 < ${p95})` }),
      alert({ name: 'C', expr: `${p95} > 10` }),
      alert({ name: 'D', expr: 'job:request_duration_seconds:p95_5m > 30' }),
    ] })] }, [
      { messageId: 'never', message: 'histogram_quantile of request_duration_seconds > 30 is never true: its highest bucket bound is 10 (in alert "A")', line: 26, column: 40, endColumn: 41, text: '>' },
      { messageId: 'never', message: 'histogram_quantile of request_duration_seconds > 30 is never true: its highest bucket bound is 10 (in alert "B")', line: 27, column: 37, endColumn: 38, text: '<' },
      { messageId: 'never', message: 'histogram_quantile of request_duration_seconds > 10 is never true: its highest bucket bound is 10 (in alert "C")', line: 28, column: 40, endColumn: 41, text: '>' },
      { messageId: 'never', message: 'histogram_quantile of request_duration_seconds > 30 is never true: its highest bucket bound is 10 (in alert "D")', line: 29, column: 69, endColumn: 70, text: '>' },
    ]);
    expect(ds[0]?.hint).toBe('add buckets above 30 to request_duration_seconds in the application (and the registry), or compare with a value below 10');
  });
  it('takes the buckets of the job the selector names', () => {
    const py = registry({ name: 'py', jobs: ['py'], metrics: { h_seconds: histogram({ buckets: [0.5, 10] }) } });
    const go = registry({ name: 'go', jobs: ['go'], metrics: { h_seconds: histogram() } });
    expectInvalid(check, { registries: [py, go], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'histogram_quantile(0.9, sum by (le) (rate(h_seconds_bucket{job="py"}[5m]))) > 30' }),
      alert({ name: 'B', expr: 'histogram_quantile(0.9, sum by (le) (rate(h_seconds_bucket{job="go"}[5m]))) > 30' }),
      alert({ name: 'C', expr: 'histogram_quantile(0.9, sum by (le) (rate(h_seconds_bucket[5m]))) > 30' }),
    ] })] }, [
      { messageId: 'never', message: '(in alert "A")', line: 42, column: 109, endColumn: 110, text: '>' },
    ]);
  });
});

