import { closest } from '../../../registry/index.ts';
import { checkGoTemplate } from '../../../rules/go-template/index.ts';
import { defineCheck } from '../../check.ts';
import { canCarry } from '../../label-flow.ts';

export default defineCheck({
  meta: {
    id: 'alerts/template-labels',
    description: "Alert templates may only use `$labels` the alert's expression can return",
    severity: 'error',
    docs: `\`{{ $labels.job }}\` expands to the empty string when the alert's series has no \`job\` label, so
the page says "\` is down\`". The label flow analysis follows the expression as Prometheus evaluates
it: \`sum(...)\` without \`by\` keeps no labels, \`sum by (job)\` keeps only \`job\`, \`x / on(job) y\`
keeps only \`job\`, \`absent(up{job="api"})\` keeps only \`job\`, \`histogram_quantile\` drops \`le\`,
\`label_replace\` adds its target label; metrics from a registry or a recording rule carry their
declared labels. A label the result cannot carry is reported in labels and annotations alike. Keep it
in the aggregation (\`sum by (job) (...)\`), or stop using it. (Rule \`labels\` are added after the
templates are expanded: \`$labels\` never sees them.) A label that only a registry's label list rules
out, and that is no near miss of a known label, is a warning: the deployment may add it as a target
label.`,
    messages: {
      label:
        "{{kind}} {{key}} of {{subject}} uses $labels.{{label}}, but the expression's result never has a {{quoted}} label",
    },
    hosts: ['alert'],
  },
  create(ctx) {
    const reg = ctx.registry;
    return {
      query(q) {
        const { alert: a, result: r } = q.query;
        if (!a || !r.expr || !r.valid) return false;
        const result = reg.flows(q.query).get(r.expr);
        if (!result) return false;
        const fields: ['label' | 'annotation', Readonly<Record<string, string>> | undefined][] = [
          ['label', a.labels],
          ['annotation', a.annotations],
        ];
        for (const [kind, values] of fields) {
          for (const [key, text] of Object.entries(values ?? {})) {
            if (typeof text !== 'string' || !text.includes('{{')) continue;
            const t = checkGoTemplate(text, { kind, alertName: a.name });
            for (const ref of t.labelRefs) {
              if (ref.name === '__name__' || canCarry(result, ref.name)) continue;
              const keeps = [...result.possible].sort();
              // Ruled out only by a registry's label list (not by the expression), and no typo of a
              // known label: the deployment may add it, so it is worth a look, not a failed build.
              const lenient = reg.flows(q.query, true).get(r.expr);
              const proven =
                reg.complete || !lenient || !canCarry(lenient, ref.name) || closest(ref.name, keeps).length > 0;
              q.report({
                ...(proven ? {} : { severity: 'warning' as const }),
                messageId: 'label',
                data: { kind, key: JSON.stringify(key), label: ref.name, quoted: JSON.stringify(ref.name) },
                hint: result.scalar
                  ? 'the expression returns a scalar, which has no labels'
                  : keeps.length
                    ? `the result only has ${keeps.join(', ')}${result.open ? ' (and unknown labels)' : ''}; keep ${ref.name}, e.g. sum by (${[...keeps, ref.name].join(', ')}) (...)`
                    : `the result has no labels; keep ${ref.name}, e.g. sum by (${ref.name}) (...)`,
                location: ctx.locate(a.site, text, ref.start),
              });
            }
          }
        }
        return false;
      },
    };
  },
});
