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
  },
  run(ctx) {
    for (const e of ctx.expressions()) {
      if (e.text.trim() === '') {
        ctx.report({ message: `${ruleSubject(e.rule)} has an empty expression`, hint: 'set expr to a PromQL expression', location: e.rule.site, subject: ruleSubject(e.rule), on: e.rule });
        continue;
      }
      const err = e.result.errors[0];
      if (!err) continue;
      ctx.report({
        message: `${err.message} (in ${ruleSubject(e.rule)})`,
        hint: `the expression is not valid PromQL for Prometheus ${ctx.options.target.major}.${ctx.options.target.minor}`,
        location: e.locate(err.start, err.end),
        subject: ruleSubject(e.rule),
        on: e.rule,
      });
    }
  },
});
