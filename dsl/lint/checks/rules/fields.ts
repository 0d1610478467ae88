import { atLeast } from '../../../promql/target.ts';
import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';
import { ALERT_FIELDS, GROUP_FIELDS, RECORD_FIELDS } from '../../rule-fields.ts';

export default defineCheck({
  meta: {
    id: 'rules/fields',
    description: 'Rules and groups may only use fields the rule format and the target Prometheus version have',
    severity: 'error',
    docs: `A recording rule has no \`for\`, \`keepFiringFor\` or \`annotations\` (Prometheus rejects them). Fields
newer than the target Prometheus are errors rather than silently dropped: \`queryOffset\` needs 2.53,
group \`labels\` need 3.0. Unknown fields (typos that slipped past the types) are errors too.`,
    messages: {
      unknownGroupField: '{{subject}} has an unknown field {{field}}',
      queryOffset: '{{subject}} sets queryOffset, which Prometheus {{version}} does not support (needs 2.53)',
      groupLabels: '{{subject}} sets group labels, which Prometheus {{version}} does not support (needs 3.0)',
      notForRecording: '{{subject}}: a recording rule cannot have {{field}}; Prometheus rejects the rule file',
      unknownRuleField: '{{subject}}: unknown field {{field}}',
    },
  },
  run(ctx) {
    const t = ctx.options.target;
    const version = `${t.major}.${t.minor}`;
    for (const m of ctx.project.modules) {
      for (const g of m.groups) {
        const subject = `group ${JSON.stringify(g.name)}`;
        for (const k of Object.keys(g)) {
          if (!GROUP_FIELDS.has(k))
            ctx.report({
              messageId: 'unknownGroupField',
              data: { subject, field: JSON.stringify(k) },
              hint: `known fields: ${[...GROUP_FIELDS].filter((f) => f !== 'kind' && f !== 'site').join(', ')}`,
              location: g.site,
              subject,
              on: g,
            });
        }
        if (g.queryOffset !== undefined && !atLeast(t, 2, 53)) {
          ctx.report({
            messageId: 'queryOffset',
            data: { subject, version },
            hint: 'remove queryOffset or raise prometheus.version in obs.config.ts',
            location: g.site,
            subject,
            on: g,
          });
        }
        if (g.labels !== undefined && !atLeast(t, 3, 0)) {
          ctx.report({
            messageId: 'groupLabels',
            data: { subject, version },
            hint: 'move the labels onto the rules, or raise prometheus.version in obs.config.ts',
            location: g.site,
            subject,
            on: g,
          });
        }
      }
    }
    for (const { rule } of ctx.rules()) {
      const allowed = rule.kind === 'alert' ? ALERT_FIELDS : RECORD_FIELDS;
      for (const k of Object.keys(rule)) {
        if (allowed.has(k)) continue;
        const recordOnly = rule.kind === 'record' && ['for', 'keepFiringFor', 'annotations'].includes(k);
        ctx.report({
          messageId: recordOnly ? 'notForRecording' : 'unknownRuleField',
          data: recordOnly
            ? { subject: ruleSubject(rule), field: k }
            : { subject: ruleSubject(rule), field: JSON.stringify(k) },
          hint:
            rule.kind === 'record'
              ? 'make it an alert, or drop the field'
              : `known fields: ${[...allowed].filter((f) => f !== 'kind' && f !== 'site').join(', ')}`,
          location: rule.site,
          subject: ruleSubject(rule),
          on: rule,
        });
      }
    }
  },
});
