import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/variable-refresh.ts';
import { dashboard, labelValues, queryVariable } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/variable-refresh', () => {
  it('accepts the default (reload on time range change)', () => {
    expectValid(check, [dashboard({ title: 'd', variables: [queryVariable({ name: 'job', query: labelValues('job') }), queryVariable({ name: 'i', query: labelValues('instance'), refresh: 'time' })] })]);
  });
  it("warns about refresh: 'load'", () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [queryVariable({ name: 'job', query: labelValues('job'), refresh: 'load' })] })], [
      { messageId: 'onLoad', message: 'variable "job" of dashboard "d" reloads its values only when the dashboard loads', line: 11, column: 63, text: 'queryVariable' },
    ]);
  });
});
