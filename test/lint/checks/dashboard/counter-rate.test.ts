import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/counter-rate.ts';
import { counter, dashboard, gauge, registry, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lintDashboards } from '../../../dashboard/lint-dashboards.ts';
import { expectMessages } from '../../../helpers/check-tester.ts';

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
  it('goes by the registry\'s type where a registry knows the series, by the name elsewhere', () => {
    const postgres = registry({ name: 'pg', metrics: {
      pg_stat_activity_count: gauge({ labels: ['datname', 'state'] }),
      jobs_processed: counter({ labels: ['queue'] }),
    } });
    const board = dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['sum(pg_stat_activity_count)', 'sum(jobs_processed)', 'sum(other_total)'] })] });
    expectMessages(check, lintDashboards(check, [board], '2.42', [postgres]), ['query B: counter jobs_processed', 'query C: counter other_total']);
    // Without the registry the name decides: _count is taken for a histogram's count.
    expectMessages(check, lintDashboards(check, [board]), ['query A: counter pg_stat_activity_count', 'query C: counter other_total']);
  });
});
