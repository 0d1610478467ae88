import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/histogram-quantile.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { histogram, registry } from '../../../../dsl/registry/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

const native = registry({ name: 'native', metrics: { rpc_duration_seconds: histogram({ labels: ['method'], native: true }) } });

describe('promql/histogram-quantile', () => {
  it('accepts _bucket series with le kept, recorded buckets, native histograms and unknown inputs', () => {
    expectValid(check, { registries: [...REGISTRIES, native], modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job_le:latency_bucket:rate5m', expr: 'sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))' }),
      alert({ name: 'A', expr: 'histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'B', expr: 'histogram_quantile(0.9, sum without (instance) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'C', expr: 'histogram_quantile(0.9, job_le:latency_bucket:rate5m) > 1' }),
      alert({ name: 'D', expr: 'histogram_quantile(0.9, sum by (job) (rate(rpc_duration_seconds[5m]))) > 1' }),
      alert({ name: 'E', expr: 'histogram_quantile(0.9, sum by (job) (rate(some_native_histogram[5m]))) > 1' }),
    ] })] });
  });

  it('reports le aggregated away (also without a registry) and non-bucket inputs', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'B', expr: 'histogram_quantile(0.9, sum(rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'C', expr: 'histogram_quantile(0.9, sum without (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }),
      alert({ name: 'D', expr: 'histogram_quantile(0.9, rate(http_request_duration_seconds_count[5m])) > 1' }),
    ] })] }, [
      { messageId: 'aggregatedAway', message: 'histogram_quantile() needs the le label, but sum by (job) aggregates it away', line: 24, column: 61, endColumn: 69, text: 'by (job)' },
      { messageId: 'aggregatedAway', message: 'histogram_quantile() needs the le label, but sum aggregates it away', line: 25, column: 57, endColumn: 60, text: 'sum' },
      { messageId: 'aggregatedAway', message: 'histogram_quantile() needs the le label, but sum without (le) aggregates it away', line: 26, column: 61, endColumn: 73, text: 'without (le)' },
      { messageId: 'notBuckets', message: 'histogram_quantile() over http_request_duration_seconds_count, which is not a histogram\'s _bucket series', line: 27, column: 62, endColumn: 97, text: 'http_request_duration_seconds_count' },
    ]);
    expect(ds.find((d) => d.message.includes('by (job)'))?.hint).toBe('keep le: sum by (job, le) (...)');
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m]))) > 1' }),
    ] })] }, [
      { messageId: 'aggregatedAway', message: 'sum by (job) aggregates it away', line: 36, column: 61, endColumn: 69, text: 'by (job)' },
    ]);
  });
});
