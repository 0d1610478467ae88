import { checkGoTemplate } from '../../../rules/go-template/index.ts';
import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';

export default defineCheck({
  meta: {
    id: 'rules/template',
    description: 'Alert labels and annotations must be valid Prometheus templates',
    severity: 'error',
    docs: `Alert label and annotation values are Go text/template templates, expanded by Prometheus with
\`$labels\`, \`$externalLabels\`, \`$externalURL\` and \`$value\` and its template functions (\`humanize\`,
\`humanizePercentage\`, \`query\`, \`first\`, \`value\`, ...). A template that does not parse (an unclosed
\`{{\`, an unknown function such as \`humanise\`, an undeclared variable) makes Prometheus reject the
rule file, exactly as \`promtool check rules\` reports it. See docs/templates.md.`,
    messages: {
      template: '{{kind}} {{key}} of {{subject}}: template: {{error}}',
    },
  },
  run(ctx) {
    for (const { rule } of ctx.rules()) {
      if (rule.kind !== 'alert') continue;
      const fields: [string, Readonly<Record<string, string>> | undefined][] = [
        ['label', rule.labels],
        ['annotation', rule.annotations],
      ];
      for (const [kind, values] of fields) {
        for (const [key, text] of Object.entries(values ?? {})) {
          if (typeof text !== 'string') continue;
          const r = checkGoTemplate(text, { kind: kind as 'label' | 'annotation', alertName: rule.name });
          const err = r.errors[0];
          if (!err) continue;
          ctx.report({
            messageId: 'template',
            data: { kind, key: JSON.stringify(key), subject: ruleSubject(rule), error: err.message },
            hint: 'templates use {{ $labels.<name> }}, {{ $value }} and Prometheus template functions; see docs/templates.md',
            location: ctx.locate(rule.site, text, err.start),
            subject: ruleSubject(rule),
            on: rule,
          });
        }
      }
    }
  },
});
