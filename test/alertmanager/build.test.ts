import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../dsl/pipeline/build.ts';
import { runRoutingTests } from '../../dsl/pipeline/routing-tests.ts';
import { findAmtoolBinary } from '../../dsl/pipeline/amtool.ts';
import { amtoolSkipReason } from '../helpers/amtool.ts';
import { createFixtureProject, parseDiagnostics, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

const skip = amtoolSkipReason();
let fx: FixtureProject | undefined;
afterEach(() => fx?.cleanup());

const ALERTS = `import { alert, ruleGroup } from '../dsl/index.ts';
export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'ApiDown', expr: 'up{job="api"} == 0', for: '1m', labels: { team: 'api', severity: 'page' }, annotations: { summary: 'api is down' } }),
  alert({ name: 'ApiSlow', expr: 'up{job="api"} == 0', for: '1m', labels: { team: 'api', severity: 'ticket' }, annotations: { summary: 'api is slow' } }),
] });
`;

const config = (extra: { template?: string; tests?: string } = {}) => `import { alertmanagerConfig, inhibitRule, notificationTemplate, receiver, route, routingTest, secretFile } from '../dsl/index.ts';
const pager = receiver({ name: 'pager', pagerduty: [{ routingKey: secretFile('/etc/am/pd-key') }] });
const chat = receiver({ name: 'chat', slack: [{ apiUrl: secretFile('/etc/am/slack-url'), channel: '#api' }] });
const fallback = receiver({ name: 'fallback', webhook: [{ url: 'http://127.0.0.1:9/hook' }] });
export default alertmanagerConfig({
  templates: [notificationTemplate({ name: 'x.tmpl', text: ${JSON.stringify(extra.template ?? '{{ define "x" }}{{ .Status }}{{ end }}')} })],
  route: route({ receiver: fallback, groupBy: ['alertname'], routes: [
    route({ matchers: ['team="api"'], receiver: chat, routes: [route({ matchers: ['severity="page"'], receiver: pager })] }),
  ] }),
  receivers: [fallback, pager, chat],
  inhibitRules: [inhibitRule({ sourceMatchers: ['severity="page"'], targetMatchers: ['severity="ticket"'], equal: ['team'] })],
  tests: [
${extra.tests ?? ''}
  ],
});
`;

describe('the Alertmanager configuration in the build', () => {
  it('is written to out/alertmanager/ byte-stable, with secrets as *_file fields', async () => {
    fx = createFixtureProject({ files: { 'alerts/api.ts': ALERTS, 'alertmanager/index.ts': config() } });
    const first = await fx.run(['build']);
    expect(first.code, first.stderr).toBe(0);
    const yml = fx.read('out/alertmanager/alertmanager.yml');
    expect(yml).toContain('routing_key_file: /etc/am/pd-key');
    expect(yml).toContain('api_url_file: /etc/am/slack-url');
    expect(yml).toContain('- team="api"');
    expect(fx.read('out/alertmanager/templates/x.tmpl')).toBe('{{ define "x" }}{{ .Status }}{{ end }}\n');
    const again = await fx.run(['build', '--check']);
    expect(again.code, again.stderr).toBe(0);
  });

  it('obs routes lists the receiver each alert reaches, and fails when one reaches only the root', async () => {
    fx = createFixtureProject({ files: { 'alerts/api.ts': ALERTS, 'alertmanager/index.ts': config() } });
    const r = await fx.run(['routes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ApiDown {2}→ pager {2}alerts\/api\.ts:3$/m);
    expect(r.stdout).toMatch(/^ApiSlow {2}→ chat {2}alerts\/api\.ts:4$/m);
    fx.relocate();
    fx.replace('alerts/api.ts', "team: 'api', severity: 'ticket'", "team: 'web', severity: 'ticket'");
    const lost = await fx.run(['routes']);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain('alert "ApiSlow" reaches no route but the root');
  });

  it.skipIf(skip)('fails when the real amtool check-config rejects the file, at the config', async () => {
    fx = createFixtureProject({ files: { 'alerts/api.ts': ALERTS, 'alertmanager/index.ts': config({ template: '{{ define "x" }}{{ .Status ' }) } });
    const r = await fx.run(['build']);
    expect(r.code).toBe(1);
    const d = parseDiagnostics(r.stderr).find((x) => x.checkId === 'alertmanager/amtool');
    expect(d?.file).toBe('alertmanager/index.ts');
    expect(d?.line).toBe(fx.lineOf('alertmanager/index.ts', 'export default alertmanagerConfig'));
    expect(r.stderr).toMatch(/template/);
  });

  it.skipIf(skip)('runs routing tests with obs and amtool, and reports a failing one at its line', async () => {
    fx = createFixtureProject({ files: { 'alerts/api.ts': ALERTS, 'alertmanager/index.ts': config({ tests: `
    routingTest({ labels: { team: 'api', severity: 'page' }, receivers: ['pager'] }),
    routingTest({ labels: { team: 'api', severity: 'ticket' }, firing: [{ team: 'api', severity: 'page' }], receivers: [] }),
    routingTest({ labels: { team: 'web', severity: 'page' }, receivers: ['pager'] }), // WRONG` }) } });
    const result = await build({ root: fx.root, dryRun: true });
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
    const run = runRoutingTests(result.project.alertmanager, result.files, findAmtoolBinary());
    expect(run.tests).toBe(3);
    expect(run.amtool).toBe(2);
    // obs's routing and amtool's both reject the wrong one; the others pass.
    expect(run.failed.map((d) => d.location?.line)).toEqual([fx.lineOf('alertmanager/index.ts', '// WRONG'), fx.lineOf('alertmanager/index.ts', '// WRONG')]);
    expect(run.failed[0]?.message).toContain('expected receivers [pager], the alert reaches [fallback]');
    expect(run.failed[1]?.message).toContain('amtool config routes test');
  });

  it.skipIf(skip)("the seed systems' routing tests pass with obs and amtool", async () => {
    const result = await build({ root: REPO_ROOT, dryRun: true });
    expect(result.ok).toBe(true);
    const run = runRoutingTests(result.project.alertmanager, result.files, findAmtoolBinary());
    expect(run.failed.map((d) => d.message)).toEqual([]);
    expect(run.tests).toBeGreaterThan(10);
    expect(run.amtool).toBeGreaterThan(5);
  }, 120_000);
});
