import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/durations.ts';
import { alert, ruleGroup, type Duration } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

const bad = (s: string) => s as Duration;

describe('rules/durations', () => {
  it('accepts Prometheus durations', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', interval: '30s', limit: 0, queryOffset: '1m', rules: [
      alert({ name: 'A', expr: 'up == 0', for: '1h30m', keepFiringFor: '0' }),
      alert({ name: 'B', expr: 'up == 0', for: '2d' }),
    ] })] });
  });
  it('rejects what Prometheus would not load', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', interval: '0s', limit: -1, rules: [
      alert({ name: 'A', expr: 'up == 0', for: bad('5mins') }),
      alert({ name: 'B', expr: 'up == 0', for: bad('1.5h'), keepFiringFor: bad('30') }),
      alert({ name: 'C', expr: 'up == 0', for: bad('1m1h') }),
    ] })] }, [
      { messageId: 'notPositive', message: 'interval of group "g" must be greater than 0', line: 16, column: 38, text: 'ruleGroup' },
      { messageId: 'limit', message: 'limit of group "g" must be a whole number >= 0, got -1', line: 16, column: 38, text: 'ruleGroup' },
      { messageId: 'invalid', message: 'for of alert "A" is not a valid duration: "5mins"', line: 17, column: 7, text: 'alert' },
      { messageId: 'invalid', message: 'for of alert "B" is not a valid duration: "1.5h"', line: 18, column: 7, text: 'alert' },
      { messageId: 'invalid', message: 'keepFiringFor of alert "B" is not a valid duration: "30"', line: 18, column: 7, text: 'alert' },
      { messageId: 'invalid', message: 'for of alert "C" is not a valid duration: "1m1h"', line: 19, column: 7, text: 'alert' },
    ]);
  });
});
