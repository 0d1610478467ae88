import { defineCheck } from '../../check.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export default defineCheck({
  meta: {
    id: 'dashboard/variable-names',
    description: 'Variable names must be unique in a dashboard and usable as $name',
    severity: 'error',
    docs: `Two variables with one name make \`$name\` ambiguous (Grafana uses the first and the second is
unreachable). A name must start with a letter or \`_\` and contain only letters, digits and \`_\`, or
\`$name\` does not parse in queries; names starting with \`__\` are reserved for Grafana's built-ins.`,
    messages: {
      invalid: '{{variable}} of {{dashboard}} is not a usable variable name',
      duplicate: '{{variable}} is defined twice in {{dashboard}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const seen = new Set<string>();
      const on = view.suppressionsOf();
      for (const v of view.entry.dashboard.variables ?? []) {
        const subject = `variable ${JSON.stringify(v.name)}`;
        if (!NAME.test(v.name) || v.name.startsWith('__')) {
          ctx.report({
            messageId: 'invalid',
            data: { variable: subject, dashboard: view.subject },
            hint: 'use letters, digits and "_", starting with a letter (names starting with "__" are Grafana\'s)',
            location: v.site,
            subject,
            on,
          });
        } else if (seen.has(v.name)) {
          ctx.report({
            messageId: 'duplicate',
            data: { variable: subject, dashboard: view.subject },
            hint: 'remove or rename one of them',
            location: v.site,
            subject,
            on,
          });
        }
        seen.add(v.name);
      }
    }
  },
});
