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
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const seen = new Set<string>();
      const on = view.suppressionsOf();
      for (const v of view.entry.dashboard.variables ?? []) {
        const subject = `variable ${JSON.stringify(v.name)}`;
        if (!NAME.test(v.name) || v.name.startsWith('__')) {
          ctx.report({
            message: `${subject} of ${view.subject} is not a usable variable name`,
            hint: 'use letters, digits and "_", starting with a letter (names starting with "__" are Grafana\'s)', location: v.site, subject, on,
          });
        } else if (seen.has(v.name)) {
          ctx.report({ message: `${subject} is defined twice in ${view.subject}`, hint: 'remove or rename one of them', location: v.site, subject, on });
        }
        seen.add(v.name);
      }
    }
  },
});
