import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/job-instance-matchers.ts';
import { dashboard, standardVariables, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

const vars = standardVariables();

describe('dashboard/job-instance-matchers', () => {
  it('accepts selectors filtered by both variables, in any syntax', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: vars,
      panels: [timeseries({ title: 'p', queries: ['sum(rate(x_total{job=~"$job", instance=~"${instance:regex}"}[$__rate_interval])) / sum(up{job="$job",instance=~"[[instance]]"})'] })],
    })]);
  });
  it('warns about a selector that ignores a variable (once per query)', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: vars,
      panels: [
        timeseries({ title: 'a', queries: ['sum(rate(x_total{job=~"$job"}[$__rate_interval]))'] }),
        timeseries({ title: 'b', queries: ['up{job="api", instance=~"$instance"} / up'] }),
      ],
    })], [
      { messageId: 'unfiltered', message: 'panel "a", query A: x_total is not filtered by instance=~"$instance"', line: 19, column: 54, endColumn: 92, text: 'x_total{job=~"$job"}[$__rate_interval]' },
      { messageId: 'unfiltered', message: 'panel "b", query A: up is not filtered by job=~"$job"', line: 20, column: 45, endColumn: 81, text: 'up{job="api", instance=~"$instance"}' },
    ]);
  });
  it('requires only the variables the dashboard has', () => {
    expectValid(check, [dashboard({ title: 'd', variables: standardVariables({ instance: false }), panels: [timeseries({ title: 'p', queries: ['up{job=~"$job"}'] })] })]);
  });
});
