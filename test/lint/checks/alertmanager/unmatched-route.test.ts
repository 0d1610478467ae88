import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/unmatched-route.ts';
import { alert, alertmanagerConfig, inhibitRule, receiver, route, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

const r = receiver({ name: 'r' });
const rules = [ruleGroup({ name: 'g', rules: [
  alert({ name: 'ApiDown', expr: 'up == 0', labels: { team: 'api', severity: 'page' } }),
  alert({ name: 'ApiSlow', expr: 'up == 0', labels: { team: 'api', severity: 'ticket' } }),
] })];

describe('alertmanager/unmatched-route', () => {
  it('accepts routes and inhibit rules that alerts reach', () => {
    expectValid(check, { modules: rules, alertmanager: alertmanagerConfig({
      route: route({ receiver: r, routes: [route({ matchers: ['team="api"'], routes: [route({ matchers: ['severity="page"'] })] })] }),
      receivers: [r], inhibitRules: [inhibitRule({ sourceMatchers: ['severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['team'] })],
    }) });
  });

  it('reports routes no alert reaches (typo, shadowed) and inhibit rules that match nothing', () => {
    const ds = expectInvalid(check, { modules: rules, alertmanager: alertmanagerConfig({
      route: route({ receiver: r, routes: [
        route({ matchers: ['team="apy"'], routes: [route({ matchers: ['severity="page"'] })] }),
        route({ matchers: ['team="api"'] }),
        route({ matchers: ['team="api"', 'severity="page"'] }),
      ] }),
      receivers: [r], inhibitRules: [inhibitRule({ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="ticket"'] })],
    }) }, [
      { messageId: 'unreached', message: 'no alert of the project reaches route root > {team="apy"}', line: 24, column: 9, text: 'route' },
      { messageId: 'shadowed', message: 'no alert of the project reaches route root > {team="api", severity="page"}: an earlier route without continue takes every alert it matches', line: 26, column: 9, text: 'route' },
      { messageId: 'inhibitSide', message: 'inhibit rule never inhibits: no alert of the project matches its source matchers severity="critical"', line: 28, column: 38, text: 'inhibitRule' },
    ]);
    expectAt(ds.find((d) => d.message.includes('apy')), 'unmatched-route.test.ts', `route({ matchers: ['team="apy"']`);
  });
});
