import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/job-instance-variables.ts';
import { dashboard, standardVariables, text, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/job-instance-variables', () => {
  it('accepts dashboards with job and instance variables, and dashboards without PromQL', () => {
    expectValid(check, [dashboard({ title: 'a', variables: standardVariables(), panels: [timeseries({ title: 'p', queries: ['up'] })] }), dashboard({ title: 'b', panels: [text({ title: 't', content: 'x' })] })]);
  });
  it('warns about missing job and instance variables', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['up'] })] })], [
      { messageId: 'missing', message: 'dashboard "d" has no instance variable', line: 11, column: 27, text: 'dashboard' },
      { messageId: 'missing', message: 'dashboard "d" has no job variable', line: 11, column: 27, text: 'dashboard' },
    ]);
  });
  it('can be suppressed on an overview dashboard', () => {
    expectValid(check, [dashboard({ title: 'd', suppress: [{ check: 'dashboard/job-instance-variables', reason: 'fleet overview' }], panels: [timeseries({ title: 'p', queries: ['up'] })] })]);
  });
});
