/**
 * Entry point of the parse worker thread (bundled as parse-worker.mjs; see parallel-parse.ts):
 * claims chunks of the texts from the shared counter, parses each as `parsePromQL` would, and posts
 * the chunk's trees flat, transferred, counting the chunk in the shared array.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { flatTree } from '../promql/flat-tree.ts';
import { aheadTree } from '../promql/parse.ts';
import { resolveTarget } from '../promql/index.ts';
import type { ParsedChunk, ParseJob } from './parallel-parse.ts';

const EMPTY = new Uint16Array(0);
const { job, port } = workerData as { job: ParseJob; port: MessagePort };
const target = resolveTarget(job.version, job.features);
const chunks = Math.ceil(job.texts.length / job.chunk);
for (let c = Atomics.add(job.shared, 0, 1); c < chunks; c = Atomics.add(job.shared, 0, 1)) {
  let message: ParsedChunk;
  const transfer: ArrayBuffer[] = [];
  try {
    const flats: Uint16Array[] = [];
    const end = Math.min(job.texts.length, (c + 1) * job.chunk);
    for (let i = c * job.chunk; i < end; i++) {
      const text = job.texts[i] as string;
      // Past 16 bits a tree does not fit a flat array: not parsed here at all.
      const tree = text.length <= 0xffff ? aheadTree(text, target) : undefined;
      flats.push((tree && flatTree(tree)) ?? EMPTY);
    }
    const ends = new Uint32Array(flats.length);
    const trees = new Uint16Array(flats.reduce((n, f) => n + f.length, 0));
    let at = 0;
    flats.forEach((f, k) => {
      trees.set(f, at);
      ends[k] = at += f.length;
    });
    message = { chunk: c, trees, ends };
    transfer.push(trees.buffer as ArrayBuffer, ends.buffer as ArrayBuffer);
  } catch (e) {
    message = { chunk: c, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(message, transfer);
  Atomics.add(job.shared, 1, 1);
  Atomics.notify(job.shared, 1);
}
port.close();
