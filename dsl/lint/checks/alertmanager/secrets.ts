import { isSecret, type HttpConfig, type Receiver } from '../../../alertmanager/index.ts';
import type { SourceLocation } from '../../../core/diagnostic.ts';
import { defineCheck } from '../../check.ts';
import { urlSecret } from '../../secrets.ts';

export default defineCheck({
  meta: {
    id: 'alertmanager/secrets',
    description:
      'Receiver secrets (keys, passwords, webhook URLs with tokens) are files or placeholders, never literals',
    severity: 'error',
    scope: 'project',
    needs: ['alertmanager'],
    docs: `out/ is committed and copied around; a secret written into the TS source ends up in it, in the
repository history and in every review. Secret fields (Slack's and Teams' webhook URLs, PagerDuty routing and
service keys, Opsgenie API keys, SMTP and basic-auth passwords, \`authorization\` credentials) take
\`secretFile('/etc/alertmanager/secrets/x')\` (written as the \`*_file\` field, read by Alertmanager at start)
or \`secretPlaceholder('NAME')\` (written as \`\${NAME}\` for the deployment to substitute). A string there
is an error, and so is a plain webhook \`url\` that carries a credential: a \`user:password@\`, a
\`token=\`/\`key=\`/\`sig=\`-style query parameter, or the incoming-webhook URL of Slack, Teams, Discord or
Google Chat. Keep the URL plain and put the token in \`httpConfig.authorization.credentials\`, or make the
whole URL a secret.`,
    messages: {
      literal: '{{what}} is a literal secret: it would be written into out/',
      webhookUrl: '{{receiver}}: the webhook url is a secret ({{why}}): it would be written into out/',
    },
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v) return;
    const literal = (value: unknown, what: string, site: SourceLocation | undefined): void => {
      if (value === undefined || isSecret(value)) return;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      ctx.report({
        messageId: 'literal',
        data: { what },
        hint: `use secretFile('/etc/alertmanager/secrets/...') or secretPlaceholder('NAME'), and keep the value out of the repository`,
        location: (typeof value === 'string' && text ? v.locateText(site, text) : site) ?? {
          file: v.module,
          line: 1,
          column: 1,
        },
        subject: 'alertmanager',
      });
    };
    const http = (h: HttpConfig | undefined, what: string, site: SourceLocation | undefined): void => {
      literal(h?.authorization?.credentials, `${what}: httpConfig.authorization.credentials`, site);
      literal(h?.basicAuth?.password, `${what}: httpConfig.basicAuth.password`, site);
      if (h?.proxyUrl && urlSecret(h.proxyUrl)) literal(h.proxyUrl, `${what}: httpConfig.proxyUrl`, site);
    };
    const g = v.config.global;
    const gs = v.config.site;
    literal(g?.slackApiUrl, 'global.slackApiUrl', gs);
    literal(g?.opsgenieApiKey, 'global.opsgenieApiKey', gs);
    literal(g?.smtpAuthPassword, 'global.smtpAuthPassword', gs);
    http(g?.httpConfig, 'global', gs);
    const each = (r: Receiver): void => {
      const w = `receiver ${JSON.stringify(r.name)}`;
      for (const c of r.slack ?? []) {
        literal(c.apiUrl, `${w}: Slack apiUrl`, r.site);
        http(c.httpConfig, w, r.site);
      }
      for (const c of r.email ?? []) {
        literal(c.authPassword, `${w}: e-mail authPassword`, r.site);
        http(c.httpConfig, w, r.site);
      }
      for (const c of r.pagerduty ?? []) {
        literal(c.routingKey, `${w}: PagerDuty routingKey`, r.site);
        literal(c.serviceKey, `${w}: PagerDuty serviceKey`, r.site);
        http(c.httpConfig, w, r.site);
      }
      for (const c of r.opsgenie ?? []) {
        literal(c.apiKey, `${w}: Opsgenie apiKey`, r.site);
        http(c.httpConfig, w, r.site);
      }
      for (const c of r.msteams ?? []) {
        literal(c.webhookUrl, `${w}: Teams webhookUrl`, r.site);
        http(c.httpConfig, w, r.site);
      }
      for (const c of r.webhook ?? []) {
        if (typeof c.url === 'string') {
          const why = urlSecret(c.url);
          if (why) {
            ctx.report({
              messageId: 'webhookUrl',
              data: { receiver: w, why },
              hint: "keep the URL plain and put the token in httpConfig.authorization.credentials: secretFile(...), or make the URL secretPlaceholder('NAME') (or secretFile on Alertmanager 0.26+)",
              location: v.locateText(r.site, c.url) ?? { file: v.module, line: 1, column: 1 },
              subject: 'alertmanager',
            });
          }
        }
        http(c.httpConfig, w, r.site);
      }
    };
    v.config.receivers.forEach(each);
  },
});
