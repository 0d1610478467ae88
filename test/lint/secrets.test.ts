/**
 * One secret detector (dsl/lint/secrets.ts) serves the text scan of `security/secrets` and the URL
 * test of `alertmanager/secrets` and `obs import alertmanager`. These tables pin what each found
 * before the two detectors were merged (recorded with cd9c0cd's code, where `urlSecret` lived in the
 * alertmanager check): the merge changed no finding.
 */
import { describe, expect, it } from 'vitest';
import { importAlertmanager } from '../../dsl/import/alertmanager.ts';
import { OBS_SECRET_RULES, scanSecrets, urlSecret } from '../../dsl/lint/secrets.ts';

const PASSWORD = 'it carries a password (user:password@)';
const WEBHOOK = 'an incoming-webhook URL of this service is itself the credential';
const param = (name: string): string => `its ${JSON.stringify(name)} parameter is a credential`;

/** Receiver URLs (webhook url, proxy_url) and why each is a secret, as the alertmanager check said. */
const URLS: readonly (readonly [string, string | undefined])[] = [
  ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', WEBHOOK],
  ['http://hooks.slack.com/workflows/T1/A2/3/abc', WEBHOOK],
  ['https://hooks.slack.com/triggers/T1/2/abc', WEBHOOK],
  ['https://hooks.slack.com/other/x', undefined],
  ['https://example.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456', WEBHOOK],
  ['https://outlook.office.com/webhook/abc', WEBHOOK],
  ['https://outlook.office365.com/webhook/abc', WEBHOOK],
  ['https://discord.com/api/webhooks/123/abc', WEBHOOK],
  ['https://discordapp.com/api/webhooks/123/abc', WEBHOOK],
  ['https://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=abc', param('sig')],
  ['https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t', param('key')],
  ['https://chat.googleapis.com/v1/spaces/AAA/messages', WEBHOOK],
  ['https://user:pass@hooks.example.com/alert', PASSWORD],
  ['https://user@hooks.example.com/alert', undefined],
  ['ftp://u:p@host/x', PASSWORD],
  ['https://hooks.example.com/alert?token=abc123', param('token')],
  ['https://hooks.example.com/alert?Access_Token=abc', param('Access_Token')],
  ['https://hooks.example.com/alert?api_key=abc', param('api_key')],
  ['https://hooks.example.com/alert?apikey=abc', param('apikey')],
  ['https://hooks.example.com/alert?apiKey=abc', param('apiKey')],
  ['https://hooks.example.com/alert?key=abc', param('key')],
  ['https://hooks.example.com/alert?secret=abc', param('secret')],
  ['https://hooks.example.com/alert?sig=abc', param('sig')],
  ['https://hooks.example.com/alert?signature=abc', param('signature')],
  ['https://hooks.example.com/alert?auth=abc', param('auth')],
  ['https://hooks.example.com/alert?password=abc', param('password')],
  ['https://hooks.example.com/alert?pass=abc', param('pass')],
  ['https://hooks.example.com/alert?code=abc', param('code')],
  ['https://hooks.example.com/alert?a=1&token=abc', param('token')],
  ['https://hooks.example.com/alert?token=', undefined],
  ['https://hooks.example.com/alert?tokens=abc', undefined],
  ['https://hooks.example.com/alert?mytoken=abc', undefined],
  ['https://hooks.example.com/alert#token=abc', undefined],
  ['https://hooks.example.com/alert?monkey=abc', undefined],
  ['http://127.0.0.1:5001/', undefined],
  ['http://alertmanager-webhook:8080/hook', undefined],
  ['https://api.opsgenie.com/', undefined],
  ['https://events.pagerduty.com/v2/enqueue', undefined],
  ['http://proxy.example.com:3128', undefined],
  ['http://user:secret@proxy.example.com:3128', PASSWORD],
  ['https://hooks.example.com/alert/ghp_abcdefghijklmnopqrstuvwxyz0123456789', undefined],
  ['https://hooks.example.com/T/B/x@y', undefined],
  ['', undefined],
];

/** Emitted texts and secretlint's hits on them (rule without its @secretlint/secretlint-rule- prefix, message id, start, end). */
const TEXTS: readonly (readonly [string, readonly (readonly [string, string, number, number])[]])[] = [
  ['See https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX for help', [['slack', 'IncomingWebhook', 4, 81]]],
  ["password: hunter2 is the admin's", [['pattern', 'PATTERN', 0, 17]]],
  ['passwd=correcthorse', [['pattern', 'PATTERN', 0, 19]]],
  ['pwd: {{ $labels.pw }}', []],
  ['password: ${PW}', []],
  ['https://user:pass@grafana.example.com/d/abc', [['basicauth', 'BasicAuth', 0, 37]]],
  ['https://hooks.example.com/alert?token=abc123', []],
  ['AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', []],
  ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', [['github', 'GITHUB_TOKEN', 0, 40]]],
  ['sum(rate(http_requests_total{job="api"}[5m]))', []],
  ['Runbook: https://runbooks.example.com/HighErrorRate', []],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', []],
  ['xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx', [['slack', 'SLACK_TOKEN', 0, 56]]],
  ['glsa_abcdefghijklmnopqrstuvwxyz012345_abcdef01', [['grafana', 'GRAFANA_SERVICE_ACCOUNT_TOKEN', 0, 46]]],
];

describe('the secret detector', () => {
  it('classifies receiver URLs as before the merge', () => {
    expect(URLS.map(([u]) => [u, urlSecret(u)])).toEqual(URLS);
  });

  it('finds the same secrets in texts as before the merge, at the same offsets', async () => {
    const scan = await scanSecrets(TEXTS.map(([t]) => t));
    const found = TEXTS.map(([t]) => [t, (scan.get(t) ?? []).map((h) => [h.ruleId.replace('@secretlint/secretlint-rule-', ''), h.messageId, h.start, h.end])]);
    expect(found).toEqual(TEXTS);
  });

  it('has one table of its own rules: the text scan and the URL test both read it', async () => {
    expect(OBS_SECRET_RULES.map((r) => `${r.kind}: ${r.name}`)).toEqual([
      'text: password assignment', 'url: password in the URL', 'url: credential parameter', 'url: incoming-webhook URL',
    ]);
    // The text rule reaches secretlint (its pattern rule), the URL rules urlSecret.
    expect((await scanSecrets(['pwd=hunter22'])).get('pwd=hunter22')?.map((h) => h.ruleId)).toEqual(['@secretlint/secretlint-rule-pattern']);
  });

  it('makes the importer write a placeholder exactly for the webhook URLs the check reports', () => {
    const urls = URLS.map(([u]) => u).filter((u) => u !== '');
    const yaml = `route: { receiver: r0 }\nreceivers:\n${urls.map((u, i) => `  - name: r${i}\n    webhook_configs: [{ url: ${JSON.stringify(u)} }]\n`).join('')}`;
    const r = importAlertmanager(yaml, { file: 'alertmanager.yml' });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const text = r.moduleText('../dsl/index.ts');
    const placeholders = urls.filter((_u, i) => text.includes(`secretPlaceholder('R${i}_URL')`));
    expect(placeholders).toEqual(urls.filter((u) => urlSecret(u) !== undefined));
    expect(placeholders.length).toBe(URLS.filter(([, why]) => why !== undefined).length);
  });
});
