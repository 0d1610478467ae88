import type { SourceLocation } from '../../../core/diagnostic.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'rules/duplicate-group',
    description: 'Rule group names must be unique in a rule file, and should be unique in the project',
    severity: 'error',
    scope: 'project',
    docs: `Prometheus refuses a rule file with two groups of the same name. Across files it is legal but
confusing (alerts and dashboards name groups), so a name used in two modules is a warning.`,
    messages: {
      twiceInModule: 'group {{group}} is defined twice in {{module}}; Prometheus rejects the rule file',
      alsoIn: 'group {{group}} is also defined in {{module}}',
    },
  },
  run(ctx) {
    const seen = new Map<string, { module: string; site?: SourceLocation }>();
    for (const m of ctx.project.modules) {
      const inModule = new Set<string>();
      for (const g of m.groups) {
        if (inModule.has(g.name)) {
          ctx.report({
            messageId: 'twiceInModule',
            data: { group: JSON.stringify(g.name), module: m.module },
            hint: 'give each group in a module its own name',
            location: g.site,
            subject: `group ${JSON.stringify(g.name)}`,
            on: g,
          });
          continue;
        }
        inModule.add(g.name);
        const other = seen.get(g.name);
        if (other && other.module !== m.module) {
          ctx.report({
            severity: 'warning',
            messageId: 'alsoIn',
            data: { group: JSON.stringify(g.name), module: other.module },
            hint: 'rename one of the groups so alerts and dashboards can tell them apart',
            location: g.site,
            subject: `group ${JSON.stringify(g.name)}`,
            on: g,
            related: [
              {
                message: `the other group ${JSON.stringify(g.name)} (in ${other.module})`,
                ...(other.site ? { location: other.site } : {}),
              },
            ],
          });
        } else if (!other) seen.set(g.name, { module: m.module, ...(g.site ? { site: g.site } : {}) });
      }
    }
  },
});
