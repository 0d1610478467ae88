/** Every check, listed explicitly (no globbing) so the set is typed and documented. */
import type { Check } from '../check.ts';
import { ALERTMANAGER_CHECKS } from './alertmanager/index.ts';
import { DASHBOARD_CHECKS } from './dashboard/index.ts';
import promqlRuleResult from './promql/rule-result.ts';
import promqlSyntax from './promql/syntax.ts';
import duplicateGroup from './rules/duplicate-group.ts';
import duplicateRule from './rules/duplicate-rule.ts';
import durations from './rules/durations.ts';
import fields from './rules/fields.ts';
import names from './rules/names.ts';
import policy from './rules/policy.ts';
import template from './rules/template.ts';
import { SEMANTIC_CHECKS } from './semantic-checks.ts';
import unencodableText from './output/unencodable-text.ts';
import secrets from './security/secrets.ts';
import sloUntested from './slo/untested.ts';

export const CHECKS: readonly Check[] = [
  promqlSyntax,
  promqlRuleResult,
  duplicateGroup,
  duplicateRule,
  durations,
  fields,
  names,
  policy,
  template,
  ...DASHBOARD_CHECKS,
  ...SEMANTIC_CHECKS,
  sloUntested,
  secrets,
  unencodableText,
  ...ALERTMANAGER_CHECKS,
];
