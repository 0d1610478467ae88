import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/policy.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

const policy = { requiredAlertLabels: { severity: ['page', 'ticket'], team: [] }, requiredAnnotations: ['summary'], alertNamePattern: '^[A-Z][A-Za-z0-9]+$' };

describe('rules/policy', () => {
  it('accepts alerts that follow the policy; recording rules are not alerts', () => {
    expectValid(check, { policy, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'ApiDown', expr: 'up == 0', labels: { severity: 'page', team: 'x' }, annotations: { summary: 's' } }),
      record({ name: 'r', expr: 'up' }),
    ] })] });
  });
  it('reports missing or disallowed labels, missing annotations and bad names', () => {
    expectInvalid(check, { policy, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'ApiDown', expr: 'up == 0', labels: { team: 'x' }, annotations: { summary: 's' } }),
      alert({ name: 'ApiSlow', expr: 'up == 0', labels: { severity: 'pager', team: 'x' } }),
      alert({ name: 'api_down', expr: 'up == 0', labels: { severity: 'page', team: 'x' }, annotations: { summary: 's' } }),
    ] })] }, [
      { messageId: 'missingLabel', message: 'alert "ApiDown" has no "severity" label', line: 17, column: 7, text: 'alert' },
      { messageId: 'missingAnnotation', message: 'alert "ApiSlow" has no "summary" annotation', line: 18, column: 7, text: 'alert' },
      { messageId: 'labelValue', message: 'alert "ApiSlow" has severity="pager", which is not one of "page", "ticket"', line: 18, column: 7, text: 'alert' },
      { messageId: 'alertName', message: 'alert name "api_down" does not match', line: 19, column: 7, text: 'alert' },
    ]);
  });

  it('alertNamePattern is RE2: linear time on a pattern that backtracks exponentially in JavaScript, POSIX classes', () => {
    const started = performance.now();
    expectInvalid(check, { policy: { alertNamePattern: '^(a+)+b$' }, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: `${'a'.repeat(40)}c`, expr: 'up == 0' }),
    ] })] }, [
      { messageId: 'alertName', message: 'alert name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac" does not match /^(a+)+b$/', line: 31, column: 7, text: 'alert' },
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
    expectValid(check, { policy: { alertNamePattern: '^[[:upper:]][[:alnum:]]+$' }, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'ApiDown', expr: 'up == 0' }),
    ] })] });
  });
});
