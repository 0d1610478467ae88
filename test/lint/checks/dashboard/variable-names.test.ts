import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/variable-names.ts';
import { constantVariable, dashboard, textboxVariable } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/variable-names', () => {
  it('accepts distinct, usable names', () => {
    expectValid(check, [dashboard({ title: 'd', variables: [constantVariable({ name: 'a_1', value: 'x' }), textboxVariable({ name: 'B' })] })]);
  });
  it('rejects a name defined twice', () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [constantVariable({ name: 'a', value: 'x' }), textboxVariable({ name: 'a' })] })], [
      { messageId: 'duplicate', message: 'variable "a" is defined twice', line: 11, column: 108, text: 'textboxVariable' },
    ]);
  });
  it('rejects names that cannot be written as $name, and reserved __ names', () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [textboxVariable({ name: 'my-var' }), textboxVariable({ name: '1st' }), textboxVariable({ name: '__interval' })] })],
      [
        { messageId: 'invalid', message: 'variable "my-var"', line: 16, column: 63, text: 'textboxVariable' },
        { messageId: 'invalid', message: 'variable "1st"', line: 16, column: 100, text: 'textboxVariable' },
        { messageId: 'invalid', message: 'variable "__interval"', line: 16, column: 134, text: 'textboxVariable' },
      ]);
  });
});
