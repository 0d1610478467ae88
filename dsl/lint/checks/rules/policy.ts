import { compilePattern } from '../../../promql/regex.ts';
import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';
import { unknownFields } from '../../rule-fields.ts';

export default defineCheck({
  meta: {
    id: 'rules/policy',
    description:
      "Alerts follow the team's conventions from obs.config.ts (required labels and values, annotations, names)",
    severity: 'error',
    docs: `Set in \`obs.config.ts\` under \`policy\`: \`requiredAlertLabels\` (e.g. \`{ severity: ['page', 'ticket'] }\`;
an empty list allows any value), \`requiredAnnotations\` (e.g. \`['summary', 'runbook_url']\`) and
\`alertNamePattern\` (an RE2 regular expression, the syntax Prometheus uses, that every alert name must
contain a match of: anchor it with \`^...$\` to constrain the whole name). Routing in Alertmanager depends
on these, so an alert without them is paged nowhere.`,
    messages: {
      missingLabel: '{{subject}} has no {{label}} label',
      labelValue: '{{subject}} has {{label}}={{value}}, which is not one of {{allowed}}',
      missingAnnotation: '{{subject}} has no {{annotation}} annotation',
      alertName: 'alert name {{name}} does not match /{{pattern}}/',
    },
  },
  run(ctx) {
    const p = ctx.options.policy;
    // RE2, as validated when the config loads; an invalid pattern cannot get here from a loaded config.
    const compiled = p.alertNamePattern !== undefined ? compilePattern(p.alertNamePattern) : undefined;
    const namePattern = compiled?.ok ? compiled : undefined;
    for (const { group, rule } of ctx.rules()) {
      // A misspelt field (reported by rules/fields) would otherwise also show up here as a missing one.
      if (rule.kind !== 'alert' || unknownFields(rule).length > 0) continue;
      const subject = ruleSubject(rule);
      const labels = { ...(group.labels ?? {}), ...(rule.labels ?? {}) };
      for (const [label, allowed] of Object.entries(p.requiredAlertLabels)) {
        const v = labels[label];
        if (v === undefined) {
          ctx.report({
            messageId: 'missingLabel',
            data: { subject, label: JSON.stringify(label) },
            hint: allowed.length
              ? `add labels: { ${label}: ${allowed.map((a) => `'${a}'`).join(' | ')} }`
              : `add a ${label} label`,
            location: rule.site,
            subject,
            on: rule,
          });
        } else if (allowed.length > 0 && !allowed.includes(v)) {
          ctx.report({
            messageId: 'labelValue',
            data: {
              subject,
              label,
              value: JSON.stringify(v),
              allowed: allowed.map((a) => JSON.stringify(a)).join(', '),
            },
            hint: 'use one of the allowed values from obs.config.ts policy.requiredAlertLabels',
            location: rule.site,
            subject,
            on: rule,
          });
        }
      }
      for (const a of p.requiredAnnotations) {
        if (!rule.annotations?.[a])
          ctx.report({
            messageId: 'missingAnnotation',
            data: { subject, annotation: JSON.stringify(a) },
            hint: `add annotations: { ${a}: '...' }`,
            location: rule.site,
            subject,
            on: rule,
          });
      }
      if (namePattern && !namePattern.test(rule.name)) {
        ctx.report({
          messageId: 'alertName',
          data: { name: JSON.stringify(rule.name), pattern: p.alertNamePattern ?? '' },
          hint: 'rename the alert to follow the naming policy in obs.config.ts',
          location: rule.site,
          subject,
          on: rule,
        });
      }
    }
  },
});
