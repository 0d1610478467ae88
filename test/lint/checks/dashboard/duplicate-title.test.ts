import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/duplicate-title.ts';
import { dashboard } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/duplicate-title', () => {
  it('accepts one title in different folders', () => {
    expectValid(check, { 'dashboards/a/x.ts': [dashboard({ title: 'Overview' })], 'dashboards/b/x.ts': [dashboard({ title: 'Overview' })] });
  });
  it('rejects one title twice in a folder (case-insensitively, as Grafana compares)', () => {
    expectInvalid(check, { 'dashboards/team/x.ts': [dashboard({ title: 'Overview' })], 'dashboards/team/y.ts': [dashboard({ title: 'overview' })] },
      [
        { messageId: 'duplicate', message: 'dashboard "overview" is also the title of a dashboard in dashboards/team/x.ts, in the same folder "team"', line: 11, column: 113, text: 'dashboard' },
      ]);
  });
  it('compares explicit folders by their output name', () => {
    expectInvalid(check, { 'dashboards/a.ts': [dashboard({ title: 'T', folder: 'Team A' })], 'dashboards/b.ts': [dashboard({ title: 'T', folder: 'team-a' })] }, [
      { messageId: 'duplicate', message: 'same folder', line: 17, column: 114, text: 'dashboard' },
    ]);
  });
});
