import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/counter-rate.ts';
import { dashboard, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/counter-rate', () => {
  it('accepts counters through rate/increase, counted series and gauges', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'p', queries: [
        'sum(rate(http_requests_total[$__rate_interval]))',
        'histogram_quantile(0.9, sum by (le) (rate(x_bucket[$__rate_interval])))',
        'count(node_cpu_seconds_total{mode="idle"})', 'changes(x_total[1h])', 'up', 'node_memory_MemTotal_bytes',
      ] })],
    })]);
  });
  it('warns about counters aggregated or shown raw', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'p', queries: ['sum(http_requests_total)', 'x_count / x_sum', 'max_over_time(y_total[5m])'] })],
    })], ['query A: counter http_requests_total', 'query B: counter x_count', 'query B: counter x_sum', 'query C: counter y_total']);
  });
});
