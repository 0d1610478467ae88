/** Entry point of a lint worker thread (bundled as lint-worker.mjs): checks one shard, posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkShard, type ShardJob } from './lint-shards.ts';

parentPort?.postMessage(checkShard(workerData as ShardJob));
