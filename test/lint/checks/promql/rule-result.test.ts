import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/rule-result.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('promql/rule-result', () => {
  it('accepts rules that return instant vectors or scalars', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'rate(x_total[5m])' }),
      record({ name: 'b', expr: 'vector(1)' }),
      record({ name: 'c', expr: 'scalar(up)' }),
      alert({ name: 'D', expr: 'max_over_time(x[5m]) > 1' }),
    ] })] });
  });

  it('reports rules that return range vectors or strings, which Prometheus cannot evaluate', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'x[5m]' }),
      record({ name: 'b', expr: 'rate(x[5m])[10m:1m]' }),
      record({ name: 'c', expr: '"text"' }),
    ] })] }, [
      { messageId: 'result', message: 'recording rule "a" returns a range vector', line: 18, column: 34, text: 'x' },
      { messageId: 'result', message: 'recording rule "b" returns a range vector', line: 19, column: 34, text: 'rate' },
      { messageId: 'result', message: 'recording rule "c" returns a string', line: 20, column: 34, text: '"' },
    ]);
  });

  it('leaves invalid expressions to promql/syntax', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [record({ name: 'a', expr: 'rate(x)' })] })] });
  });
});
