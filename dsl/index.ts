/**
 * The authoring surface: what files under alerts/, recording/, dashboards/, slos/, registry/ and
 * obs.config.ts import. Nothing else in dsl/ is part of the authoring API.
 */
export { alert, record, ruleGroup, ruleTest } from './rules/index.ts';
export type { AlertRule, AlertSpec, RecordingRule, RecordSpec, Rule, RuleGroup, RuleGroupSpec, RuleTest, RuleTestSpec, Suppression } from './rules/index.ts';
export { promql, name, labelName, raw, type PromQL } from './promql/template.ts';
export { defineConfig } from './config/define-config.ts';
export type { ObsConfig } from './config/types.ts';
export type { Duration } from './core/duration.ts';
