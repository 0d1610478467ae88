/**
 * `obs lint --cache`: what a lint of plain files found, kept in one file between runs (as
 * `eslint --cache` does; CI can keep the file between jobs), content-addressed:
 *
 * - a run whose inputs are all as in the previous run (same obs, target, config, registries, check
 *   set, and the same bytes of every file it reads) reports the previous run's problems without
 *   reading a rule;
 * - otherwise the rule groups are checked one by one (lint/check-units.ts) and a group's problems are
 *   reused when its key is in the file: the group itself, the bytes of its file, and the context
 *   every group's checks read (target, config, registries, and every recording rule of every file,
 *   since what a recorded series carries feeds label flows and the registry view). Checks that
 *   compare definitions across files (duplicates, unknown metrics' summary) run on every run.
 *
 * A cache file that is missing, unreadable, of another format or written by another obs (version or
 * build) is ignored and replaced; it never changes what is reported.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeWhole } from '../core/files.ts';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { LIBRARY_FINGERPRINT, packageVersion } from '../core/package-root.ts';
import type { RunMemo } from '../core/run-memo.ts';
import type { SuppressedProblem, UnitResult } from '../lint/engine.ts';

/** The cache file's name when `--cache-location` is a folder, or not given (then in the project root). */
export const DEFAULT_CACHE_FILE = '.obslintcache';

const FORMAT = 2;

/** What a whole run of plain files reports (registry problems aside: those come from loading the registries). */
export interface PlainRunResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
  readonly files: number;
  readonly skipped: readonly string[];
  /** Whether any file was a rule file (then the registries' own problems are reported too). */
  readonly rules: boolean;
}

interface CacheFile {
  readonly format: number;
  readonly obs: string;
  readonly run?: { readonly key: string; readonly result: PlainRunResult };
  readonly units: Readonly<Record<string, StoredUnit>>;
}

/** A UnitResult as JSON holds it (the names its checks read as a list). */
interface StoredUnit extends Omit<UnitResult, 'reads'> {
  readonly reads: { readonly names: readonly string[]; readonly whole: boolean };
}

const stored = (u: UnitResult): StoredUnit => ({ ...u, reads: { names: [...u.reads.names], whole: u.reads.whole } });
const unitOf = (u: StoredUnit): UnitResult => ({
  ...u,
  reads: { names: new Set(u.reads.names), whole: u.reads.whole },
});

/** How a run used the cache, for the report and for tests. */
export interface LintCacheStats {
  /** The cache file. */
  readonly location: string;
  /** The whole run's problems came from the cache (no rule was checked). */
  readonly runHit: boolean;
  /** Rule groups whose problems came from the cache, and rule groups checked. */
  readonly unitHits: number;
  readonly unitMisses: number;
  /** Why the cache file could not be written, when it could not (the run's report is unaffected). */
  readonly writeError?: string;
}

/** The obs that writes a cache: its version, and in the CLI's bundle the fingerprint of its sources. */
function obsIdentity(): string {
  return `${packageVersion()} ${LIBRARY_FINGERPRINT ?? 'source'}`;
}

/** The cache file for `--cache-location` (a file, or a folder to hold `.obslintcache`), relative to `root`. */
export function cacheFilePath(root: string, location: string | undefined): string {
  const p = resolve(root, location ?? DEFAULT_CACHE_FILE);
  try {
    if (location !== undefined && (location.endsWith('/') || statSync(p).isDirectory()))
      return join(p, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: a file.
  }
  return p;
}

/** sha256 of the parts, each delimited. */
export function digest(parts: Iterable<string>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

export class LintCache {
  readonly #path: string;
  readonly #previous: CacheFile | undefined;
  readonly #units = new Map<string, UnitResult>();
  #run: CacheFile['run'];
  #runHit = false;
  #unitHits = 0;
  #unitMisses = 0;

  private constructor(path: string, previous: CacheFile | undefined) {
    this.#path = path;
    this.#previous = previous;
  }

  /** The cache at `path`; an unreadable or foreign file counts as empty. */
  static open(path: string): LintCache {
    let previous: CacheFile | undefined;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile> | null;
      if (
        parsed !== null &&
        typeof parsed === 'object' &&
        parsed.format === FORMAT &&
        parsed.obs === obsIdentity() &&
        typeof parsed.units === 'object' &&
        parsed.units !== null
      )
        previous = parsed as CacheFile;
    } catch {
      // Missing or not JSON: an empty cache, replaced at the end of the run.
    }
    return new LintCache(path, previous);
  }

  /** The previous run's result when its key was `key`. */
  run(key: string): PlainRunResult | undefined {
    const r = this.#previous?.run;
    if (r && r.key === key) {
      this.#runHit = true;
      this.#run = r;
      // Its groups stay for the next run that changes something.
      for (const [k, v] of Object.entries(this.#previous?.units ?? {})) this.#units.set(k, unitOf(v));
      return r.result;
    }
    return undefined;
  }

  /** The rule groups' results by key (see lint/check-units.ts): the previous run's, and this run's. */
  readonly units: RunMemo<UnitResult> = {
    get: (key, usable) => {
      let r = this.#units.get(key);
      if (r === undefined) {
        const prev = this.#previous?.units[key];
        if (prev !== undefined) this.#units.set(key, (r = unitOf(prev)));
      }
      if (r !== undefined && usable && !usable(r)) r = undefined;
      if (r !== undefined) this.#unitHits++;
      else this.#unitMisses++;
      return r;
    },
    set: (key, value) => {
      this.#units.set(key, value);
    },
  };

  /**
   * Writes this run's entries (the whole run under `key`, and the groups this run used), replacing
   * the file at once (a reader never sees half a file); what the previous run kept and this one did
   * not use is dropped.
   */
  save(key: string | undefined, result: PlainRunResult): LintCacheStats {
    const run = key === undefined ? undefined : this.#run?.key === key ? this.#run : { key, result };
    const file: CacheFile = {
      format: FORMAT,
      obs: obsIdentity(),
      ...(run ? { run } : {}),
      units: Object.fromEntries([...this.#units].map(([k, u]) => [k, stored(u)])),
    };
    let writeError: string | undefined;
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      writeWhole(this.#path, JSON.stringify(file));
    } catch (e) {
      writeError = e instanceof Error ? e.message : String(e);
    }
    return {
      location: this.#path,
      runHit: this.#runHit,
      unitHits: this.#unitHits,
      unitMisses: this.#unitMisses,
      ...(writeError !== undefined ? { writeError } : {}),
    };
  }
}
