import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/editable.ts';
import { dashboard } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/editable', () => {
  it('accepts the read-only default and editable: false', () => {
    expectValid(check, [dashboard({ title: 'a' }), dashboard({ title: 'b', editable: false })]);
  });
  it('warns about editable: true', () => {
    expectInvalid(check, [dashboard({ title: 'a', editable: true })], [
      { messageId: 'editable', message: 'dashboard "a" is editable', line: 11, column: 27, text: 'dashboard' },
    ]);
  });
});
