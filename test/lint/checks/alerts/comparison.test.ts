import check from '../../../../dsl/lint/checks/alerts/comparison.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { checkTable } from '../../../helpers/check-tester.ts';

checkTable(check, {
  valid: [
    { name: 'comparisons, filters and absent()', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up{job="api"} == 0' }),
      alert({ name: 'B', expr: 'sum by (job) (rate(errors_total[5m]) > 1)' }),
      alert({ name: 'C', expr: 'absent(up{job="api"})', for: '5m' }),
      alert({ name: 'D', expr: 'up{job="api"} unless on(job) up{job="canary"}' }),
      alert({ name: 'E', expr: 'errors_total and on(instance) (hour() >= 9)' }),
      alert({ name: 'F', expr: 'up == 0 or absent(up)' }),
      alert({ name: 'G', expr: '(up > bool 0) == 0' }),
      alert({ name: 'H', expr: 'ALERTS{alertname="ApiDown", alertstate="firing"}' }),
    ] })] },
    { name: 'a recorded series that has a condition, also through another recorded series', modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:errors:high', expr: 'sum by (job) (rate(errors_total[5m])) > 1' }),
      record({ name: 'job:errors:high_sum', expr: 'sum by (job) (job:errors:high)' }),
      alert({ name: 'A', expr: 'job:errors:high_sum' }),
    ] })] },
    { name: 'an expression that does not type-check is left to promql/syntax', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(up)' }),
    ] })] },
    { name: 'recording rules are not alerts', modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:up:sum', expr: 'sum by (job) (up)' }),
    ] })] },
  ],
  invalid: [
    { name: 'no condition', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up{job="api"}' }),
      alert({ name: 'B', expr: 'sum by (job) (rate(errors_total[5m]))' }),
      alert({ name: 'Watchdog', expr: 'vector(1)' }),
    ] })], errors: [
      { messageId: 'noCondition', message: 'alert "A" has no condition: its expression returns a series for every one it reads', line: 31, column: 33, endColumn: 46, text: 'up{job="api"}' },
      { messageId: 'noCondition', line: 32, column: 33, endColumn: 70, text: 'sum by (job) (rate(errors_total[5m]))' },
      { messageId: 'noCondition', message: 'alert "Watchdog" has no condition: its expression always returns a series', line: 33, column: 40, endColumn: 49, text: 'vector(1)' },
    ] },
    { name: 'bool comparisons do not filter', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(errors_total[5m]) > bool 1' }),
      alert({ name: 'B', expr: 'sum(up == bool 0) * 2' }),
    ] })], errors: [
      { messageId: 'bool', message: 'alert "A" compares with bool', line: 40, column: 56, endColumn: 57, text: '>' },
      { messageId: 'bool', line: 41, column: 40, endColumn: 42, text: '==' },
    ] },
    { name: 'a side of or without a condition', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'up == 0 or vector(1)' }),
      alert({ name: 'B', expr: 'sum by (job) (errors_total) or (rate(errors_total[5m]) > 1)' }),
    ] })], errors: [
      { messageId: 'orAlways', message: 'alert "A" has a side of `or` without a condition', line: 47, column: 41, endColumn: 43, text: 'or' },
      { messageId: 'orAlways', line: 48, column: 61, endColumn: 63, text: 'or' },
    ] },
    { name: 'a recorded series without a condition', modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:errors:rate5m', expr: 'sum by (job) (rate(errors_total[5m]))' }),
      alert({ name: 'A', expr: 'job:errors:rate5m' }),
    ] })], errors: [
      { messageId: 'noCondition', line: 55, column: 33, endColumn: 50, text: 'job:errors:rate5m' },
    ] },
    { name: 'a chain of 5,000 terms', modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: Array.from({ length: 5000 }, (_, i) => `m${i}`).join(' + ') }),
    ] })], errors: [
      { messageId: 'noCondition', line: 60, column: 72, endColumn: 77, text: 'm${i}' },
    ] },
  ],
});
