import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/nan-division.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('promql/nan-division', () => {
  it('accepts division after aggregation, by numbers, and by guarded denominators', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))' }),
      record({ name: 'b', expr: 'sum(bytes / 1024) and max(x / y)' }),
      record({ name: 'c', expr: 'avg(errors / (requests > 0)) + sum(errors / clamp_min(requests, 1))' }),
    ] })] });
  });

  it('reports / and % inside sum, avg, stddev, stdvar', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'sum by (job) (rate(errors_total[5m]) / rate(requests_total[5m]))' }),
      record({ name: 'b', expr: 'avg(used % total)' }),
      alert({ name: 'C', expr: 'stddev(sum by (instance) (a) / b) > 1' }),
    ] })] }, [
      { messageId: 'division', message: 'a division inside sum()', line: 17, column: 71, endColumn: 72, text: '/' },
      { messageId: 'modulo', message: 'a modulo inside avg()', line: 18, column: 43, endColumn: 44, text: '%' },
      { messageId: 'division', message: 'a division inside stddev()', line: 19, column: 62, endColumn: 63, text: '/' },
    ]);
  });
});
