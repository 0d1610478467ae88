import { defineCheck, type MessageData } from '../../check.ts';
import { emittedTexts } from '../../emitted-texts.ts';
import { SECRET_MESSAGE, secretReport } from '../../secrets.ts';

const pick = ({
  messageId,
  data,
  hint,
}: ReturnType<typeof secretReport>): { messageId: 'secret'; data: MessageData; hint: string } => ({
  messageId,
  data,
  hint,
});

export default defineCheck({
  meta: {
    id: 'security/secrets',
    description: 'No credential (token, webhook URL, password, key) may be written into a rule file or dashboard',
    severity: 'error',
    // The texts are scanned once, before the checks, in the thread that runs this: all of them, so
    // this runs over the whole project, not per shard of a parallel \`obs lint\`.
    scope: 'project',
    docs: `Rule files and dashboards are committed, shipped to Prometheus and Grafana and shown to everyone
who can read an alert or open a dashboard: a Slack webhook URL in an annotation, a token in a link or
in \`extra\`, \`password: hunter2\` in a description is a leaked secret. Every text a definition emits
(rule names, expressions, labels, annotations, group labels, every string of a dashboard including
links and \`extra\`) is scanned with [secretlint](https://github.com/secretlint/secretlint)'s
recommended preset (Slack tokens and incoming webhooks, AWS secret access keys, GitHub, GitLab and
Grafana tokens, basic-auth credentials in URLs, private keys, npm, OpenAI, Anthropic, Stripe,
SendGrid, Shopify, GCP), plus one pattern the preset lacks: a password written as an assignment
(\`password: ...\`, \`passwd=...\`). The message names the secretlint rule and message id; the secret
itself is masked.

\`obs lint\` on plain files scans them too: every string value of a Prometheus rule file (group
names and labels, expressions, labels, annotations) and of a Grafana dashboard JSON (titles, links,
queries, everything), reported at the YAML or JSON line:column of the value. Each distinct text is
scanned once, in one secretlint run: on 20,000 rules (5.5 MB of YAML) collecting and scanning the
texts adds about 0.4 to 0.8 s. A plain file has no suppressions: turn the check off for it with
\`lint.checks\` in obs.config.ts, or take the secret out.

Fix: take the secret out (Alertmanager holds receiver credentials; link to a page that needs a
login instead of embedding one). A deliberate value (a documented example token) is suppressed on
its definition: \`suppress: [{ check: 'security/secrets', reason: 'example token from the vendor docs' }]\`.`,
    messages: { secret: SECRET_MESSAGE },
    needs: ['secrets'],
  },
  run(ctx) {
    const scan = ctx.options.secrets;
    if (!scan || scan.size === 0) return;
    for (const t of emittedTexts(ctx.project)) {
      for (const hit of scan.get(t.text) ?? []) {
        ctx.report({
          ...pick(
            secretReport(
              t.what,
              hit,
              `for a deliberate value, suppress: [{ check: 'security/secrets', reason: '...' }]`,
            ),
          ),
          location: ctx.locate(t.site, t.text, hit.start) ?? t.site,
          subject: t.subject,
          on: t.on,
        });
      }
    }
  },
});
