/**
 * A watchdog for author code stuck in a synchronous loop: `while (true) {}` in a definition module,
 * in obs.config.ts, in a builder they call while loading, or in code obs calls after loading (a
 * builder callback, a `toJSON`, a getter on a definition object, a template function). Such a loop
 * never returns to the event loop, so nothing on obs's own thread (load-guard's timeout included)
 * can run again; a worker thread still can.
 *
 * While watching, this thread bumps a shared counter every HEARTBEAT_MS. When the counter has not
 * moved for the timeout, the worker connects the inspector to this thread and pauses it
 * (`Debugger.pause` interrupts even a loop without calls), then has it evaluate, at the paused
 * frame, the handler this module registered (`onStuck`). The handler runs on this thread, on top
 * of the stuck stack: it finds the author's frame that is running (mapped to the TS line:column),
 * makes the located problem (`StuckStop`), has the command holding the watch turn it into its
 * own report (`reportStuckWith`: lint's --format, watch mode's text and exit code, the editor's
 * snapshot child; plain text by default), writes that synchronously and ends the process with the
 * command's exit code (by default 1, 2 for obs.config.ts, like any other config error). When no author frame is on the stack (obs itself is busy: a huge input),
 * the handler returns and the worker lets the thread go on, watching again.
 *
 * Measured on Node 20, and why it ends the process instead of throwing out of the loop:
 * `Runtime.terminateExecution` does unwind the loop, but it also unwinds Node's own frames around
 * it, and Node then aborts (SIGABRT: "async hook stack has become corrupted" in a timer, a failed
 * assertion in a module's evaluation) in some runs. Evaluating `process.exit` from the worker was
 * worse (it ends only the worker), and a signal gave exit status 137. The paused thread exiting
 * itself is an ordinary exit. `Debugger.enable` is sent only when the heartbeat stopped (about
 * 0.1 s then); sent while the thread is busy it is still answered, as the pause is.
 *
 * The worker is plain JavaScript evaluated from a string: nothing to bundle, and it starts on its
 * own thread while this one goes on. Which module is loading is told by the importer
 * (`watchingModule(i)`): modules imported together run in order, and a marker module before each
 * one reports its index (see import-authored.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { runningAuthorSite } from './call-site.ts';
import type { Diagnostic, SourceLocation } from './diagnostic.ts';

const HEARTBEAT_MS = 100;

/** What the watched thread is doing, for the message. */
export type Activity =
  | { readonly kind: 'config'; readonly file: string }
  | { readonly kind: 'modules'; readonly labels: readonly string[] }
  | { readonly kind: 'running' };

/** The global through which the worker reaches the handler, on the watched thread. */
const STUCK = Symbol.for('obs.stuck');
/** Shared memory: the heartbeat, the timeout in ms, the index of the module loading. */
const BEAT = 0;
const TIMEOUT = 1;
const MODULE = 2;

