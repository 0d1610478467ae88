import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alerts/absent-without-for.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('alerts/absent-without-for', () => {
  it('accepts absent() alerts with a for, and absent() in recording rules', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'absent(up{job="api"})', for: '5m' }),
      alert({ name: 'B', expr: 'up{job="api"} == 0' }),
      record({ name: 'r', expr: 'absent(up{job="api"})' }),
    ] })] });
  });

  it('reports absent() and absent_over_time() alerts without a for (or with for: 0s)', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'absent(up{job="api"})' }),
      alert({ name: 'B', expr: 'absent_over_time(up{job="api"}[10m]) == 1', for: '0s' }),
    ] })] }, [
      { messageId: 'absent', message: 'alert "A" uses absent() without a for', line: 17, column: 33, endColumn: 39, text: 'absent' },
      { messageId: 'absent', message: 'alert "B" uses absent_over_time() without a for', line: 18, column: 33, endColumn: 49, text: 'absent_over_time' },
    ]);
  });
});
