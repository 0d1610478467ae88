import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/datasource-variable.ts';
import { dashboard, datasourceVariable, labelValues, logs, lokiQuery, prometheusQuery, queryVariable, standardVariables, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/datasource-variable', () => {
  it('accepts dashboards whose queries use their datasource variables', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: [...standardVariables(), datasourceVariable({ name: 'loki', plugin: 'loki' })],
      panels: [timeseries({ title: 'p', queries: ['up'] }), logs({ title: 'l', queries: [lokiQuery({ expr: '{app="x"}' })] })],
    })]);
  });
  it('accepts a datasource variable used only by query variables, and panels pinned to another variable', () => {
    expectValid(check, [dashboard({
      title: 'd', variables: [datasourceVariable({ plugin: 'prometheus' }), datasourceVariable({ name: 'other', plugin: 'prometheus' }), queryVariable({ name: 'job', query: labelValues('job') })],
      panels: [timeseries({ title: 'p', queries: [prometheusQuery({ expr: 'up', datasource: { type: 'prometheus', uid: '${other}' } })] })],
    })]);
  });
  it('warns about a dashboard without a datasource variable for its queries', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['up'] }), logs({ title: 'l', queries: [lokiQuery({ expr: '{a="b"}' })] })] })],
      [
        { messageId: 'missing', message: 'dashboard "d" has loki queries but no loki datasource variable', line: 20, column: 27, text: 'dashboard' },
        { messageId: 'missing', message: 'dashboard "d" has prometheus queries but no prometheus datasource variable', line: 20, column: 27, text: 'dashboard' },
      ]);
  });
  it('warns about panels pinned to a fixed uid and unused datasource variables', () => {
    expectInvalid(check, [dashboard({
      title: 'd', variables: [datasourceVariable({ plugin: 'prometheus' })],
      panels: [timeseries({ title: 'p', datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }, queries: ['up'] })],
    })], [
      { messageId: 'unused', message: 'datasource variable "datasource" of dashboard "d" is not used by any query', line: 28, column: 31, text: 'datasourceVariable' },
      { messageId: 'pinned', message: 'panel "p" pins data source uid "P1809F7CD0C75ACF3"', line: 29, column: 16, text: 'timeseries' },
    ]);
  });
});
