/**
 * A watchdog for definition modules stuck in a synchronous loop (`while (true) {}` at the top level
 * or in a builder they call while loading). Such a loop never returns to the event loop, so
 * nothing on obs's own thread (load-guard's timeout included) can run again; a worker thread
 * still can. While modules load, this thread bumps a shared counter every HEARTBEAT_MS; when the
 * counter has not moved for `load.timeout`, the worker prints a located error for the module that
 * was being loaded and kills the process (SIGKILL: a shell shows exit status 137).
 *
 * A worker cannot stop another thread's JavaScript, and `process.exit` in a worker ends only the
 * worker; a signal is what ends the process for sure (C's exit() called from the worker, through
 * WASI's proc_exit, gave exit code 1 but crashed with SIGSEGV in some runs, its exit handlers racing
 * the looping thread). The worker is plain JavaScript evaluated from a string: nothing to bundle,
 * and it starts on its own thread while this one goes on loading.
 *
 * Which module is loading is told by the importer (`loading(i)`): modules imported together run in
 * order, and a marker module before each one reports its index (see import-authored.ts).
 */
import { Worker } from 'node:worker_threads';

const HEARTBEAT_MS = 100;

export interface LoadWatchdog {
  /** Module `index` (of the labels given) starts loading. */
  loading(index: number): void;
  stop(): void;
}

/** The worker: checks the heartbeat, and when it stops, reports and ends the process. */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beat = new Int32Array(workerData.shared);
const { labels, timeoutMs, seconds } = workerData;
let last = -1;
let since = Date.now();
const check = setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) { last = now; since = Date.now(); return; }
  if (Date.now() - since < timeoutMs) return;
  clearInterval(check);
  const index = Atomics.load(beat, 1);
  const module = labels[index] ?? labels[0] ?? 'a definition module';
  writeSync(2, module + ':1:1  error  collect/module-error\\n'
    + '  ' + module + ' did not finish loading: it was still running after ' + seconds + ' without ever returning (a synchronous loop that does not end, such as while (true) {}, in the module, in a module it imports or in a function it calls while loading)\\n'
    + '  hint: a definition module must finish loading on its own: find the loop that never ends; a module that is merely slow can be given longer with load: { timeout: \\'2m\\' } in obs.config.ts\\n'
    + 'obs: stopped (killed): ' + module + ' never finished loading; nothing was written\\n');
  process.kill(process.pid, 'SIGKILL');
}, ${HEARTBEAT_MS});
parentPort.on('message', () => { clearInterval(check); parentPort.close(); });
parentPort.postMessage('watching');
`;

/**
 * `labels`: the modules being loaded, project-relative, in the order they load. Resolves once the
 * watchdog watches: a worker that is still starting when this thread enters a loop may never
 * start (its start-up can wait on this thread, e.g. for the module loader's hooks).
 */
export async function startLoadWatchdog(labels: readonly string[], timeoutMs: number): Promise<LoadWatchdog> {
  const shared = new SharedArrayBuffer(8);
  const beat = new Int32Array(shared);
  const seconds = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000}s` : `${timeoutMs}ms`;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { shared, labels, timeoutMs, seconds },
    stdout: true,
    stderr: false,
  });
  worker.unref();
  const heartbeat = setInterval(() => Atomics.add(beat, 0, 1), HEARTBEAT_MS);
  heartbeat.unref();
  await new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    // A watchdog that cannot start must not stop the command: it then loads unwatched.
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
  let stopped = false;
  return {
    loading(index) {
      Atomics.store(beat, 1, index);
      Atomics.add(beat, 0, 1);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      worker.postMessage('stop');
      void worker.terminate();
    },
  };
}
