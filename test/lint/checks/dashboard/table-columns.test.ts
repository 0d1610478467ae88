import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/dashboard/table-columns.ts';
import { dashboard, lokiQuery, prometheusQuery, table, timeseries, transform } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../dashboard/lint-dashboards.ts';

const tq = (expr: string, extra: { refId?: string; hide?: boolean } = {}) => prometheusQuery({ expr, mode: 'instant', format: 'table', ...extra });

describe('dashboard/table-columns', () => {
  it('accepts the columns Grafana makes: Value #<refId> of several table queries, Value of one, and labels', () => {
    expectValid(check, [dashboard({
      title: 'd',
      panels: [
        table({
          title: 'joined', queries: [tq('sum by (job) (up)'), tq('count by (job) (up)')],
          sortBy: [{ column: 'Up', desc: true }],
          transformations: [transform.merge(), transform.organize({ exclude: ['Time'], rename: { job: 'Job', 'Value #A': 'Up', 'Value #B': 'Targets' } })],
          overrides: [{ match: { byName: 'Value #B' }, set: { unit: 'none' } }],
        }),
        table({ title: 'single', queries: [tq('up')], transformations: [transform.organize({ exclude: ['Time'], rename: { Value: 'Up' } })] }),
        timeseries({ title: 'no names', queries: ['up'], transformations: [transform.seriesToRows(), transform.limit(10)] }),
      ],
    })]);
  });

  it('rejects a Value #X for a refId the panel does not have', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [table({ title: 't', queries: [tq('up'), tq('up')], transformations: [transform.merge(), transform.organize({ rename: { 'Value #C': 'Third' } })] })],
    })], [
      { messageId: 'column', message: 'panel "t": names the column "Value #C", but the panel has no query C (its queries are A, B)', line: 28, column: 136, text: 'Value' },
    ]);
  });

  it('rejects Value #A on a panel with one Prometheus query (hidden and Loki queries do not count)', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [table({
        title: 't', queries: [tq('up'), tq('up', { hide: true }), lokiQuery({ expr: '{job="x"}' })],
        sortBy: [{ column: 'Value #A', desc: true }],
      })],
    })], [
      { messageId: 'column', message: 'panel "t": names the column "Value #A", but with one table query Grafana names its value column "Value"', line: 39, column: 29, text: 'Value' },
    ]);
  });

  it('counts only table queries: beside a time series query the one table query\'s column is "Value"; a hidden query has none', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [
        table({ title: 'mixed', queries: [tq('up'), prometheusQuery({ expr: 'up' })], transformations: [transform.organize({ rename: { 'Value #A': 'Up' } })] }),
        table({ title: 'hidden', queries: [tq('up'), tq('up'), tq('up', { hide: true })], sortBy: [{ column: 'Value #C' }] }),
      ],
    })], [
      { messageId: 'column', message: 'panel "mixed": names the column "Value #A", but with one table query Grafana names its value column "Value"', line: 50, column: 137, text: 'Value' },
      { messageId: 'column', message: 'panel "hidden": names the column "Value #C", but query C is hidden: it does not run, so it has no column', line: 51, column: 111, text: 'Value' },
    ]);
  });

  it('warns when the named query is not a table query, and when "Value" is named beside several table queries', () => {
    expectInvalid(check, [dashboard({
      title: 'd',
      panels: [
        table({ title: 'ts', queries: [tq('up'), prometheusQuery({ expr: 'up' })], transformations: [transform.filterFieldsByName({ include: ['Value #B'] })] }),
        table({ title: 'v', queries: [tq('up'), tq('up')], overrides: [{ match: { byName: 'Value' }, set: { unit: 's' } }] }),
      ],
    })], [
      { messageId: 'column', message: 'panel "ts": names the column "Value #B", but query B is not format: \'table\' (time series values are named after their labels)', line: 63, column: 144, text: 'Value' },
      { messageId: 'column', message: 'panel "v": names the column "Value", but with 2 table queries the value columns are "Value #A", "Value #B"', line: 64, column: 92, text: 'Value' },
    ]);
  });
});
