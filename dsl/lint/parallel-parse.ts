/**
 * Checking many distinct PromQL expressions with a second thread: lezer's LR parse, the largest
 * single cost of a big lint (about a third of the check of 20,000 rules), runs on a worker
 * (`parse-worker.ts`, bundled as parse-worker.mjs) while this thread converts and checks. The
 * worker sends each tree as a flat 16-bit array (`promql/flat-tree.ts`), transferred, not copied:
 * rebuilding one here costs about 1 % of parsing it. (Sending checked results instead, by structured
 * clone, cost 0.3-0.5 s per 20,000 expressions and made the threads slower than one.)
 *
 * Both threads claim chunks of the list from one shared counter: this thread checks a chunk it
 * claims from the text, and one the worker parsed from the worker's trees, first. A worker that
 * starts late on a busy machine takes less or nothing; a chunk it claimed and did not deliver in time
 * is checked here. The trees are the ones this thread would parse, so the results never depend on
 * which thread parsed: the worker can only make a run faster.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BUNDLED } from '../core/package-root.ts';
import { checkExpression, formatTarget, type CheckResult, type Target } from '../promql/index.ts';
import { treeFromFlat } from '../promql/flat-tree.ts';

/** What the worker is given (structured clone). */
export interface ParseJob {
  readonly texts: readonly string[];
  readonly version: string;
  readonly features: readonly string[];
  readonly chunk: number;
  /** Int32Array over a SharedArrayBuffer: [0] the next chunk to claim, [1] chunks the worker posted. */
  readonly shared: Int32Array;
}

/**
 * What the worker posts per chunk: its trees packed in one array (`ends[k]` is where tree k ends,
 * an empty one meaning "parse it yourself"), or the error that stopped it.
 */
export type ParsedChunk =
  | { readonly chunk: number; readonly trees: Uint16Array; readonly ends: Uint32Array }
  | { readonly chunk: number; readonly error: string };

/**
 * Less text than this is checked in this thread alone. The worker's first trees arrive 160-210 ms
 * after it is started (a Node environment, the parser, code not yet optimised), and until then it
 * and the collector's threads share the second core: on 173 public rule files (1,918 distinct
 * expressions) a lint took 2.67 s wall with the worker against 2.17 s without; on 20,000
 * recording rules (2.5 MB of expressions) 4.06 s against 4.42 s (quiet 2-core machine, medians).
 */
export const PARALLEL_MIN_CHARS = 1 << 20;

/** Expressions per claim: small enough that the two threads end together, large enough that claiming is cheap. */
const CHUNK = 64;

/**
 * How long to wait for a chunk the worker holds once nothing is left to claim, beyond the time
 * this thread took for its slowest chunk (a chunk is about a millisecond of work).
 */
const GRACE_MS = 250;

/** Whether `texts` would be checked with a parse worker in this process. */
export function parallelParseApplies(texts: readonly string[]): boolean {
  // Only the bundled CLI has the worker script; a shard worker (lint-shards.ts) already has a core.
  if (!BUNDLED || !isMainThread || process.env.OBS_LINT_WORKERS === '1') return false;
  if (availableParallelism() < 2) return false;
  let chars = 0;
  for (const t of texts) if ((chars += t.length) >= PARALLEL_MIN_CHARS) return true;
  return false;
}

/** `checkExpression(text, { target })` for each of `texts` (distinct), in their order, parsed on this thread and a worker. */
export function checkWithParseWorker(texts: readonly string[], target: Target): CheckResult[] {
  const chunks = Math.ceil(texts.length / CHUNK);
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const job: ParseJob = { texts, version: formatTarget(target), features: [...target.features], chunk: CHUNK, shared };
  // Neither a failure nor a slow start of the worker may hold the process or end the command.
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      workerData: { job, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    worker.on('error', () => undefined);
  } catch {
    // No worker: this thread claims every chunk.
  }
  const results = new Array<CheckResult | undefined>(texts.length);
  const done = new Uint8Array(chunks);
  const local = (c: number): void => {
    const end = Math.min(texts.length, (c + 1) * CHUNK);
    for (let i = c * CHUNK; i < end; i++) results[i] = checkExpression(texts[i] as string, { target });
    done[c] = 1;
  };
  const receive = (): void => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      const msg = m.message as ParsedChunk;
      if (done[msg.chunk]) continue;
      if ('error' in msg) {
        local(msg.chunk);
        continue;
      }
      let from = 0;
      msg.ends.forEach((end, k) => {
        const i = msg.chunk * CHUNK + k;
        const text = texts[i] as string;
        const tree = end > from ? treeFromFlat(msg.trees.subarray(from, end), text.length) : undefined;
        results[i] = checkExpression(text, { target }, tree);
        from = end;
      });
      done[msg.chunk] = 1;
      parsedThere++;
    }
  };
  let parsedThere = 0;
  let slowest = 0;
  const debug = process.env.OBS_LINT_DEBUG === 'parse-worker';
  try {
    // Debugging (and the tests) wait for the worker's first chunk, so that its path is taken whatever the machine's load.
    if (debug && worker) Atomics.wait(shared, 1, 0, 20_000);
    for (let c = Atomics.add(shared, 0, 1); c < chunks; c = Atomics.add(shared, 0, 1)) {
      const t0 = performance.now();
      local(c);
      slowest = Math.max(slowest, performance.now() - t0);
      receive();
    }
    // What the worker still holds: at most the one chunk it is parsing.
    const deadline = performance.now() + GRACE_MS + 2 * slowest;
    for (;;) {
      // Read before receiving: a chunk posted in between then wakes the wait below at once.
      const posted = Atomics.load(shared, 1);
      receive();
      const missing = done.indexOf(0);
      if (missing < 0) break;
      const left = deadline - performance.now();
      if (left <= 0) {
        local(missing);
        continue;
      }
      Atomics.wait(shared, 1, posted, left);
    }
  } finally {
    // Stops claiming (a late worker finds nothing left) and ends the thread.
    Atomics.store(shared, 0, chunks);
    port1.close();
    void worker?.terminate();
  }
  // For tests and measurements: how the work was shared.
  if (debug)
    process.stderr.write(
      `obs: parse worker: ${chunks} chunks of ${CHUNK} expressions, ${parsedThere} parsed by the worker\n`,
    );
  return results as CheckResult[];
}
