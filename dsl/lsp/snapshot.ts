/**
 * What the editor needs to know about the project as saved: every problem `obs lint` finds (all
 * checks, TS file:line:column), the metric registries, the recording rules (also those SLOs
 * generate) and the settings the checks run with.
 *
 * Taken in a child process (`obs lsp --snapshot`) on start and after each save, so the author's
 * modules never run in the server (one that loops or exits takes the child down, not the editor's
 * server) and the memory of replaced modules (Node never frees one) is the child's. The child
 * sends the snapshot over its IPC channel (stdout stays free for whatever a module prints).
 *
 * The server keeps one child per project (`SnapshotChild`, `obs lsp --snapshot`) and asks
 * it again after each save: its session evaluates again only the modules a save affected (the CLI's
 * loader hook) and reuses the check results and digests of what did not change, as watch mode
 * does. A child that fails (a broken config, a module that exits, a loop the load guard stops, a
 * hang past the timeout) is gone, and the next save starts a new one; so does one whose heap grew
 * past OBS_LSP_HEAP_BUDGET_MB (default 256) over its first snapshot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import type { StuckOutput, StuckStop } from '../core/watchdog.ts';
import { discoverModules } from '../collect/discover.ts';
import { loadProject } from '../collect/load.ts';
import { loadRegistries } from '../collect/registries.ts';
import { lintFiles } from '../pipeline/lint-files.ts';
import type { LintSettings } from '../config/lint-options.ts';
import { exprText } from '../promql/template.ts';
import { bucketBounds, type MetricDef, type MetricDefs, type RegistryData } from '../registry/index.ts';
import { lineIndex } from '../collect/line-index.ts';
import { Session } from '../core/session.ts';

export interface RecordedSeries {
  /** The recorded series name. */
  readonly name: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** The module and group it comes from. */
  readonly module: string;
  readonly group: string;
  readonly site?: SourceLocation;
}

export interface Snapshot {
  /** The Prometheus version the checks are for (`2.42`). */
  readonly target: string;
  readonly features: readonly string[];
  readonly settings: LintSettings;
  /** Every problem of the project, suppressed ones left out. */
  readonly diagnostics: readonly Diagnostic[];
  readonly registries: readonly RegistryData[];
  readonly recorded: readonly RecordedSeries[];
  /** Milliseconds the snapshot took. */
  readonly ms: number;
}

