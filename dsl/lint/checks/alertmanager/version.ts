import { FIELD_SINCE, hasField, type Route, type Secret } from '../../../alertmanager/index.ts';
import type { SourceLocation } from '../../../core/diagnostic.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'alertmanager/version',
    description: 'The Alertmanager configuration only uses fields the target Alertmanager release reads',
    severity: 'error',
    scope: 'project',
    needs: ['alertmanager'],
    docs: `\`alertmanager.version\` in \`obs.config.ts\` (default 0.25, what Debian 12 ships) is the release the
configuration is for. Alertmanager refuses a file with a field it does not know, so a field newer than the
target is an error at the TS line: Microsoft Teams receivers (0.26), a webhook \`url\` read from a file
(0.26), Teams' \`webhook_url_file\` (0.27), PagerDuty's and e-mail's secret files (0.25), Opsgenie's key file
(0.24), \`activeTimeIntervals\` (0.24) and a time interval's \`location\` (0.25). For a secret whose file
field the target lacks, use \`secretPlaceholder('NAME')\` (the deployment substitutes it) or raise the
target version.`,
    messages: {
      tooOld: '{{what}} needs Alertmanager {{since}} or newer; the target is {{version}}',
    },
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v) return;
    const need = (field: string, what: string, location: SourceLocation | undefined, hint?: string): void => {
      if (hasField(v.version, field)) return;
      ctx.report({
        messageId: 'tooOld',
        data: { what, since: String(FIELD_SINCE[field]), version: v.version },
        hint: hint ?? `raise alertmanager.version in obs.config.ts, or do without it`,
        location: location ?? { file: v.module, line: 1, column: 1 },
        subject: 'alertmanager',
      });
    };
    const file = (
      s: Secret | string | undefined,
      field: string,
      what: string,
      fallback: SourceLocation | undefined,
    ): void => {
      if (typeof s === 'object' && s.kind === 'secret-file')
        need(
          field,
          `${what} read from a file`,
          s.site ?? fallback,
          `use secretPlaceholder('NAME') for the deployment to substitute, or raise alertmanager.version`,
        );
    };
    const g = v.config.global;
    file(g?.slackApiUrl, 'global.slack_api_url_file', 'global.slackApiUrl', v.config.site);
    file(g?.opsgenieApiKey, 'global.opsgenie_api_key_file', 'global.opsgenieApiKey', v.config.site);
    file(g?.smtpAuthPassword, 'global.smtp_auth_password_file', 'global.smtpAuthPassword', v.config.site);
    for (const r of v.config.receivers) {
      const where = `receiver ${JSON.stringify(r.name)}`;
      for (const c of r.slack ?? []) file(c.apiUrl, 'slack_configs.api_url_file', `${where}: Slack apiUrl`, r.site);
      for (const c of r.opsgenie ?? [])
        file(c.apiKey, 'opsgenie_configs.api_key_file', `${where}: Opsgenie apiKey`, r.site);
      for (const c of r.email ?? [])
        file(c.authPassword, 'email_configs.auth_password_file', `${where}: e-mail authPassword`, r.site);
      for (const c of r.pagerduty ?? []) {
        file(c.routingKey, 'pagerduty_configs.routing_key_file', `${where}: PagerDuty routingKey`, r.site);
        file(c.serviceKey, 'pagerduty_configs.service_key_file', `${where}: PagerDuty serviceKey`, r.site);
      }
      for (const c of r.webhook ?? []) file(c.url, 'webhook_configs.url_file', `${where}: webhook url`, r.site);
      if (r.msteams?.length)
        need(
          'msteams_configs',
          `${where}: Microsoft Teams`,
          v.locateText(r.site, 'msteams'),
          'raise alertmanager.version to 0.26 or newer, or notify Teams through a webhook receiver',
        );
      for (const c of r.msteams ?? [])
        file(c.webhookUrl, 'msteams_configs.webhook_url_file', `${where}: Teams webhookUrl`, r.site);
    }
    const visit = (r: Route): void => {
      if (r.activeTimeIntervals?.length) need('route.active_time_intervals', 'activeTimeIntervals', r.site);
      r.routes?.forEach(visit);
    };
    visit(v.config.route);
    for (const t of v.config.timeIntervals ?? []) {
      if (t.periods.some((p) => p.location !== undefined))
        need(
          'time_intervals.location',
          `time interval ${JSON.stringify(t.name)}: location`,
          v.locateText(t.site, t.periods.find((p) => p.location)?.location ?? ''),
        );
    }
  },
});
