/**
 * `obs diff` on Alertmanager routing, in a real git repository made in a temp dir: this
 * repository's definitions and routing are copied and committed with their built out/, then the
 * routing is edited as a pull request would (a route's matcher, an inhibit rule, a receiver's
 * channel), rebuilt with the real `obs build` (which runs amtool) and diffed with the real `obs`
 * binary. The lines are pinned exactly.
 */
import { describe, expect, it } from 'vitest';
import { outputLines, scenarioSuite } from './scenario-project.ts';

const suite = scenarioSuite('obs-diff-routing-', ['registry', 'dashboards', 'slos', 'alerts', 'recording', 'alertmanager', 'obs.config.ts']);
const scenario = suite.scenario;
const lines = outputLines;

const PAGE_ROUTE = `route({ matchers: ['severity="page"'], receiver: paymentsPager`;
const STOP_PAGING = `route({ matchers: ['severity="page"', 'alertname!~"CheckoutApi(Down|HighErrorRate)"'], receiver: paymentsPager`;

describe('obs diff on Alertmanager routing', () => {
  it('a route\'s matcher changed: the two alerts it no longer takes move receivers, the route names what it still takes', async () => {
    const r = await scenario([['alertmanager/checkout.ts', PAGE_ROUTE, STOP_PAGING]]);
    expect(r.code).toBe(0);
    expect(lines(r)).toEqual([
      'obs diff HEAD → working tree: 2 routed alerts changed; 1 route changed (impact: 3 behaviour)',
      'note: compared: out/ in the working tree (uncommitted changes in 2 files) with out/ at HEAD (commit C)',
      '~ routed alert CheckoutApiDown (severity=page, team=payments): payments-pager → payments-alerts [behaviour]',
      '~ routed alert CheckoutApiHighErrorRate (severity=page, team=payments): payments-pager → payments-alerts [behaviour]',
      '~ route root > {team="payments"} > {severity="page", alertname!~"CheckoutApi(Down|HighErrorRate)"}: matchers: severity="page" → severity="page", alertname!~"CheckoutApi(Down|HighErrorRate)"; takes: CheckoutApiAvailabilityErrorBudgetBurn, CheckoutApiLatencyErrorBudgetBurn, CheckoutWebProbeAvailabilityErrorBudgetBurn [behaviour]',
    ]);
  }, 180_000);

  it('a new inhibit rule names the alerts it mutes and the ones that mute them', async () => {
    const r = await scenario([
      ['alertmanager/index.ts', "import { alertmanagerConfig, receiver, route } from '../dsl/index.ts';", "import { alertmanagerConfig, inhibitRule, receiver, route } from '../dsl/index.ts';"],
      ['alertmanager/index.ts', '...keiko.keikoInhibitions]', `...keiko.keikoInhibitions, inhibitRule({ sourceMatchers: ['alertname="CheckoutApiDown"'], targetMatchers: ['team="payments"', 'alertname!="CheckoutApiDown"'], equal: ['team'] })]`],
    ]);
    expect(r.code).toBe(0);
    expect(lines(r)).toEqual([
      'obs diff HEAD → working tree: 1 inhibit rule added (impact: 1 behaviour)',
      'note: compared: out/ in the working tree (uncommitted changes in 2 files) with out/ at HEAD (commit C)',
      '+ inhibit rule {alertname="CheckoutApiDown"} mutes {team="payments", alertname!="CheckoutApiDown"} with equal team: added; mutes: CheckoutApiHighErrorRate, CheckoutApiSlow, CheckoutApiAvailabilityErrorBudgetBurn, CheckoutApiLatencyErrorBudgetBurn, CheckoutApiTenantFastErrorBudgetBurn and 2 more; while firing: CheckoutApiDown [behaviour]',
    ]);
  }, 180_000);

  it('a receiver\'s channel changed: the setting, before and after, and the alerts it reaches; markdown and JSON say the same', async () => {
    const edit: [string, string, string] = ['alertmanager/checkout.ts', "channel: '#payments-alerts'", "channel: '#payments-tickets'"];
    const r = await scenario([edit]);
    expect(r.code).toBe(0);
    expect(lines(r).slice(2)).toEqual([
      '~ receiver payments-alerts: slack_configs[0].channel: #payments-alerts → #payments-tickets; reaches: CheckoutApiSlow, CheckoutApiAvailabilityErrorBudgetBurn, CheckoutApiLatencyErrorBudgetBurn, CheckoutApiTenantFastErrorBudgetBurn, CheckoutApiTenantErrorBudgetBurn and 1 more [behaviour]',
    ]);
    const md = await scenario([edit], 'markdown');
    expect(md.stdout).toContain([
      '#### Alertmanager routing',
      '',
      '| | alert / route / receiver / inhibit rule | what changed | impact |',
      '|---|---|---|---|',
      '| ~ | receiver `payments-alerts` | slack\\_configs\\[0\\].channel: `#payments-alerts` → `#payments-tickets`; reaches: CheckoutApiSlow, CheckoutApiAvailabilityErrorBudgetBurn, CheckoutApiLatencyErrorBudgetBurn, CheckoutApiTenantFastErrorBudgetBurn, CheckoutApiTenantErrorBudgetBurn and 1 more | behaviour |',
    ].join('\n'));
    const json = JSON.parse((await scenario([edit], 'json')).stdout) as { changes: unknown[]; summary: unknown };
    expect(json.summary).toEqual({ counts: { receiver: { changed: 1 } }, impact: { identity: 0, behaviour: 1, presentation: 0 } });
    expect(json.changes).toEqual([expect.objectContaining({
      entity: 'receiver', change: 'changed', name: 'payments-alerts', impact: 'behaviour',
      fields: [
        { field: 'slack_configs[0].channel', before: '#payments-alerts', after: '#payments-tickets', impact: 'behaviour' },
        expect.objectContaining({ field: 'reaches' }),
      ],
    })]);
  }, 240_000);
});
