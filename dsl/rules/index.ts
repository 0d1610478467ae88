export { alert, record, ruleGroup, isRuleGroup } from './factories.ts';
export {
  ruleTest,
  isRuleTest,
  type RuleTest,
  type RuleTestSpec,
  type InputSeries,
  type AlertExpectation,
  type ExprExpectation,
} from './unit-test.ts';
export type * from './types.ts';
export { fileSuppressions, isFileSuppressions, type FileSuppressions } from './file-suppressions.ts';
export {
  prometheusRule,
  isPrometheusRuleObject,
  type PrometheusRuleObject,
  type PrometheusRuleSpec,
} from './prometheus-rule.ts';
