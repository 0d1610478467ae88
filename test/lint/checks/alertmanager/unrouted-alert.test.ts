import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alertmanager/unrouted-alert.ts';
import { alert, alertmanagerConfig, receiver, route, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { expectAt } from './at.ts';

const [def, team] = [receiver({ name: 'default' }), receiver({ name: 'team' })];
const config = alertmanagerConfig({ route: route({ receiver: def, routes: [route({ matchers: ['team="api"'], receiver: team })] }), receivers: [def, team] });

describe('alertmanager/unrouted-alert', () => {
  it('accepts alerts a route takes, by a static label or one the expression may keep', () => {
    expectValid(check, { alertmanager: config, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'ApiDown', expr: 'up == 0', labels: { team: 'api' } }),
      alert({ name: 'AnyDown', expr: 'sum by (team) (up) == 0' }),
    ] })] });
  });

  it('reports an alert only the root takes, at the alert', () => {
    const ds = expectInvalid(check, { alertmanager: config, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'WebDown', expr: 'up == 0', labels: { team: 'web' } }),
      alert({ name: 'Lost', expr: 'sum(up) == 0' }),
    ] })] }, [
      { messageId: 'unrouted', message: 'alert "WebDown" reaches no route but the root: it goes to the catch-all receiver "default"', line: 20, column: 7, text: 'alert' },
      { messageId: 'unrouted', message: 'alert "Lost" reaches no route but the root', line: 21, column: 7, text: 'alert' },
    ]);
    expectAt(ds.find((d) => d.message.includes('WebDown')), 'unrouted-alert.test.ts', "alert({ name: 'WebDown'");
  });
});
