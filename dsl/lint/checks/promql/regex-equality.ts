import { literalOf } from '../../../promql/regex.ts';
import { defineCheck } from '../../check.ts';
import { inVariable } from '../../queries.ts';

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
    messages: {
      anchors: '{{matcher}}: the anchors are redundant, Prometheus anchors label regexes (in {{subject}})',
      noRegex: '{{matcher}} has no regex in it (in {{subject}})',
    },
  },
  create() {
    return {
      query(q) {
        for (const s of q.query.result.analysis?.selectors ?? []) {
          for (const m of s.matchers) {
            if ((m.op !== '=~' && m.op !== '!~') || inVariable(q.query, m.valueSpan)) continue;
            const unanchored = m.value.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
            const lit = literalOf(unanchored);
            const matcher = `${m.name}${m.op}${JSON.stringify(m.value)}`;
            if (lit === undefined) {
              if (unanchored !== m.value)
                q.report({
                  messageId: 'anchors',
                  data: { matcher },
                  hint: `write ${m.name}${m.op}${JSON.stringify(unanchored)}`,
                  span: m.valueSpan,
                });
              continue;
            }
            const op = m.op === '=~' ? '=' : '!=';
            q.report({
              messageId: 'noRegex',
              data: { matcher },
              hint: `write ${m.name}${op}${JSON.stringify(lit)}`,
              span: m.valueSpan,
            });
          }
        }
        return false;
      },
    };
  },
});
