import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/repeat.ts';
import { customVariable, dashboard, row, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/repeat', () => {
  it('accepts repeating by multi-value or include-all variables', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: [customVariable({ name: 'a', values: ['1'], multi: true }), customVariable({ name: 'b', values: ['1'], includeAll: true })],
      rows: [row({ title: 'r', repeat: 'b', panels: [timeseries({ title: 'p', repeat: { variable: 'a' }, queries: ['up'] })] })],
    })]);
  });
  it('warns about repeating by a single-value variable', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [customVariable({ name: 'a', values: ['1'] })],
      rows: [row({ title: 'r', repeat: 'a', panels: [timeseries({ title: 'p', repeat: { variable: 'a' }, queries: ['up'] })] })],
    })], [
      { messageId: 'singleValue', message: 'row "r" repeats by $a', line: 16, column: 14, text: 'row' },
      { messageId: 'singleValue', message: 'panel "p" repeats by $a, which takes a single value', line: 16, column: 54, text: 'timeseries' },
    ]);
  });
});
