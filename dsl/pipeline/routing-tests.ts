/**
 * The routing tests of the Alertmanager configuration (`routingTest(...)`): each alert's labels must
 * reach exactly the expected receivers, in order. obs's routing follows Alertmanager's and also
 * applies inhibitions (`firing`) and time intervals (`at`); tests without those also run through the
 * real `amtool config routes test` against the built file, so obs's reading cannot drift from
 * Alertmanager's. A failing test is reported at its TS line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inhibitedBy, matchRoutes, routeSendsAt, routeTree, type RoutingTest } from '../alertmanager/index.ts';
import type { AlertmanagerEntry } from '../collect/project.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { ALERTMANAGER_FILE, type Artifact } from '../emit/index.ts';
import { substitutePlaceholders } from './amtool.ts';

export interface RoutingTestRun {
  readonly tests: number;
  readonly failed: readonly Diagnostic[];
  /** How many tests amtool also ran (0 without amtool). */
  readonly amtool: number;
}

/** The receivers an alert with `t.labels` notifies, by obs's reading of Alertmanager's routing. */
export function receiversOf(entry: AlertmanagerEntry, t: Pick<RoutingTest, 'labels' | 'firing' | 'at'>): string[] {
  const tree = routeTree(entry.config);
  if (t.firing?.length && inhibitedBy(entry.config.inhibitRules ?? [], t.labels, t.firing)) return [];
  const intervals = new Map((entry.config.timeIntervals ?? []).map((i) => [i.name, i]));
  const at = t.at !== undefined ? new Date(t.at) : undefined;
  return matchRoutes(tree, t.labels)
    .filter((n) => !at || routeSendsAt(n, intervals, at))
    .map((n) => n.receiver);
}

const nameOf = (t: RoutingTest): string =>
  t.name ??
  Object.entries(t.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** `keep`: which tests run (by name and module); default all. */
export function runRoutingTests(
  entry: AlertmanagerEntry | undefined,
  files: readonly Artifact[],
  amtool: string | undefined,
  keep?: (name: string, module: string) => boolean,
): RoutingTestRun {
  const tests = (entry?.config.tests ?? []).filter((t) => !entry || !keep || keep(nameOf(t), entry.module));
  if (!entry || tests.length === 0) return { tests: 0, failed: [], amtool: 0 };
  const failed: Diagnostic[] = [];
  const fail = (t: RoutingTest, message: string): void => {
    failed.push({
      checkId: 'test/routing',
      severity: 'error',
      message: `routing test ${JSON.stringify(nameOf(t))} failed: ${message}`,
      location: t.site ?? { file: entry.module, line: 1, column: 1 },
    });
  };
  for (const t of tests) {
    if (t.at !== undefined && Number.isNaN(new Date(t.at).getTime())) {
      fail(t, `at ${JSON.stringify(t.at)} is not an ISO 8601 instant`);
      continue;
    }
    const got = receiversOf(entry, t);
    if (got.join(',') !== t.receivers.join(','))
      fail(t, `expected receivers [${t.receivers.join(', ')}], the alert reaches [${got.join(', ')}]`);
  }
  let ran = 0;
  const file = files.find((f) => f.path === ALERTMANAGER_FILE);
  const plain = tests.filter((t) => !t.firing?.length && t.at === undefined && t.receivers.length > 0);
  if (amtool && file && plain.length) {
    const dir = mkdtempSync(join(tmpdir(), 'obs-routes-'));
    try {
      for (const f of files.filter((x) => x.path.startsWith('alertmanager/'))) {
        const p = join(dir, ...f.path.split('/'));
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, f === file ? substitutePlaceholders(f.content) : f.content);
      }
      for (const t of plain) {
        const args = [
          'config',
          'routes',
          'test',
          `--config.file=${join(dir, ...ALERTMANAGER_FILE.split('/'))}`,
          `--verify.receivers=${t.receivers.join(',')}`,
          ...Object.entries(t.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
        ];
        const res = spawnSync(amtool, args, { encoding: 'utf8', timeout: 30_000 });
        ran++;
        if (res.status !== 0)
          fail(
            t,
            `amtool config routes test: ${`${res.stdout ?? ''}${res.stderr ?? ''}`.trim() || res.error?.message}`,
          );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { tests: tests.length, failed, amtool: ran };
}
