import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/multi-value-matcher.ts';
import { customVariable, dashboard, labelValues, queryVariable, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

const multi = queryVariable({ name: 'job', query: labelValues('job'), multi: true });
const all = customVariable({ name: 'env', values: ['a', 'b'], includeAll: true });
const single = customVariable({ name: 'zone', values: ['a', 'b'] });

describe('dashboard/multi-value-matcher', () => {
  it('accepts =~ for multi-value variables and = for single-value ones', () => {
    expectValid(check, [dashboard({ title: 'd', variables: [multi, all, single], panels: [timeseries({ title: 'p', queries: ['up{job=~"$job", env!~"${env}", zone="$zone"}'] })] })]);
  });
  it('warns about = and != on multi-value and include-all variables', () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [multi, all, single], panels: [timeseries({ title: 'p', queries: ['up{job="$job", env!="$env"}'] })] })],
      [
        { messageId: 'multiValue', message: 'job="...$job..." compares a multi-value variable', line: 15, column: 132, endColumn: 142, text: 'job="$job"' },
        { messageId: 'multiValue', message: 'env!="...$env..."', line: 15, column: 144, endColumn: 155, text: 'env!="$env"' },
      ]);
  });
});
