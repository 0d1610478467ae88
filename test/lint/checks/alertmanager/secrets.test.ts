import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/secrets.ts';
import { alertmanagerConfig, receiver, route, secretFile, secretPlaceholder, type Secret } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

/** What a JavaScript module, or a cast, can pass where the types want a Secret. */
const literal = (s: string): Secret => s as unknown as Secret;

describe('alertmanager/secrets', () => {
  it('accepts secret files, placeholders and plain webhook URLs', () => {
    const r = receiver({
      name: 'r',
      slack: [{ apiUrl: secretFile('/s/slack') }],
      pagerduty: [{ routingKey: secretPlaceholder('PD_KEY') }],
      webhook: [{ url: 'https://hooks.example.com/alerts', httpConfig: { authorization: { credentials: secretFile('/s/token') } } }],
    });
    expectValid(check, { modules: [], alertmanager: alertmanagerConfig({ route: route({ receiver: r }), receivers: [r] }) });
  });

  it('reports literal secrets and webhook URLs carrying credentials, where they are written', () => {
    const r = receiver({
      name: 'r',
      slack: [{ apiUrl: literal('https://hooks.slack.com/services/T000/B000/XXXXSECRET') }],
      email: [{ to: 'a@example.com', authPassword: literal('hunter2-smtp') }],
      webhook: [{ url: 'https://alerts.example.com/hook?token=abc123secret' }, { url: 'https://bot:pa55word@alerts.example.com/hook' }],
    });
    const ds = expectInvalid(check, { modules: [], alertmanager: alertmanagerConfig({ route: route({ receiver: r }), receivers: [r], global: { smtpAuthPassword: literal('global-pw-1') } }) }, [
      { messageId: 'literal', message: 'receiver "r": Slack apiUrl is a literal secret', line: 24, column: 34, text: 'https' },
      { messageId: 'literal', message: 'receiver "r": e-mail authPassword is a literal secret', line: 25, column: 61, text: 'hunter2' },
      { messageId: 'webhookUrl', message: 'the webhook url is a secret (its "token" parameter is a credential)', line: 26, column: 25, text: 'https' },
      { messageId: 'webhookUrl', message: 'the webhook url is a secret (it carries a password (user:password@))', line: 26, column: 88, text: 'https' },
      { messageId: 'literal', message: 'global.smtpAuthPassword is a literal secret', line: 28, column: 171, text: 'global' },
    ]);
    expectAt(ds.find((d) => d.message.includes('Slack')), 'secrets.test.ts', "https://hooks.slack.com/services/T000");
    expectAt(ds.find((d) => d.message.includes('"token"')), 'secrets.test.ts', 'https://alerts.example.com/hook?token');
  });
});
