import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/titles.ts';
import { dashboard, row, stat, text } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/titles', () => {
  it('accepts titled dashboards, rows and panels, and untitled text panels', () => {
    expectValid(check, [dashboard({ title: 'd', panels: [text({ title: '', content: '# hi' })], rows: [row({ title: 'r', panels: [stat({ title: 's', queries: ['up'] })] })] })]);
  });
  it('rejects empty titles on the dashboard, a row and a panel', () => {
    expectInvalid(check, [dashboard({ title: ' ', rows: [row({ title: '', panels: [stat({ title: '', queries: ['up'] })] })] })],
      [
        { messageId: 'dashboard', message: 'a dashboard in dashboards/test.ts has an empty title', line: 11, column: 27, text: 'dashboard' },
        { messageId: 'row', message: 'a row of dashboard " " has an empty title', line: 11, column: 58, text: 'row' },
        { messageId: 'panel', message: 'a stat panel of dashboard " " has an empty title', line: 11, column: 84, text: 'stat' },
      ]);
  });
});
