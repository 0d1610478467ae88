import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/config.ts';
import { alertmanagerConfig, receiver, route, routingTest, secretFile, timeInterval } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

const slack = receiver({ name: 'team-slack', slack: [{ apiUrl: secretFile('/s/slack'), channel: '#team' }] });

describe('alertmanager/config', () => {
  it('accepts a complete configuration', () => {
    const hours = timeInterval({ name: 'hours', periods: [{ times: [{ start: '09:00', end: '17:00' }], weekdays: ['monday:friday'] }] });
    expectValid(check, { modules: [], alertmanager: alertmanagerConfig({
      route: route({ receiver: slack, groupWait: '30s', routes: [route({ matchers: ['team="a"', 'severity=~"page|ticket"'], receiver: 'team-slack', muteTimeIntervals: [hours] })] }),
      receivers: [slack], timeIntervals: [hours], tests: [routingTest({ labels: { team: 'a' }, receivers: ['team-slack'] })],
    }) });
  });

  it('reports undefined receivers and intervals, bad matchers, durations and times, duplicates, incomplete integrations', () => {
    const ds = expectInvalid(check, { modules: [], alertmanager: alertmanagerConfig({
      route: route({ receiver: slack, routes: [
        route({ matchers: ['team="a"'], receiver: 'team-slak' }),
        route({ matchers: ['team=~"(a"'], receiver: slack, groupWait: '30 seconds', muteTimeIntervals: ['nights'] }),
      ] }),
      receivers: [slack, receiver({ name: 'team-slack' }), receiver({ name: 'mail', email: [{ to: '' }], pagerduty: [{}] })],
      timeIntervals: [timeInterval({ name: 'hours', periods: [{ times: [{ start: '9am', end: '17:00' }] }] })],
    }) }, [
      { messageId: 'undefinedReceiver', message: 'a route names receiver "team-slak", which is not defined', line: 21, column: 52, text: 'team' },
      { messageId: 'matcher', message: 'the regular expression of "team=~\\"(a\\"" does not compile', line: 22, column: 29, text: 'team' },
      { messageId: 'duration', message: 'groupWait "30 seconds" is not a duration', line: 22, column: 72, text: '30' },
      { messageId: 'undefinedInterval', message: 'a route names time interval "nights", which is not defined', line: 22, column: 106, text: 'nights' },
      { messageId: 'duplicateReceiver', message: 'two receivers are named "team-slack"', line: 24, column: 26, text: 'receiver' },
      { messageId: 'pagerdutyKey', message: 'receiver "mail": a PagerDuty config needs exactly one of routingKey', line: 24, column: 60, text: 'receiver' },
      { messageId: 'emailTo', message: 'receiver "mail": an e-mail config has no "to"', line: 24, column: 60, text: 'receiver' },
      { messageId: 'emailFrom', message: 'receiver "mail": e-mail needs a sender', line: 24, column: 60, text: 'receiver' },
      { messageId: 'emailSmarthost', message: 'receiver "mail": e-mail needs an SMTP smarthost', line: 24, column: 60, text: 'receiver' },
      { messageId: 'timeOfDay', message: 'time interval "hours": "9am" is not a time of day', line: 25, column: 83, text: '9am' },
    ]);
    expectAt(ds.find((d) => d.message.includes('team-slak')), 'config.test.ts', "team-slak'");
    expectAt(ds.find((d) => d.message.includes('30 seconds')), 'config.test.ts', "30 seconds'");
    expectAt(ds.find((d) => d.message.includes('9am')), 'config.test.ts', "9am'");
  });

  it('requires a root receiver', () => {
    expectInvalid(check, { modules: [], alertmanager: alertmanagerConfig({ route: route({}), receivers: [slack] }) }, [
      { messageId: 'rootReceiver', message: 'the root route has no receiver', line: 44, column: 83, text: 'route' },
    ]);
  });
});
