import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/uid.ts';
import { dashboard } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/uid', () => {
  it('accepts explicit uids of letters, digits, - and _, up to 40 characters, and derived ones', () => {
    expectValid(check, [dashboard({ title: 'a', uid: 'checkout_API-v2' }), dashboard({ title: 'b', uid: 'x'.repeat(40) }), dashboard({ title: 'c' })]);
  });
  it('rejects a uid longer than 40 characters', () => {
    expectInvalid(check, [dashboard({ title: 'a', uid: 'x'.repeat(41) })], [
      { messageId: 'uid', message: 'is 41 characters long; Grafana allows at most 40', line: 11, column: 27, text: 'dashboard' },
    ]);
  });
  it('rejects characters Grafana does not allow, naming them', () => {
    expectInvalid(check, [dashboard({ title: 'a', uid: 'checkout api/v2' })], [
      { messageId: 'uid', message: 'contains " ", "/"', line: 16, column: 27, text: 'dashboard' },
    ]);
  });
  it('rejects an empty uid', () => {
    expectInvalid(check, [dashboard({ title: 'a', uid: '' })], [
      { messageId: 'uid', message: 'the uid is empty', line: 21, column: 27, text: 'dashboard' },
    ]);
  });
});
