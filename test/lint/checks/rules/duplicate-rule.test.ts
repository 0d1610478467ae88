import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/duplicate-rule.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

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
    } }, ['alert "Down" with the same labels is already defined at alerts/a.ts', 'recording rule "x" with the same labels is already defined at alerts/a.ts']);
  });
});
