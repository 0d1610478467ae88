import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';

export default defineCheck({
  meta: {
    id: 'promql/syntax',
    description: 'Every expression must parse and type-check for the target Prometheus version',
    severity: 'error',
    docs: `Reports what the target Prometheus would reject when loading the rule: syntax errors, unknown
functions, wrong argument types or counts, ranges on non-selectors, bad durations, invalid regexes,
selectors that match everything. The message is Prometheus's own; the location is where the
expression was written.`,
    messages: {
      empty: '{{subject}} has an empty expression',
      invalid: '{{error}} (in {{subject}})',
    },
  },
  run(ctx) {
    for (const e of ctx.expressions()) {
      const subject = ruleSubject(e.rule);
      if (e.text.trim() === '') {
        ctx.report({
          messageId: 'empty',
          data: { subject },
          hint: 'set expr to a PromQL expression',
          location: e.rule.site,
          subject,
          on: e.rule,
        });
        continue;
      }
      const err = e.result.errors[0];
      if (!err) continue;
      ctx.report({
        messageId: 'invalid',
        data: { error: err.message, subject },
        hint: `the expression is not valid PromQL for Prometheus ${ctx.options.target.major}.${ctx.options.target.minor}`,
        location: e.locate(err.start, err.end),
        subject,
        on: e.rule,
      });
    }
  },
});
