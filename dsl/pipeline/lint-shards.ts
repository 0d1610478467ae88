/**
 * `obs lint` on large rule files in parallel: worker threads each read the same files and check
 * one shard of their rule groups (see lint/shard.ts) while the main thread checks shard 0. Only the
 * bundled CLI has a worker script (bin/library.js builds it); from source, runs stay in-thread.
 */
import { statSync } from 'node:fs';
import { readSourceText } from '../collect/source-file.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BUNDLED } from '../core/package-root.ts';
import { posixRelative } from '../core/files.ts';
import type { ModuleDefinitions } from '../collect/project.ts';
import { readRuleFile, YamlTextLocations } from '../collect/yaml-rules.ts';
import { CHECKS } from '../lint/checks/index.ts';
import { runChecks, type LintResult } from '../lint/engine.ts';
import { Session } from '../core/session.ts';
import type { Shard } from '../lint/shard.ts';
import { resolveTarget } from '../promql/index.ts';
import type { RegistryData } from '../registry/index.ts';
import { lintOptions, type LintSettings } from '../config/lint-options.ts';

/** What a worker needs: plain data only (it crosses threads by structured clone). */
export interface ShardJob {
  readonly root: string;
  /** Absolute paths of the rule files, in the main thread's order. */
  readonly files: readonly string[];
  readonly version: string;
  readonly features: readonly string[];
  readonly settings: LintSettings;
  readonly registries: readonly RegistryData[];
  readonly shard: Shard;
}

/** Below this much rule YAML, starting workers costs more than it saves. */
const PARALLEL_BYTES = 1 << 20;

/**
 * Each worker reads the files again and V8's own GC threads need a core too: on 2 cores one
 * thread was faster (20,000 rules: 3.9 s against 4.2 s with a worker), so workers start from 4.
 */
const MIN_CORES = 4;

/**
 * How many shards to check `files` in: `OBS_LINT_WORKERS` when set (1 turns parallelism off),
 * else one per core beyond the first, up to four, on machines with 4 cores or more and for a
 * megabyte of rules or more.
 */
export function shardCount(files: readonly string[]): number {
  if (!BUNDLED) return 1;
  const forced = Number(process.env.OBS_LINT_WORKERS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16);
  const cores = availableParallelism();
  if (cores < MIN_CORES) return 1;
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  return bytes < PARALLEL_BYTES ? 1 : Math.min(4, cores - 1);
}

/** Reads the rule files into modules (what the main thread does for every file, here for rule YAML only). */
export function readRuleModules(
  root: string,
  files: readonly string[],
  locations: YamlTextLocations,
): ModuleDefinitions[] {
  const modules: ModuleDefinitions[] = [];
  for (const abs of files) {
    const file = posixRelative(root, abs);
    // A file that cannot be read as text is reported by the main thread.
    const read = readSourceText(abs, file);
    if (!read.ok) continue;
    const r = readRuleFile(file, read.text, locations);
    if (r.isRuleFile) modules.push(r.module);
  }
  return modules;
}

/** A worker's job: read the files, check its shard. */
export function checkShard(job: ShardJob): LintResult {
  const locations = new YamlTextLocations();
  const modules = readRuleModules(job.root, job.files, locations);
  const options = lintOptions(job.settings, resolveTarget(job.version, job.features), job.registries);
  // In a session of its own: its memo shares one parse among the rules with one expression text.
  const session = new Session(job.root);
  session.beginRun();
  return session.run(() =>
    runChecks({ root: job.root, modules, diagnostics: [], locate: locations.locate }, CHECKS, options, job.shard),
  );
}

/** Starts one worker per job; each promise settles with that shard's result. */
/** Running shard workers: their results (undefined if any failed), or stop them. */
export interface ShardWorkers {
  readonly count: number;
  results(): Promise<LintResult[] | undefined>;
  stop(): void;
}

/**
 * Starts one worker per job. A worker that fails (out of memory, a crash) makes `results` answer
 * undefined, so the caller checks in one thread instead: parallelism never changes the outcome.
 */
export function startShardWorkers(jobs: readonly ShardJob[]): ShardWorkers {
  const script = new URL('./lint-worker.mjs', import.meta.url);
  const workers: Worker[] = [];
  const settled = jobs.map(
    (job) =>
      new Promise<LintResult | undefined>((done) => {
        const w = new Worker(script, { workerData: job });
        workers.push(w);
        w.once('message', (r: LintResult) => done(r));
        w.once('error', () => done(undefined));
        w.once('exit', () => done(undefined));
      }),
  );
  return {
    count: jobs.length,
    results: async () => {
      const rs = await Promise.all(settled);
      return rs.every((r): r is LintResult => r !== undefined) ? rs : undefined;
    },
    stop: () => {
      for (const w of workers) void w.terminate();
    },
  };
}
