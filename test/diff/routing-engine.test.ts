/**
 * The routing part of the semantic diff on small hand-written trees (an alertmanager.yml in the
 * shape `obs build` writes, and a rule file), in a real git repository: which alerts move receivers
 * when only their labels change, timings in words, receiver settings without secret values, the other
 * top-level settings, and the old `match` syntax read as the matchers it means.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIFF_FORMATTERS, diffArtifacts, readGitTree, readWorkTree } from '../../dsl/diff/index.ts';
import { ruleFile, type RuleSpec } from './fixtures.ts';
import { createGitFixture, type GitFixture } from './git-fixture.ts';

let repo: GitFixture | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** The text format's lines, without the headline's note of what was compared. */
function diffLines(base: Record<string, string>, head: Record<string, string>): string[] {
  repo = createGitFixture();
  repo.write(Object.fromEntries(Object.entries(base).map(([p, c]) => [`out/${p}`, c])));
  repo.commit('base');
  repo.write(Object.fromEntries(Object.entries(head).map(([p, c]) => [`out/${p}`, c])));
  const d = diffArtifacts(readGitTree(repo.root, 'HEAD', 'out'), readWorkTree(join(repo.root, 'out')), { base: 'HEAD', head: 'working tree' });
  return DIFF_FORMATTERS.text(d).trimEnd().split('\n');
}

const DOWN: RuleSpec = { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '2m', labels: { severity: 'page', team: 'checkout' }, annotations: { summary: 'down' } };
const SLOW: RuleSpec = { alert: 'ApiSlow', expr: 'job:latency:p99 > 1', for: '10m', labels: { severity: 'ticket', team: 'checkout' }, annotations: { summary: 'slow' } };
const rules = (...rs: RuleSpec[]): string => ruleFile([{ name: 'api', rules: rs }]);

/** An alertmanager.yml as obs build writes it; `over` replaces parts of the text. */
function am(over: [string, string][] = []): string {
  let text = `global:
  resolve_timeout: 5m
  smtp_smarthost: smtp.example.com:587
route:
  receiver: catch-all
  group_by:
    - alertname
  routes:
    - receiver: checkout-slack
      matchers:
        - team="checkout"
      routes:
        - receiver: checkout-pagerduty
          matchers:
            - severity="page"
          group_wait: 30s
receivers:
  - name: catch-all
  - name: checkout-slack
    slack_configs:
      - api_url: https://hooks.slack.com/services/T000/B000/oldsecret
        channel: '#checkout'
  - name: checkout-pagerduty
    pagerduty_configs:
      - routing_key_file: /etc/alertmanager/secrets/checkout-pd
`;
  for (const [a, b] of over) {
    expect(text).toContain(a);
    text = text.replace(a, b);
  }
  return text;
}

describe('obs diff: Alertmanager routing', () => {
  it('an alert whose severity label changed moves receivers under an unchanged configuration', () => {
    const out = diffLines(
      { 'rules/api.yml': rules(DOWN, SLOW), 'alertmanager/alertmanager.yml': am() },
      { 'rules/api.yml': rules({ ...DOWN, labels: { severity: 'ticket', team: 'checkout' } }, SLOW) },
    );
    expect(out.slice(1)).toEqual([
      '~ rule group api (rules/api.yml): changed [behaviour]',
      '  ~ alert ApiDown: labels.severity: page → ticket [behaviour]',
      '~ routed alert ApiDown (severity=ticket, team=checkout): checkout-pagerduty → checkout-slack [behaviour]',
    ]);
  });

  it('timings are named with what they do to notifications, and the alerts the route takes', () => {
    const out = diffLines(
      { 'rules/api.yml': rules(DOWN, SLOW), 'alertmanager/alertmanager.yml': am() },
      { 'alertmanager/alertmanager.yml': am([['          group_wait: 30s\n', '          group_wait: 10s\n          repeat_interval: 1h\n'], ['  group_by:\n    - alertname\n  routes:', '  group_by:\n    - alertname\n  group_interval: 10m\n  routes:']]) },
    );
    expect(out.slice(1)).toEqual([
      '~ route root: group_interval: 5m → 10m: alerts joining a notified group reported later [behaviour]',
      '~ route root > {team="checkout"} > {severity="page"}: group_wait: 30s → 10s: first notification of a new group sooner; repeat_interval added: 1h; takes: ApiDown [behaviour]',
    ]);
  });

  it('a receiver\'s settings: a file path is shown, a secret value never', () => {
    const out = diffLines(
      { 'rules/api.yml': rules(DOWN, SLOW), 'alertmanager/alertmanager.yml': am() },
      { 'alertmanager/alertmanager.yml': am([['oldsecret', 'newsecret'], ['secrets/checkout-pd', 'secrets/checkout-pd-v2'], ["channel: '#checkout'", "channel: '#checkout-alerts'"]]) },
    );
    expect(out.slice(1)).toEqual([
      '~ receiver checkout-pagerduty: pagerduty_configs[0].routing_key_file: /etc/alertmanager/secrets/checkout-pd → /etc/alertmanager/secrets/checkout-pd-v2; reaches: ApiDown [behaviour]',
      '~ receiver checkout-slack: slack_configs[0].api_url: changed (secret: value not shown); slack_configs[0].channel: #checkout → #checkout-alerts; reaches: ApiSlow [behaviour]',
    ]);
    expect(out.join('\n')).not.toMatch(/oldsecret|newsecret/);
  });

  it('an inhibit rule removed names what it muted; other settings are named by their path', () => {
    const inhibit = 'inhibit_rules:\n  - source_matchers:\n      - severity="page"\n    target_matchers:\n      - severity="ticket"\n    equal:\n      - team\n';
    const out = diffLines(
      { 'rules/api.yml': rules(DOWN, SLOW), 'alertmanager/alertmanager.yml': am() + inhibit },
      { 'alertmanager/alertmanager.yml': am([['smtp.example.com:587', 'smtp2.example.com:587']]) },
    );
    expect(out[0]).toBe('obs diff HEAD → working tree: 1 inhibit rule removed; 1 other file changed (impact: 2 behaviour)');
    expect(out.slice(1)).toEqual([
      '- inhibit rule {severity="page"} mutes {severity="ticket"} with equal team: removed; mutes: ApiSlow; while firing: ApiDown [behaviour]',
      '~ other file alertmanager/alertmanager.yml: global.smtp_smarthost: smtp.example.com:587 → smtp2.example.com:587 [behaviour]',
    ]);
  });

  it('the old match syntax is the matchers it means: rewriting it is no change', () => {
    const legacy = am([['      matchers:\n        - team="checkout"\n', '      match:\n        team: checkout\n']]);
    const out = diffLines({ 'rules/api.yml': rules(DOWN, SLOW), 'alertmanager/alertmanager.yml': legacy }, { 'alertmanager/alertmanager.yml': am() });
    expect(out).toEqual(['obs diff HEAD → working tree: no semantic changes']);
  });
});
