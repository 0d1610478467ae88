import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/version.ts';
import { alertmanagerConfig, receiver, route, secretFile, secretPlaceholder, timeInterval } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

const teams = receiver({ name: 'teams', msteams: [{ webhookUrl: secretFile('/s/teams-url') }] });
const hook = receiver({ name: 'hook', webhook: [{ url: secretFile('/s/hook-url') }] });
const nine = timeInterval({ name: 'nine', periods: [{ times: [{ start: '09:00', end: '17:00' }], location: 'Europe/Berlin' }] });
const config = alertmanagerConfig({
  route: route({ receiver: hook, routes: [route({ matchers: ['a="b"'], receiver: teams, activeTimeIntervals: [nine] })] }),
  receivers: [hook, teams], timeIntervals: [nine],
});

describe('alertmanager/version', () => {
  it('accepts what the target reads', () => {
    expectValid(check, { modules: [], alertmanager: config, alertmanagerVersion: '0.27' });
    expectValid(check, { modules: [], alertmanagerVersion: '0.25', alertmanager: alertmanagerConfig({
      route: route({ receiver: 'hook' }),
      receivers: [receiver({ name: 'hook', webhook: [{ url: secretPlaceholder('HOOK_URL') }], pagerduty: [{ routingKey: secretFile('/s/pd') }] })],
    }) });
  });

  it('reports fields newer than the target, at the field', () => {
    const ds = expectInvalid(check, { modules: [], alertmanager: config, alertmanagerVersion: '0.24' }, [
      { messageId: 'tooOld', message: 'receiver "teams": Microsoft Teams needs Alertmanager 0.26', line: 7, column: 41 }, // no text: the locator finds the quoted word in this very line
      { messageId: 'tooOld', message: 'receiver "teams": Teams webhookUrl read from a file needs Alertmanager 0.27', line: 7, column: 65, text: 'secretFile' },
      { messageId: 'tooOld', message: 'receiver "hook": webhook url read from a file needs Alertmanager 0.26 or newer; the target is 0.24', line: 8, column: 56, text: 'secretFile' },
      { messageId: 'tooOld', message: 'time interval "nine": location needs Alertmanager 0.25', line: 9, column: 109, text: 'Europe' },
    ]);
    expectAt(ds.find((d) => d.message.includes('webhook url')), 'version.test.ts', "secretFile('/s/hook-url')");
    expectAt(ds.find((d) => d.message.includes('location')), 'version.test.ts', "Europe/Berlin'");
  });
});
