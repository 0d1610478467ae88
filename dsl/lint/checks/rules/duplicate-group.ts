import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'rules/duplicate-group',
    description: 'Rule group names must be unique in a rule file, and should be unique in the project',
    severity: 'error',
    scope: 'project',
    docs: `Prometheus refuses a rule file with two groups of the same name. Across files it is legal but
confusing (alerts and dashboards name groups), so a name used in two modules is a warning.`,
  },
  run(ctx) {
    const seen = new Map<string, { module: string; line?: number }>();
    for (const m of ctx.project.modules) {
      const inModule = new Set<string>();
      for (const g of m.groups) {
        if (inModule.has(g.name)) {
          ctx.report({
            message: `group ${JSON.stringify(g.name)} is defined twice in ${m.module}; Prometheus rejects the rule file`,
            hint: 'give each group in a module its own name', location: g.site, subject: `group ${JSON.stringify(g.name)}`, on: g,
          });
          continue;
        }
        inModule.add(g.name);
        const other = seen.get(g.name);
        if (other && other.module !== m.module) {
          ctx.report({
            severity: 'warning',
            message: `group ${JSON.stringify(g.name)} is also defined in ${other.module}`,
            hint: 'rename one of the groups so alerts and dashboards can tell them apart', location: g.site, subject: `group ${JSON.stringify(g.name)}`, on: g,
          });
        } else if (!other) seen.set(g.name, { module: m.module });
      }
    }
  },
});
