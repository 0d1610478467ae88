import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/promql',
    description:
      'Every dashboard query must parse and type-check for the target Prometheus, with Grafana variables substituted',
    severity: 'error',
    docs: `Panel targets, query variables (\`label_values(<selector>, label)\`, \`query_result(...)\`) and annotation
expressions go through the same PromQL checker as the rules. Grafana variables (\`$var\`, \`\${var:fmt}\`,
\`[[var]]\`, \`$__rate_interval\`, ...) are first replaced by placeholders of the same length and of the
type their position needs (a duration inside \`[...]\`, text inside strings, a name elsewhere; interval
variables are durations), so the error is reported at the exact character of the query in the TS source.
LogQL (logs panels) is not parsed.`,
    messages: {
      empty: '{{subject}} has an empty expression',
      invalid: '{{error}} (in {{subject}})',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const q of view.queries) {
        if (q.owner.kind === 'panel' && q.language === 'promql' && q.text.trim() === '') {
          ctx.report({
            messageId: 'empty',
            data: { subject: q.subject },
            hint: 'set expr to a PromQL expression, or remove the query',
            location: q.locate(0),
            subject: q.subject,
            on: q.on,
          });
          continue;
        }
        const err = q.promql?.result.errors[0];
        if (!q.promql || !err) continue;
        ctx.report({
          messageId: 'invalid',
          data: { error: err.message, subject: q.subject },
          hint: `the query is not valid PromQL for Prometheus ${ctx.options.target.major}.${ctx.options.target.minor}`,
          location: q.locate(q.promql.offset + err.start, q.promql.offset + err.end),
          subject: q.subject,
          on: q.on,
        });
      }
    }
  },
});
