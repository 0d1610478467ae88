/** A lint report with the cases reporters must get right, shared by the reporter tests. */
import type { Diagnostic } from '../../dsl/core/diagnostic.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import type { LintReport } from '../../dsl/report/index.ts';

export const RULES_YML = `groups:
  - name: api
    rules:
      - alert: ApiErrors
        expr: |
          sum(rate(errors_total[5m]))
            > bogus(0.05)
        for: 5mins
`;

export const DIAGNOSTICS: readonly Diagnostic[] = [
  {
    checkId: 'rules/durations', severity: 'error', message: 'for of alert "ApiErrors" is not a valid duration: "5mins"',
    hint: "write durations like '30s', '5m'", location: { file: 'rules/api.yml', line: 4, column: 9 }, subject: 'alert "ApiErrors"',
  },
  {
    checkId: 'promql/syntax', severity: 'error', message: 'unknown function with name "bogus" (in alert "ApiErrors")',
    location: { file: 'rules/api.yml', line: 7, column: 15, endLine: 7, endColumn: 20 },
  },
  {
    checkId: 'rules/duplicate-group', severity: 'warning', message: 'group "a,b: 100%" is also defined in\r\nother.yml',
    location: { file: 'dir with space/ü.yml', line: 2, column: 5 },
  },
  { checkId: 'collect/module-error', severity: 'info', message: 'no location' },
];

export function sampleReport(diagnostics: readonly Diagnostic[] = DIAGNOSTICS): LintReport {
  return {
    tool: { name: 'obs', version: '0.1.0' },
    target: '2.42',
    failOn: 'error',
    diagnostics,
    suppressed: [],
    files: 2,
    sources: new Map([['rules/api.yml', RULES_YML]]),
    checks: CHECKS.map((c) => c.meta),
  };
}
