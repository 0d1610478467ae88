/**
 * The whole chain with real programs on loopback: a fixture project is built; a real Prometheus
 * evaluates the built rules (an alert over vector(1) fires at once) and sends to a real Alertmanager
 * running the built out/alertmanager/alertmanager.yml, whose webhook receiver is a small HTTP server
 * here. The receiver must get the grouped notification the route describes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amtoolSkipReason } from '../helpers/amtool.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';
import { findTool, toolSkipReason } from '../helpers/promtool.ts';
import { freeLoopbackPort, prometheusSkipReason, startPrometheus, type RunningPrometheus } from '../helpers/prometheus.ts';

const alertmanagerBin = findTool([process.env.OBS_ALERTMANAGER, '/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager', 'alertmanager']);
const skip = prometheusSkipReason() ?? amtoolSkipReason()
  ?? toolSkipReason(alertmanagerBin !== null, 'alertmanager server not found (apt-get install -y prometheus-alertmanager); skipping the live routing test');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Notification {
  readonly path: string;
  readonly body: { receiver: string; status: string; groupLabels: Record<string, string>; commonAnnotations: Record<string, string>; alerts: { labels: Record<string, string> }[] };
}

describe.skipIf(skip !== undefined)('Prometheus → Alertmanager → webhook, with the built rules and routing', () => {
  let project: FixtureProject | undefined;
  let work: string | undefined;
  let prometheus: RunningPrometheus | undefined;
  let alertmanager: ChildProcess | undefined;
  let amLog = '';
  let amUrl = '';
  let hook: Server | undefined;
  const received: Notification[] = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        try {
          received.push({ path: req.url ?? '', body: JSON.parse(body) as Notification['body'] });
        } catch {
          // not a notification
        }
        res.writeHead(200).end();
      });
    });
    const hookPort = await freeLoopbackPort();
    await new Promise<void>((resolve) => hook!.listen(hookPort, '127.0.0.1', resolve));
    project = createFixtureProject({
      files: {
        'alerts/chain.ts': `import { alert, ruleGroup } from '../dsl/index.ts';
export const chain = ruleGroup({ name: 'chain', interval: '1s', rules: [
  alert({ name: 'ChainAlwaysFiring', expr: 'vector(1)', labels: { team: 'api', severity: 'page' }, annotations: { summary: 'the chain works', runbook_url: 'https://runbooks.example.com/chain' } }),
  alert({ name: 'ChainAlsoFiring', expr: 'vector(2)', labels: { team: 'api', severity: 'page' }, annotations: { summary: 'the chain works', runbook_url: 'https://runbooks.example.com/chain' } }),
] });
`,
        'alertmanager/index.ts': `import { alertmanagerConfig, receiver, route } from '../dsl/index.ts';
const hook = receiver({ name: 'api-hook', webhook: [{ url: 'http://127.0.0.1:${hookPort}/api' }] });
const fallback = receiver({ name: 'fallback', webhook: [{ url: 'http://127.0.0.1:${hookPort}/fallback' }] });
export default alertmanagerConfig({
  route: route({ receiver: fallback, groupBy: ['team'], groupWait: '1s', groupInterval: '1s', routes: [route({ matchers: ['team="api"'], receiver: hook })] }),
  receivers: [fallback, hook],
});
`,
      },
    });
    const built = await project.run(['build']);
    if (built.code !== 0) throw new Error(`build failed:\n${built.stderr}`);
    work = mkdtempSync(join(tmpdir(), 'obs-am-live-'));
    const amPort = await freeLoopbackPort();
    alertmanager = spawn(alertmanagerBin!.path, [
      `--config.file=${join(project.root, 'out/alertmanager/alertmanager.yml')}`, `--storage.path=${join(work, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    alertmanager.stdout?.on('data', (b: Buffer) => (amLog += b.toString('utf8')));
    alertmanager.stderr?.on('data', (b: Buffer) => (amLog += b.toString('utf8')));
    amUrl = `http://127.0.0.1:${amPort}`;
    const deadline = Date.now() + 20_000;
    while (!(await fetch(`http://127.0.0.1:${amPort}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false))) {
      if (alertmanager.exitCode !== null || Date.now() > deadline) throw new Error(`alertmanager did not start:\n${amLog.slice(-3000)}`);
      await sleep(100);
    }
    const config = join(work, 'prometheus.yml');
    writeFileSync(config, `global:
  evaluation_interval: 1s
rule_files:
  - ${join(project.root, 'out/rules/alerts/chain.yml')}
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:${amPort}']
`);
    prometheus = await startPrometheus({ configFile: config, dataDir: join(work, 'prom'), port: await freeLoopbackPort(),
      // Alerts fired before the Alertmanager is discovered are sent again after this delay (default 1m).
      args: ['--rules.alert.resend-delay=1s'] });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (alertmanager && alertmanager.exitCode === null) {
      const exited = new Promise((r) => alertmanager!.once('exit', r));
      alertmanager.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => alertmanager!.kill('SIGKILL'))]);
    }
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
    if (work) rmSync(work, { recursive: true, force: true });
    project?.cleanup();
  }, 30_000);

  it('the route\'s webhook receiver gets both firing alerts in one notification grouped by team', async () => {
    const deadline = Date.now() + 45_000;
    let both: Notification | undefined;
    while (!both && Date.now() < deadline) {
      both = received.find((n) => n.body.status === 'firing' && n.body.alerts.length === 2);
      if (!both) await sleep(250);
    }
    const seen = both ? '' : `prometheus alerts: ${await fetch(`${prometheus?.url}/api/v1/alerts`).then((r) => r.text(), String)}\nalertmanager alerts: ${await fetch(`${amUrl}/api/v2/alerts`).then((r) => r.text(), String)}`;
    expect(both, `${seen}\nnotifications: ${JSON.stringify(received)}\nalertmanager:\n${amLog.slice(-2000)}\nprometheus:\n${prometheus?.log().split("\n").filter((l) => /notif|alertmanager|error/i.test(l)).join("\n").slice(-3000)}`).toBeDefined();
    expect(both!.path).toBe('/api');
    expect(both!.body.receiver).toBe('api-hook');
    expect(both!.body.groupLabels).toEqual({ team: 'api' });
    expect(both!.body.alerts.map((a) => a.labels.alertname).sort()).toEqual(['ChainAlsoFiring', 'ChainAlwaysFiring']);
    expect(both!.body.commonAnnotations.runbook_url).toBe('https://runbooks.example.com/chain');
    expect(received.some((n) => n.path === '/fallback')).toBe(false);
  }, 60_000);
});
