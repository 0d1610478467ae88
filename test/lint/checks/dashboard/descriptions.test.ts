import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/descriptions.ts';
import { dashboard, stat, text } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/descriptions', () => {
  it('accepts described panels and undescribed text panels', () => {
    expectValid(check, [dashboard({ title: 'd', panels: [stat({ title: 's', description: 'Targets up.', queries: ['up'] }), text({ title: 't', content: 'x' })] })]);
  });
  it('warns about panels without (or with a blank) description', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [stat({ title: 'a', queries: ['up'] }), stat({ title: 'b', description: ' ', queries: ['up'] })] })],
      [
        { messageId: 'noDescription', message: 'panel "a" has no description', line: 11, column: 60, text: 'stat' },
        { messageId: 'noDescription', message: 'panel "b" has no description', line: 11, column: 99, text: 'stat' },
      ]);
  });
});
