import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/rate-interval.ts';
import { dashboard, intervalVariable, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/rate-interval', () => {
  it('accepts $__rate_interval, $__range and dashboard variables', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: [intervalVariable({ name: 'w', values: ['5m'] })],
      panels: [timeseries({ title: 'p', queries: ['rate(a_total[$__rate_interval])', 'increase(a_total[$__range])', 'irate(a_total[${w}])', 'avg_over_time(g[5m])'] })],
    })]);
  });
  it('warns about fixed ranges and $__interval, at the range', () => {
    const ds = expectInvalid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['rate(a_total[5m])', 'increase(a_total[$__interval])'] })] })],
      [
        { messageId: 'rateInterval', message: 'panel "p", query A: rate() over [5m]; use [$__rate_interval]', line: 14, column: 120, endColumn: 122, text: '5m' },
        { messageId: 'rateInterval', message: 'panel "p", query B: increase() over [$__interval]; use [$__rate_interval]', line: 14, column: 145, endColumn: 156, text: '$__interval' },
      ]);
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
  });
  it('honours suppressions on the panel', () => {
    expectValid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['rate(a_total[5m])'], suppress: [{ check: 'dashboard/rate-interval', reason: 'fixed window on purpose' }] })] })]);
  });
});
