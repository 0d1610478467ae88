import { sloSubject } from '../../../slo/expand.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'slo/untested',
    description: 'Every SLO gets promtool tests proving its burn-rate alerts, or says why not',
    severity: 'warning',
    scope: 'project',
    docs: `obs writes promtool tests for each SLO's rules (a fast burn pages, a slow burn only tickets, a
healthy service and zero traffic stay quiet) by making up series for its SLI. It can only do that when
the SLI reads one counter per expression (or a classic histogram's buckets); for an SLI over several
selectors (\`http_requests_total{...} or api_errors_total{...}\`) or a native histogram, no test is
generated and this warning says so. Keep the SLI simple, or suppress the check on the SLO
(\`suppress: [{ check: 'slo/untested', reason }]\`) saying how its rules are tested instead.`,
    messages: {
      untested: '{{subject}}: no promtool tests generated: {{why}}',
    },
  },
  run(ctx) {
    for (const { module, expansion } of ctx.project.slos ?? []) {
      for (const why of expansion.untested) {
        ctx.report({
          messageId: 'untested',
          data: { subject: sloSubject(expansion.slo), why },
          hint: 'give the SLI one counter per expression, or suppress this check on the SLO with how its rules are tested',
          location: expansion.slo.site ?? { file: module, line: 1, column: 1 },
          subject: sloSubject(expansion.slo),
          on: expansion.slo,
        });
      }
    }
  },
});
