import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/panel-targets.ts';
import { dashboard, logs, lokiQuery, stat, table, text } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/panel-targets', () => {
  it('accepts data panels with queries and text panels without', () => {
    expectValid(check, [dashboard({ title: 'd', panels: [stat({ title: 's', queries: ['up'] }), text({ title: 't', content: 'x' }), logs({ title: 'l', queries: [lokiQuery({ expr: '{app="x"}' })] })] })]);
  });
  it('rejects data panels without queries', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [stat({ title: 's', queries: [] }), table({ title: 't', queries: [] }), logs({ title: 'l', queries: [] })] })],
      [
        { messageId: 'noQueries', message: 'panel "s" has no queries', line: 11, column: 60, text: 'stat' },
        { messageId: 'noQueries', message: 'panel "t" has no queries', line: 11, column: 95, text: 'table' },
        { messageId: 'noQueries', message: 'panel "l" has no queries', line: 11, column: 131, text: 'logs' },
      ]);
  });
});
