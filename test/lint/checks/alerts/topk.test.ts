import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alerts/topk.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('alerts/topk', () => {
  it('accepts thresholds in alerts and topk in recording rules', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(errors_total[5m]) > 1' }),
      record({ name: 'r', expr: 'topk(5, rate(errors_total[5m]))' }),
    ] })] });
  });

  it('reports topk and bottomk in alerts', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'topk(3, rate(errors_total[5m])) > 1' }),
      alert({ name: 'B', expr: 'bottomk(1, free_bytes) < 1e9' }),
    ] })] }, ['alert "A" uses topk()', 'alert "B" uses bottomk()']);
  });
});
