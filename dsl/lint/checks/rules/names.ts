import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';
import { isValidLabelName, isValidMetricName } from '../../names.ts';

export default defineCheck({
  meta: {
    id: 'rules/names',
    description: 'Group, rule, label and annotation names must be valid for Prometheus',
    severity: 'error',
    docs: `A recording rule's name is a metric name (\`[a-zA-Z_:][a-zA-Z0-9_:]*\`, no braces); label and
annotation names are label names (\`[a-zA-Z_][a-zA-Z0-9_]*\`), and \`__name__\` cannot be set as a rule
label. Group and alert names must not be empty. Prometheus rejects the rule file otherwise.`,
    messages: {
      emptyGroupName: 'a rule group has an empty name',
      emptyAlertName: 'an alert has an empty name',
      invalidRecordName: 'invalid recording rule name {{name}}{{braces}}',
      invalidLabel: 'invalid label name {{name}} on {{subject}}',
      invalidAnnotation: 'invalid annotation name {{name}} on {{subject}}',
      invalidGroupLabel: 'invalid label name {{name}} on group {{group}}',
    },
  },
  run(ctx) {
    for (const m of ctx.project.modules) {
      for (const g of m.groups) {
        if (typeof g.name !== 'string' || g.name.trim() === '') {
          ctx.report({ messageId: 'emptyGroupName', hint: 'set name on the ruleGroup', location: g.site, on: g });
        }
      }
    }
    for (const { rule } of ctx.rules()) {
      if (rule.kind === 'record' && !isValidMetricName(rule.name)) {
        const braces = /[{}]/.test(rule.name) ? '; braces belong in expr' : '';
        ctx.report({
          messageId: 'invalidRecordName',
          data: { name: JSON.stringify(rule.name), braces },
          hint: 'use level:metric:operations with [a-zA-Z0-9_:], e.g. job:http_requests:rate5m',
          location: rule.site,
          subject: ruleSubject(rule),
          on: rule,
        });
      }
      if (rule.kind === 'alert' && (typeof rule.name !== 'string' || rule.name.trim() === '')) {
        ctx.report({
          messageId: 'emptyAlertName',
          hint: 'set name on the alert',
          location: rule.site,
          subject: ruleSubject(rule),
          on: rule,
        });
      }
      for (const k of Object.keys(rule.labels ?? {})) {
        if (!isValidLabelName(k) || k === '__name__')
          ctx.report({
            messageId: 'invalidLabel',
            data: { name: JSON.stringify(k), subject: ruleSubject(rule) },
            hint: 'label names match [a-zA-Z_][a-zA-Z0-9_]* and cannot be __name__',
            location: rule.site,
            subject: ruleSubject(rule),
            on: rule,
          });
      }
      if (rule.kind === 'alert') {
        for (const k of Object.keys(rule.annotations ?? {})) {
          if (!isValidLabelName(k))
            ctx.report({
              messageId: 'invalidAnnotation',
              data: { name: JSON.stringify(k), subject: ruleSubject(rule) },
              hint: 'annotation names match [a-zA-Z_][a-zA-Z0-9_]*',
              location: rule.site,
              subject: ruleSubject(rule),
              on: rule,
            });
        }
      }
    }
    for (const m of ctx.project.modules) {
      for (const g of m.groups) {
        for (const k of Object.keys(g.labels ?? {})) {
          if (!isValidLabelName(k) || k === '__name__')
            ctx.report({
              messageId: 'invalidGroupLabel',
              data: { name: JSON.stringify(k), group: JSON.stringify(g.name) },
              hint: 'label names match [a-zA-Z_][a-zA-Z0-9_]* and cannot be __name__',
              location: g.site,
              on: g,
            });
        }
      }
    }
  },
});