/** The project's snapshot, computed in this process (the child's side). */
export async function takeSnapshot(root: string, session?: Session): Promise<Snapshot> {
  const started = performance.now();
  const run = await lintFiles({ root, ...(session ? { session } : {}) });
  const config = run.config;
  const limits = { timeoutMs: config.load.timeoutMs };
  // The modules lint just loaded come from the module cache: these loads cost little.
  const registries = await loadRegistries(root, discoverModules(root, [config.paths.registry]), limits);
  const modules = discoverModules(root, [
    config.paths.alerts,
    config.paths.recording,
    config.paths.dashboards,
    config.paths.slos,
  ]);
  const project = await loadProject(root, modules, { buckets: bucketBounds(registries.registries) }, limits);
  const recorded: RecordedSeries[] = [];
  for (const m of project.modules) {
    for (const g of m.groups) {
      for (const r of g.rules) {
        if (r.kind !== 'record') continue;
        recorded.push({
          name: r.name,
          expr: exprText(r.expr),
          module: m.module,
          group: g.name,
          ...(r.labels ? { labels: r.labels } : {}),
          ...(r.site ? { site: r.site } : {}),
        });
      }
    }
  }
  return {
    target: config.prometheus.version,
    features: config.prometheus.features,
    settings: { policy: config.policy, lint: config.lint, registry: config.registry },
    diagnostics: run.diagnostics,
    // Plain data: only what the checks read crosses the process boundary.
    registries: registries.registries.map(
      ({ kind, name, scrapeInterval, jobs, jobIntervals, targetLabels, complete, metrics, site }) => ({
        kind,
        name,
        scrapeInterval,
        jobs,
        jobIntervals,
        targetLabels,
        complete,
        metrics: withSites(root, metrics, site),
        site,
      }),
    ),
    recorded,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Each metric with where its entry is written (`name: counter({...})` in the registry module), for
 * go-to-definition: the factories do not record it, the registry's call site and its source tell.
 */
function withSites(root: string, metrics: MetricDefs, site: SourceLocation | undefined): MetricDefs {
  if (!site) return metrics;
  let text: string;
  try {
    text = readFileSync(join(root, site.file), 'utf8');
  } catch {
    return metrics;
  }
  const lines = lineIndex(text);
  const from = lines.offsetOf(site.line, site.column);
  const out: Record<string, MetricDef> = {};
  for (const [name, def] of Object.entries(metrics)) {
    const key = new RegExp(`(?:^|[\\s{,])(['"]?)${name.replace(/[^a-zA-Z0-9_]/g, (c) => `\\${c}`)}\\1\\s*:`, 'g');
    key.lastIndex = from;
    const m = key.exec(text);
    const at = m ? m.index + m[0].length - m[0].trimStart().length : -1;
    out[name] = def.site || !m ? def : { ...def, site: { file: site.file, ...lines.pointAt(at) } };
  }
  return out;
}

export class SnapshotError extends Error {}

/** The project check ran author code into a loop that never ends: the loop, located, is its one problem. */
export class SnapshotStuck extends SnapshotError {
  constructor(
    message: string,
    readonly diagnostic: Diagnostic,
  ) {
    super(message);
  }
}

/** Starts the line of the child's stderr that carries a stop's problem (JSON) to the server. */
const STUCK_MARK = 'obs-lsp-stuck: ';

/**
 * The child's side of a stop (dsl/core/watchdog.ts): the located problem, as text and as a marked
 * JSON line on stderr (the IPC channel cannot be written now: the stopped thread never returns).
 */
export function stuckForServer(stop: StuckStop): StuckOutput {
  const d = stop.diagnostic;
  const l = d.location;
  const head = `${l ? `${l.file}:${l.line}:${l.column}  ` : ''}error  ${d.checkId}\n  ${d.message}\n`;
  return { stderr: `${head}${STUCK_MARK}${JSON.stringify(d)}\n`, code: 1 };
}

/** The problem of a stop the child told (see `stuckForServer`), from the end of its stderr. */
function stuckOf(tail: string): Diagnostic | undefined {
  const at = tail.lastIndexOf(`\n${STUCK_MARK}`);
  if (at < 0) return undefined;
  const line = tail.slice(at + 1 + STUCK_MARK.length).split('\n')[0] ?? '';
  try {
    return JSON.parse(line) as Diagnostic;
  } catch {
    return undefined;
  }
}

/** Why a child ended without answering: a loop it stopped (located), else what it wrote to stderr. */
function childFailure(
  stderr: string,
  tail: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  timeoutMs: number,
): SnapshotError {
  const stuck = stuckOf(tail);
  if (stuck) return new SnapshotStuck(stderr.split(`\n${STUCK_MARK}`)[0]!.trim(), stuck);
  return new SnapshotError(
    stderr.trim() ||
      (signal
        ? `the project check was stopped (${signal}) after ${timeoutMs} ms`
        : `the project check ended with exit code ${code}`),
  );
}

/** Longest a snapshot may take before the child is stopped (a definition module that hangs). */
const SNAPSHOT_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Takes the snapshot of the project at `root` in a child `obs lsp --snapshot`. Rejects with a
 * SnapshotError saying why when the child fails (a broken obs.config.ts, a crash): what the child
 * wrote to stderr is the message.
 */
export async function requestSnapshot(root: string, timeoutMs = SNAPSHOT_TIMEOUT_MS): Promise<Snapshot> {
  const child = new SnapshotChild(root, timeoutMs);
  try {
    return await child.take();
  } finally {
    child.dispose();
  }
}

/** `obs lsp --snapshot` in `root`, its stderr piped, answering over IPC. */
function snapshotProcess(root: string): ChildProcess {
  return spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'obs.js'), 'lsp', '--snapshot'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** What the server sends a serving child: take a snapshot of the project as saved now. */
const TAKE = 'snapshot';

/** A serving child's answer; `last`: it ends after this one. */
interface Answer {
  readonly snapshot: Snapshot;
  readonly last: boolean;
}

/**
 * One project's long-lived snapshot child (see the top of this file). `take()` calls run one after
 * another; `dispose()` ends the child.
 */
export class SnapshotChild {
  private child: ChildProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private started = 0;

  constructor(
    readonly root: string,
    private readonly timeoutMs = SNAPSHOT_TIMEOUT_MS,
  ) {}

  /** How many children this has started (one, unless a child failed or reached its heap budget). */
  get starts(): number {
    return this.started;
  }

  /** The project's snapshot as saved now; rejects with a SnapshotError saying why the child failed. */
  take(): Promise<Snapshot> {
    const next = this.queue.then(() => this.request());
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    this.disposed = true;
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  private start(): ChildProcess {
    const child = snapshotProcess(this.root);
    this.started++;
    child.stderr?.setEncoding('utf8');
    // Gone (failed, stopped, or ended to release memory): the next request starts another.
    child.on('close', () => {
      if (this.child === child) this.child = undefined;
    });
    return (this.child = child);
  }

  private request(): Promise<Snapshot> {
    if (this.disposed) return Promise.reject(new SnapshotError('the project check was stopped (server ending)'));
    const child = this.child ?? this.start();
    return new Promise((resolvePromise, reject) => {
      let stderr = '';
      /** The end of stderr, where a stop's problem is told. */
      let tail = '\n';
      const onStderr = (d: string): void => {
        if (stderr.length < 64 * 1024) stderr += d;
        tail = (tail + d).slice(-64 * 1024);
      };
      const done = (): void => {
        clearTimeout(timer);
        child.stderr?.off('data', onStderr);
        child.off('message', onMessage);
        child.off('close', onClose);
        child.off('error', onError);
      };
      const onMessage = (m: unknown): void => {
        done();
        const answer = m as Answer;
        // The child ends after this answer (its heap budget): the next request starts another.
        if (answer.last && this.child === child) this.child = undefined;
        resolvePromise(answer.snapshot);
      };
      const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        reject(childFailure(stderr, tail, code, signal, this.timeoutMs));
      };
      const onError = (e: Error): void => {
        done();
        child.kill('SIGKILL');
        reject(new SnapshotError(`cannot start obs lsp --snapshot: ${e.message}`));
      };
      const timer = setTimeout(() => child.kill('SIGKILL'), this.timeoutMs);
      child.stderr?.on('data', onStderr);
      child.on('message', onMessage);
      child.on('close', onClose);
      child.on('error', onError);
      child.send(TAKE, (e) => {
        if (e) onError(e);
      });
    });
  }
}

/**
 * The serving child's side (`obs lsp --snapshot`): a snapshot for each request, in one
 * session, until the server goes away. Ends after answering once its heap grew past the budget.
 * An error ends it too (the CLI writes it to stderr: the server shows it).
 */
export async function serveSnapshots(root: string): Promise<void> {
  const send = process.send?.bind(process);
  if (!send)
    throw new SnapshotError('obs lsp --snapshot is started by obs lsp itself (it answers over an IPC channel)');
  const session = new Session(root);
  const budget = Number(process.env.OBS_LSP_HEAP_BUDGET_MB ?? 256) * 2 ** 20;
  let baseline: number | undefined;
  const requests: string[] = [];
  let wake: (() => void) | undefined;
  process.on('message', (m) => {
    if (m === TAKE) requests.push(m);
    wake?.();
  });
  let connected = true;
  process.on('disconnect', () => {
    connected = false;
    wake?.();
  });
  for (;;) {
    if (!requests.length) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    if (!connected) return;
    if (!requests.shift()) continue;
    const snapshot = await takeSnapshot(root, session);
    const heap = process.memoryUsage().heapUsed;
    baseline ??= heap;
    const answer: Answer = { snapshot, last: heap - baseline >= budget };
    await new Promise<void>((done, fail) => send(answer, undefined, {}, (e: Error | null) => (e ? fail(e) : done())));
    if (answer.last) {
      process.disconnect();
      return;
    }
  }
}
