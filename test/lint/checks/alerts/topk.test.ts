import check from '../../../../dsl/lint/checks/alerts/topk.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { checkTable } from '../../../helpers/check-tester.ts';

checkTable(check, {
  valid: [
    { name: 'thresholds in alerts and topk in recording rules', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(errors_total[5m]) > 1' }),
      record({ name: 'r', expr: 'topk(5, rate(errors_total[5m]))' }),
    ] })] },
  ],
  invalid: [
    { name: 'topk and bottomk in alerts', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'topk(3, rate(errors_total[5m])) > 1' }),
      alert({ name: 'B', expr: 'bottomk(1, free_bytes) < 1e9' }),
    ] })], errors: [
      { messageId: 'selecting', message: 'alert "A" uses topk()', line: 14, column: 33, endColumn: 37, text: 'topk' },
      { messageId: 'selecting', message: 'alert "B" uses bottomk()', line: 15, column: 33, endColumn: 40, text: 'bottomk' },
    ] },
  ],
});
