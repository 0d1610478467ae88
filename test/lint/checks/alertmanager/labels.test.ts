import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/labels.ts';
import { alert, alertmanagerConfig, inhibitRule, receiver, route, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

const r = receiver({ name: 'r' });
const rules = [ruleGroup({ name: 'g', rules: [
  alert({ name: 'ApiDown', expr: 'sum(up) == 0', labels: { team: 'api', severity: 'page', zone: 'eu-1' } }),
  alert({ name: 'ApiGone', expr: 'sum by (instance) (up) == 0', labels: { team: 'web', severity: 'page' } }),
  alert({ name: 'ApiSlow', expr: 'sum(up) == 0', labels: { team: 'api', severity: 'ticket' } }),
] })];

describe('alertmanager/labels', () => {
  it('accepts matchers, groupBy and equal labels the alerts carry', () => {
    expectValid(check, { modules: rules, alertmanager: alertmanagerConfig({
      route: route({ receiver: r, groupBy: ['alertname', 'instance'], routes: [route({ matchers: ['team="api"', 'env!="dev"'] })] }),
      receivers: [r], inhibitRules: [inhibitRule({ sourceMatchers: ['severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['team'] })],
    }) });
  });

  it('reports labels no alert carries, and equal labels that make an inhibition never or always hold', () => {
    const ds = expectInvalid(check, { modules: rules, alertmanager: alertmanagerConfig({
      route: route({ receiver: r, routes: [route({ matchers: ['teams="api"'] }), route({ matchers: ['team="api"'], groupBy: ['cluster'] })] }),
      receivers: [r], inhibitRules: [
        inhibitRule({ sourceMatchers: ['team="api"', 'severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['zone'] }),
        inhibitRule({ sourceMatchers: ['severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['instance'] }),
        inhibitRule({ sourceMatchers: ['severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['cluster'] }),
      ],
    }) }, [
      { messageId: 'routeMatcher', message: 'route matcher teams="api" names label "teams", which no alert of the project carries', line: 24, column: 64, text: 'teams' },
      { messageId: 'groupBy', message: 'groupBy label "cluster" is carried by none of the alerts that reach this route', line: 24, column: 127, text: 'cluster' },
      { messageId: 'equalOnSourceOnly', message: 'inhibit rule never inhibits: the source alerts always carry equal label "zone", the target alerts never do', line: 26, column: 122, text: 'zone' },
      { messageId: 'equalNotOnTargets', message: 'the target alerts never carry equal label "instance", so only a source alert without it inhibits them', line: 27, column: 108, text: 'instance' },
      { messageId: 'equalOnNeither', message: 'equal label "cluster" is carried by neither the source nor the target alerts', line: 28, column: 108, text: 'cluster' },
    ]);
    expectAt(ds.find((d) => d.message.includes('teams')), 'labels.test.ts', `teams="api"'] })`);
    expectAt(ds.find((d) => d.message.includes('never do')), 'labels.test.ts', `zone'] })`);
  });
});
