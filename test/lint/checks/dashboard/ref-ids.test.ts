import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/ref-ids.ts';
import { dashboard, prometheusQuery, timeseries } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

describe('dashboard/ref-ids', () => {
  it('accepts assigned refIds around explicit ones, and overrides of existing queries', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [timeseries({ title: 'p', queries: ['up', prometheusQuery({ expr: 'up', refId: 'A' }), 'up'], overrides: [{ match: { byQuery: 'C' }, set: { unit: 's' } }] })],
    })]);
  });
  it('rejects two queries with one explicit refId', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: [prometheusQuery({ expr: 'up', refId: 'X' }), prometheusQuery({ expr: 'up', refId: 'X' })] })] })],
      [
        { messageId: 'duplicate', message: 'panel "p" has two queries with refId "X"', line: 14, column: 140, text: 'prometheusQuery' },
      ]);
  });
  it('rejects an override for a refId the panel does not have', () => {
    expectInvalid(check, [dashboard({ title: 'd', panels: [timeseries({ title: 'p', queries: ['up'], overrides: [{ match: { byQuery: 'B' }, set: { unit: 's' } }] })] })],
      [
        { messageId: 'unknownQuery', message: 'panel "p" overrides query "B", but its queries are A', line: 20, column: 135, text: 'B' },
      ]);
  });
});
