import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/variable-names.ts';
import { constantVariable, dashboard, textboxVariable } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/variable-names', () => {
  it('accepts distinct, usable names', () => {
    expectValid(check, [dashboard({ title: 'd', variables: [constantVariable({ name: 'a_1', value: 'x' }), textboxVariable({ name: 'B' })] })]);
  });
  it('rejects a name defined twice', () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [constantVariable({ name: 'a', value: 'x' }), textboxVariable({ name: 'a' })] })], ['variable "a" is defined twice']);
  });
  it('rejects names that cannot be written as $name, and reserved __ names', () => {
    expectInvalid(check, [dashboard({ title: 'd', variables: [textboxVariable({ name: 'my-var' }), textboxVariable({ name: '1st' }), textboxVariable({ name: '__interval' })] })],
      ['variable "my-var"', 'variable "1st"', 'variable "__interval"']);
  });
});
