import { literalOf } from '../../../promql/regex.ts';
import { defineCheck } from '../../check.ts';
import { inVariable, queriesOf } from '../../queries.ts';

export default defineCheck({
  meta: {
    id: 'promql/regex-equality',
    description: 'A regex matcher without any regex in it should be an equality matcher',
    severity: 'warning',
    docs: `\`{job=~"api"}\` is \`{job="api"}\` written slower and easier to get wrong: a later edit to
\`"api.v2"\` silently matches \`apiXv2\` too. Prometheus anchors label regexes, so \`^\` and \`$\` are
redundant as well: \`{job=~"^api$"}\` is \`{job="api"}\`. Reported for \`=~\` and \`!~\` whose pattern is a
plain string (after redundant anchors are removed). Patterns given by a Grafana variable are not
checked.`,
  },
  run(ctx) {
    for (const q of queriesOf(ctx)) {
      for (const s of q.result.analysis?.selectors ?? []) {
        for (const m of s.matchers) {
          if ((m.op !== '=~' && m.op !== '!~') || inVariable(q, m.valueSpan)) continue;
          const unanchored = m.value.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
          const lit = literalOf(unanchored);
          if (lit === undefined) {
            if (unanchored !== m.value) {
              ctx.report({
                message: `${m.name}${m.op}${JSON.stringify(m.value)}: the anchors are redundant, Prometheus anchors label regexes (in ${q.subject})`,
                hint: `write ${m.name}${m.op}${JSON.stringify(unanchored)}`,
                location: q.locate(m.valueSpan.start, m.valueSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
              });
            }
            continue;
          }
          const op = m.op === '=~' ? '=' : '!=';
          ctx.report({
            message: `${m.name}${m.op}${JSON.stringify(m.value)} has no regex in it (in ${q.subject})`,
            hint: `write ${m.name}${op}${JSON.stringify(lit)}`,
            location: q.locate(m.valueSpan.start, m.valueSpan.end), subject: q.subject, ...(q.on ? { on: q.on } : {}),
          });
        }
      }
    }
  },
});
