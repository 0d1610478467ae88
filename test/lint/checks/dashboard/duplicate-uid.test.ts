import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/duplicate-uid.ts';
import { dashboard } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/duplicate-uid', () => {
  it('accepts distinct uids, derived per module and per export', () => {
    expectValid(check, { 'dashboards/a.ts': [dashboard({ title: 'a' }), dashboard({ title: 'b' })], 'dashboards/b.ts': [dashboard({ title: 'c' })] });
  });
  it('rejects the same explicit uid in two modules, naming the first', () => {
    expectInvalid(check, { 'dashboards/a.ts': [dashboard({ title: 'a', uid: 'same' })], 'dashboards/team/b.ts': [dashboard({ title: 'b', uid: 'same' })] },
      [
        { messageId: 'duplicate', message: 'dashboard "b" has uid "same", already used by dashboard "a" in dashboards/a.ts', line: 11, column: 114, text: 'dashboard' },
      ]);
  });
  it('rejects an explicit uid that equals another module\'s derived uid, across folders', () => {
    expectInvalid(check, { 'dashboards/checkout/api.ts': [dashboard({ title: 'a' })], 'dashboards/b.ts': [dashboard({ title: 'b', uid: 'checkout-api', folder: 'Other' })] },
      [
        { messageId: 'duplicate', message: 'uid "checkout-api", already used', line: 17, column: 107, text: 'dashboard' },
      ]);
  });
});
