/**
 * Every generated rule loads and evaluates healthy in a real Prometheus: the repo's project is
 * built into a temporary directory, a Prometheus (the target version's server binary) is started
 * on a free loopback port with every generated rule file, and /api/v1/rules is polled until each
 * rule has been evaluated at least once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../../dsl/core/duration.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';
import { freeLoopbackPort, prometheusSkipReason, startPrometheus, tearDownLive, type RunningPrometheus } from '../helpers/prometheus.ts';

const skip = prometheusSkipReason();

interface EmittedGroup {
  readonly file: string;
  readonly name: string;
  readonly intervalMs: number;
  readonly rules: readonly string[];
}

interface ApiRule {
  readonly name: string;
  readonly type: 'alerting' | 'recording';
  readonly health: string;
  readonly lastError?: string;
  readonly lastEvaluation: string;
}

interface ApiGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly ApiRule[];
}

const NEVER = '0001-01-01T00:00:00Z';
const GLOBAL_INTERVAL_MS = 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)('every generated rule loads and evaluates healthy in a real Prometheus', () => {
  let project: FixtureProject | undefined;
  let work: string | undefined;
  let server: RunningPrometheus | undefined;
  let emitted: EmittedGroup[] = [];
  let groups: ApiGroup[] = [];
  let pollMs = 0;

  beforeAll(async () => {
    project = createFixtureProject({ prefix: 'obs-live-' });
    project.copyFromRepo('alerts', 'recording', 'slos', 'registry', 'obs.config.ts');
    const built = await project.run(['build']);
    expect(built.code, built.stderr).toBe(0);

    for (const [path, bytes] of project.snapshot()) {
      if (!path.startsWith('rules/')) continue;
      const doc = parse(bytes.toString('utf8')) as { groups: { name: string; interval?: string; rules: { alert?: string; record?: string }[] }[] };
      for (const g of doc.groups) {
        const interval = g.interval ? parseDuration(g.interval) : undefined;
        emitted.push({
          file: join(project.root, 'out', path), name: g.name,
          intervalMs: interval?.ok ? interval.ms : GLOBAL_INTERVAL_MS,
          rules: g.rules.map((r) => r.alert ?? r.record ?? '?'),
        });
      }
    }
    expect(emitted.length, 'rule groups emitted').toBeGreaterThan(0);

    work = mkdtempSync(join(tmpdir(), 'obs-prometheus-'));
    const port = await freeLoopbackPort();
    const configFile = join(work, 'prometheus.yml');
    const ruleFiles = [...new Set(emitted.map((g) => g.file))];
    writeFileSync(configFile, [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`),
      'scrape_configs:',
      '  - job_name: prometheus',
      '    static_configs:',
      `      - targets: ["127.0.0.1:${port}"]`,
      '',
    ].join('\n'));
    server = await startPrometheus({ configFile, dataDir: join(work, 'data'), port });

    // A group is first evaluated at most one interval after it is loaded: wait for the slowest
    // group (the repo's recording group runs every 30s), plus slack; never longer.
    pollMs = Math.max(...emitted.map((g) => g.intervalMs)) + 10_000;
    const deadline = Date.now() + pollMs;
    for (;;) {
      const res = await fetch(`${server.url}/api/v1/rules`, { signal: AbortSignal.timeout(2000) });
      expect(res.ok, `GET /api/v1/rules: ${res.status}`).toBe(true);
      const body = (await res.json()) as { status: string; data: { groups: ApiGroup[] } };
      groups = body.data.groups;
      const rules = groups.flatMap((g) => g.rules);
      const evaluated = rules.length > 0 && rules.every((r) => r.lastEvaluation && r.lastEvaluation !== NEVER);
      if (evaluated || Date.now() > deadline) break;
      await sleep(250);
    }
  }, 90_000);

  afterAll(() => tearDownLive(server, work, project));

  it('loads as many rules as the build emitted, in the same groups and files', () => {
    const loaded = groups.map((g) => `${g.file} ${g.name}: ${g.rules.map((r) => r.name).join(', ')}`).sort();
    const expected = emitted.map((g) => `${g.file} ${g.name}: ${g.rules.join(', ')}`).sort();
    expect(loaded, server?.log().slice(-3000)).toEqual(expected);
    expect(groups.flatMap((g) => g.rules)).toHaveLength(emitted.reduce((n, g) => n + g.rules.length, 0));
  });

  it(`evaluates every rule at least once (within the slowest group's interval + 10 s)`, () => {
    const never = groups.flatMap((g) => g.rules.filter((r) => !r.lastEvaluation || r.lastEvaluation === NEVER).map((r) => `${g.name}/${r.name}`));
    expect(never, `not evaluated within ${pollMs} ms`).toEqual([]);
  });

  it('every rule is healthy: health "ok" and no lastError', () => {
    const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok' || (r.lastError ?? '') !== '')
      .map((r) => `${g.name}/${r.name}: health=${r.health} lastError=${r.lastError ?? ''}`));
    expect(unhealthy).toEqual([]);
  });
});