/** The worker: checks the heartbeat; when it stops, pauses the watched thread and calls the handler there. */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { Session } = require('node:inspector');
const shared = new Int32Array(workerData.shared);
let last = -1;
let since = Date.now();
let busy = false;
async function inspect(timeoutMs) {
  const session = new Session();
  session.connectToMainThread();
  const post = (method, params) => new Promise((resolve, reject) =>
    session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  try {
    const paused = new Promise((resolve) => session.once('Debugger.paused', (m) => resolve(m.params)));
    await post('Debugger.enable');
    await post('Debugger.pause');
    const { callFrames } = await paused;
    // Returns only when the thread was not running author code (obs is busy): it goes on.
    await post('Debugger.evaluateOnCallFrame', {
      callFrameId: callFrames[0].callFrameId,
      expression: 'globalThis[Symbol.for(${JSON.stringify(STUCK.description)})]?.(' + timeoutMs + ')',
      silent: true,
    });
    await post('Debugger.resume');
  } catch {
    // the watched thread went away, or the inspector refused: nothing to do
  } finally {
    session.disconnect();
  }
}
const check = setInterval(() => {
  if (busy) return;
  const now = Atomics.load(shared, ${BEAT});
  if (now !== last) { last = now; since = Date.now(); return; }
  const timeoutMs = Atomics.load(shared, ${TIMEOUT});
  if (Date.now() - since < timeoutMs) return;
  busy = true;
  inspect(timeoutMs).finally(() => { busy = false; since = Date.now(); });
}, ${HEARTBEAT_MS});
parentPort.on('message', () => { clearInterval(check); parentPort.close(); });
`;

interface Watch {
  readonly worker: Worker;
  readonly shared: Int32Array;
  readonly heartbeat: NodeJS.Timeout;
  /** Innermost last: what runs now. */
  readonly activities: Activity[];
}

// One watched thread per process (the main thread of the CLI), so one watch: process-wide state
// that lives only while a command runs author code, set up and torn down by the scopes below.
let watch: Promise<Watch | undefined> | undefined;
let current: Watch | undefined;
let scopes = 0;
let holds = 0;
let timeoutMs = 0;
/** The command holding the watch (`build`), for the prefix of a config error. */
let command: string | undefined;
/** How the command holding the watch reports a stop (in its format); plain text when none said. */
let reporter: StuckReporter | undefined;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A stop of author code that never returned, as the command reports it. */
export interface StuckStop {
  /** The located problem: `collect/module-error` (loading), `collect/never-returns` (after loading) or `config/error`. */
  readonly diagnostic: Diagnostic;
  /** The loop is in obs.config.ts (or what it imports while loading): a config error. */
  readonly config: boolean;
  /** The last line of a text report: what the command did about it. */
  readonly summary: string;
}

/**
 * What a command prints for a stop and the exit code it ends with. Written synchronously before
 * the process ends: nothing can run after it (the stopped thread never returns).
 */
export interface StuckOutput {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly code: number;
}

/** What a command prints for a stop; undefined: the plain text report (a config error: exit 2). */
export type StuckReporter = (stop: StuckStop) => StuckOutput | undefined;

/** The located problem of the stop (see `StuckStop`). */
function stopOf(activity: Activity, site: SourceLocation, index: number, ms: number): StuckStop {
  const loop = 'a synchronous loop that does not end, such as while (true) {}, or a computation far too large';
  const longer = "a module that is merely slow can be given longer with load: { timeout: '2m' } in obs.config.ts";
  const after = `it was still running after ${seconds(ms)} without ever returning`;
  if (activity.kind === 'config') {
    const at = `${site.file}:${site.line}:${site.column}`;
    const where = activity.file === site.file ? at : `${activity.file} (running ${at})`;
    return {
      config: true,
      summary: `obs: stopped: ${activity.file} never finished loading; nothing was written`,
      diagnostic: {
        checkId: 'config/error',
        severity: 'error',
        message: `${where}: cannot load: did not finish loading: ${after} (${loop})`,
        hint: `${activity.file} must finish loading on its own: find the loop that never ends`,
        location: site,
      },
    };
  }
  if (activity.kind === 'modules') {
    const module = activity.labels[index] ?? activity.labels[0] ?? 'a definition module';
    return {
      config: false,
      summary: `obs: stopped: ${module} never finished loading; nothing was written`,
      diagnostic: {
        checkId: 'collect/module-error',
        severity: 'error',
        message: `${module} did not finish loading: ${after} (${loop}, in the module, in a module it imports or in a function it calls while loading)`,
        hint: `a definition module must finish loading on its own: find the loop that never ends; ${longer}`,
        location: site,
      },
    };
  }
  return {
    config: false,
    summary: 'obs: stopped: author code never returned; nothing was written',
    diagnostic: {
      checkId: 'collect/never-returns',
      severity: 'error',
      message: `${site.file}: code obs called after loading (a builder callback, a toJSON, a getter or a template function of a definition) ${after} (${loop})`,
      hint: `what a definition gives obs to call must return: find the loop that never ends; ${longer}`,
      location: site,
    },
  };
}

/** The report when no command said how it reports (the library under a test runner, a script): plain text on stderr. */
function plainReport(stop: StuckStop): StuckOutput {
  const d = stop.diagnostic;
  const l = d.location;
  const at = l ? `${l.file}:${l.line}:${l.column}` : '';
  if (stop.config) return { code: 2, stderr: `obs${command ? ` ${command}` : ''}: ${d.message}\n  hint: ${d.hint}\n` };
  return { code: 1, stderr: `${at}  error  ${d.checkId}\n  ${d.message}\n  hint: ${d.hint}\n${stop.summary}\n` };
}

/** Writes all of `text` to `fd` now, waiting out a full pipe (stdout may be non-blocking). */
function writeNow(fd: number, text: string): void {
  let buf = Buffer.from(text);
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return; // a reader gone away: nothing to hand over
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/**
 * Called by the worker on this thread, stopped where it was running: reports and ends the
 * process when author code is running; returns when it is obs's own work (a large input).
 */
function onStuck(ms: number): string {
  const site = runningAuthorSite();
  const activity = current?.activities.at(-1) ?? (holds > 0 ? RUNNING : undefined);
  if (!site || !activity || !current) return 'not author code';
  const stop = stopOf(activity, site, current.shared[MODULE] ?? 0, ms);
  let out: StuckOutput | undefined;
  try {
    out = reporter?.(stop);
  } catch {
    // a report that cannot be made in the command's format: the plain one says it all the same
  }
  out ??= plainReport(stop);
  if (out.stdout) writeNow(1, out.stdout);
  if (out.stderr) writeNow(2, out.stderr);
  // The worker's inspector session is still connected, and Node would print "Waiting for the
  // debugger to disconnect..." at exit: what follows the report goes nowhere.
  closeSync(2);
  openSync('/dev/null', 'w');
  (process as unknown as { reallyExit(code: number): void }).reallyExit(out.code);
  return 'exited';
}

const RUNNING: Activity = { kind: 'running' };

async function startWatch(): Promise<Watch | undefined> {
  const sab = new SharedArrayBuffer(12);
  const shared = new Int32Array(sab);
  Atomics.store(shared, TIMEOUT, timeoutMs);
  const worker = new Worker(WORKER, { eval: true, workerData: { shared: sab }, stdout: true, stderr: false });
  worker.unref();
  const heartbeat = setInterval(() => Atomics.add(shared, BEAT, 1), HEARTBEAT_MS);
  heartbeat.unref();
  // Not waited for (its start-up was on the path of every command loading author code): the worker's
  // thread starts on its own, so a loop this thread runs into before it is ready is still seen. A
  // watchdog that cannot start must not stop the command: it then runs unwatched.
  const w: Watch = { worker, shared, heartbeat, activities: [] };
  const gone = (): void => {
    clearInterval(heartbeat);
    if (current !== w) return;
    current = undefined;
    delete (globalThis as Record<symbol, unknown>)[STUCK];
  };
  worker.once('error', gone);
  worker.once('exit', gone);
  current = w;
  (globalThis as Record<symbol, unknown>)[STUCK] = onStuck;
  return w;
}

async function stopWatch(): Promise<void> {
  if (scopes > 0 || holds > 0 || !watch) return;
  const ending = watch;
  watch = undefined;
  const w = await ending;
  if (!w) return;
  clearInterval(w.heartbeat);
  delete (globalThis as Record<symbol, unknown>)[STUCK];
  if (current === w) current = undefined;
  // Awaited: a process that exits while the worker's inspector session is still connected makes
  // Node print "Waiting for the debugger to disconnect..." (the session ends with the worker).
  await w.worker.terminate();
}

/** The watch's timeout: how long author code may run without returning. */
export function setWatchTimeout(ms: number): void {
  timeoutMs = ms;
  if (current) Atomics.store(current.shared, TIMEOUT, ms);
}

/**
 * Runs `run` watched: author code it runs that never returns is stopped after the timeout with a
 * located error (see above). Resolves `run`'s result once the watch is set up around it. Nested
 * scopes share one watch; the innermost activity names what runs.
 */
export async function watchAuthorCode<T>(activity: Activity, ms: number, run: () => Promise<T>): Promise<T> {
  setWatchTimeout(ms);
  scopes++;
  const w = await (watch ??= startWatch());
  w?.activities.push(activity);
  if (activity.kind === 'modules') watchingModule(0);
  try {
    return await run();
  } finally {
    if (w) {
      const i = w.activities.lastIndexOf(activity);
      if (i >= 0) w.activities.splice(i, 1);
    }
    scopes--;
    await stopWatch();
  }
}

/** Module `index` (of the activity's labels) starts loading. */
export function watchingModule(index: number): void {
  if (!current) return;
  Atomics.store(current.shared, MODULE, index);
  Atomics.add(current.shared, BEAT, 1);
}

/**
 * Keeps a watch that author code starts (loading a module starts one) running until `run` ends,
 * so what obs calls after loading is watched too: the CLI holds it for a whole command. Starts
 * nothing by itself: a command that loads no author code runs no worker.
 */
export async function holdAuthorCodeWatch<T>(name: string, run: () => Promise<T>): Promise<T> {
  holds++;
  const outer = command;
  const outerReporter = reporter;
  command = name;
  try {
    return await run();
  } finally {
    holds--;
    command = outer;
    reporter = outerReporter;
    await stopWatch();
  }
}

/**
 * How the command holding the watch reports a stop of author code that never returned: in its
 * output format, with its exit code (see `StuckOutput`). Lasts until the hold ends; without a
 * hold (the library called by a script) the plain text report stands.
 */
export function reportStuckWith(report: StuckReporter): void {
  if (holds > 0) reporter = report;
}
