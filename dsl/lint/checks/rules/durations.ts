import { parseDuration } from '../../../core/duration.ts';
import { defineCheck } from '../../check.ts';
import { ruleSubject } from '../../context.ts';

export default defineCheck({
  meta: {
    id: 'rules/durations',
    description: 'for, keep_firing_for, interval and query_offset must be Prometheus durations; limit a whole number',
    severity: 'error',
    docs: `Durations are written like \`30s\`, \`5m\`, \`1h30m\`, \`2d\` (units y, w, d, h, m, s, ms, largest first,
whole numbers). \`5mins\`, \`1.5h\` or \`30\` are rejected by Prometheus when it loads the rule file.
A group's interval must also be greater than zero.`,
    messages: {
      invalid: '{{field}} of {{subject}} is not a valid duration: {{value}} ({{error}})',
      notPositive: '{{field}} of {{subject}} must be greater than 0',
      limit: 'limit of {{subject}} must be a whole number >= 0, got {{limit}}',
    },
  },
  run(ctx) {
    const bad = (
      value: unknown,
      field: string,
      subject: string,
      site: Parameters<typeof ctx.report>[0]['location'],
      on: Parameters<typeof ctx.report>[0]['on'],
      positive = false,
    ): void => {
      if (value === undefined) return;
      const r =
        typeof value === 'string'
          ? parseDuration(value)
          : { ok: false as const, error: `expected a string, got ${typeof value}` };
      if (!r.ok)
        ctx.report({
          messageId: 'invalid',
          data: { field, subject, value: JSON.stringify(value), error: r.error },
          hint: "write durations like '30s', '5m', '1h30m', '2d'",
          location: site,
          subject,
          on,
        });
      else if (positive && r.ms === 0)
        ctx.report({
          messageId: 'notPositive',
          data: { field, subject },
          hint: 'leave it out to use the global evaluation interval',
          location: site,
          subject,
          on,
        });
    };
    for (const m of ctx.project.modules) {
      for (const g of m.groups) {
        const subject = `group ${JSON.stringify(g.name)}`;
        bad(g.interval, 'interval', subject, g.site, g, true);
        bad(g.queryOffset, 'queryOffset', subject, g.site, g);
        if (g.limit !== undefined && !(Number.isInteger(g.limit) && g.limit >= 0)) {
          ctx.report({
            messageId: 'limit',
            data: { subject, limit: JSON.stringify(g.limit) },
            hint: '0 means no limit',
            location: g.site,
            subject,
            on: g,
          });
        }
      }
    }
    for (const { rule } of ctx.rules()) {
      if (rule.kind !== 'alert') continue;
      bad(rule.for, 'for', ruleSubject(rule), rule.site, rule);
      bad(rule.keepFiringFor, 'keepFiringFor', ruleSubject(rule), rule.site, rule);
    }
  },
});
