import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';

export default defineCheck({
  meta: {
    id: 'rules/duplicate-rule',
    description: 'No two rules may have the same name and the same static labels',
    severity: 'error',
    scope: 'project',
    docs: `Two recording rules with the same name and labels write the same series (the results clash);
two alerts with the same name and labels are indistinguishable in Alertmanager (silences and
inhibitions hit both). The key is the rule name plus its static labels (group labels and rule
labels), as in \`promtool check rules\`' duplicate lint.`,
  },
  run(ctx) {
    const seen = new Map<string, string>();
    for (const { module, group, rule } of ctx.rules()) {
      const labels = { ...(group.labels ?? {}), ...(rule.labels ?? {}) };
      const key = `${rule.kind}\u0000${rule.name}\u0000${JSON.stringify(Object.entries(labels).sort())}`;
      const where = `${module}${rule.site ? `:${rule.site.line}` : ''}`;
      const first = seen.get(key);
      if (first) {
        ctx.report({
          message: `${ruleSubject(rule)} with the same labels is already defined at ${first}`,
          hint: 'remove the copy, or give the two rules different names or labels', location: rule.site, subject: ruleSubject(rule), on: rule,
        });
      } else seen.set(key, where);
    }
  },
});
