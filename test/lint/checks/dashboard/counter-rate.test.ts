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
    })], [
      { messageId: 'counter', message: 'query A: counter http_requests_total', line: 21, column: 56, endColumn: 75, text: 'http_requests_total' },
      { messageId: 'counter', message: 'query B: counter x_count', line: 21, column: 80, endColumn: 87, text: 'x_count' },
      { messageId: 'counter', message: 'query B: counter x_sum', line: 21, column: 90, endColumn: 95, text: 'x_sum' },
      { messageId: 'counter', message: 'query C: counter y_total', line: 21, column: 113, endColumn: 120, text: 'y_total' },
    ]);
  });
  it('goes by the registry\'s type where a registry knows the series, by the name elsewhere', () => {
    const postgres = registry({ name: 'pg', metrics: {
      pg_stat_activity_count: gauge({ labels: ['datname', 'state'] }),
      jobs_processed: counter({ labels: ['queue'] }),
    } });
    const board = dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['sum(pg_stat_activity_count)', 'sum(jobs_processed)', 'sum(other_total)'] })] });
    expectMessages(check, lintDashboards(check, [board], '2.42', [postgres]), [
      { messageId: 'counter', message: 'query B: counter jobs_processed', line: 34, column: 123, endColumn: 137, text: 'jobs_processed' },
      { messageId: 'counter', message: 'query C: counter other_total', line: 34, column: 146, endColumn: 157, text: 'other_total' },
    ]);
    // Without the registry the name decides: _count is taken for a histogram's count.
    expectMessages(check, lintDashboards(check, [board]), [
      { messageId: 'counter', message: 'query A: counter pg_stat_activity_count', line: 34, column: 92, endColumn: 114, text: 'pg_stat_activity_count' },
      { messageId: 'counter', message: 'query C: counter other_total', line: 34, column: 146, endColumn: 157, text: 'other_total' },
    ]);
  });
});
