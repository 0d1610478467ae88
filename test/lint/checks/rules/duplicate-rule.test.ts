import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/duplicate-rule.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid, lint } from '../../../helpers/check-tester.ts';

describe('rules/duplicate-rule', () => {
  it('accepts same-named alerts that differ in labels, and same names of different kinds', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'Down', expr: 'up == 0', labels: { severity: 'page' } }),
      alert({ name: 'Down', expr: 'up == 0', for: '1h', labels: { severity: 'ticket' } }),
      record({ name: 'x', expr: 'up' }),
      record({ name: 'x', expr: 'up', labels: { env: 'prod' } }),
    ] })] });
  });
  it('rejects a duplicate alert and a duplicate recording rule, also across groups and modules', () => {
    expectInvalid(check, { modules: {
      'alerts/a.ts': [ruleGroup({ name: 'g', rules: [alert({ name: 'Down', expr: 'up == 0', labels: { severity: 'page' } }), record({ name: 'x', expr: 'up' })] })],
      'alerts/b.ts': [ruleGroup({ name: 'h', rules: [alert({ name: 'Down', expr: 'up < 1', labels: { severity: 'page' } }), record({ name: 'x', expr: 'sum(up)' })] })],
    } }, [
      { messageId: 'duplicate', message: 'alert "Down" with the same labels is already defined at alerts/a.ts', line: 18, column: 54, text: 'alert' },
      { messageId: 'duplicate', message: 'recording rule "x" with the same labels is already defined at alerts/a.ts', line: 18, column: 125, text: 'record' },
    ]);
  });

  it('accepts same-named rules whose matchers keep their series apart on a label the results keep', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'HttpErrors', expr: 'sum by (job, code) (rate(http_requests_total{code=~"5.."}[5m])) > 1' }),
      alert({ name: 'HttpErrors', expr: 'sum by (job, code) (rate(http_requests_total{code=~"4.."}[5m])) > 10' }),
      record({ name: 'job:up:sum', expr: 'sum by (job) (up{job="api"})' }),
      record({ name: 'job:up:sum', expr: 'sum by (job) (up{job=~"web|batch"})' }),
      record({ name: 'job:up:sum', expr: 'sum by (job) (up{job=~"db-.*"})' }),
    ] })] });
  });

  it('reports same-named rules that can still collide, as promtool lints them: a warning', () => {
    const ds = lint(check, { modules: [ruleGroup({ name: 'g', rules: [
      // The aggregation drops code: both write {job=...}.
      record({ name: 'job:errors:rate5m', expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))' }),
      record({ name: 'job:errors:rate5m', expr: 'sum by (job) (rate(http_requests_total{code=~"4.."}[5m]))' }),
      // The regexes meet: "api" matches both.
      record({ name: 'job:up:sum', expr: 'sum by (job) (up{job=~"api|web"})' }),
      record({ name: 'job:up:sum', expr: 'sum by (job) (up{job=~"a.*"})' }),
    ] })] });
    expect(ds.map((d) => [d.severity, d.message.split(' with ')[0]])).toEqual([
      ['warning', 'recording rule "job:errors:rate5m"'],
      ['warning', 'recording rule "job:up:sum"'],
    ]);
  });
});
