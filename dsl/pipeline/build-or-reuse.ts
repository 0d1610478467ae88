/**
 * `obs build`'s entry: the last successful build's result when nothing changed since (see
 * build-cache.ts), else a build. Kept apart from build.ts so a no-op run loads none of it.
 */
import { problemCounts, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import type { SuppressedProblem } from '../lint/engine.ts';
import type { BuildOptions, BuildSummary } from './build.ts';
import { cachedBuild } from './build-cache.ts';
import type { TreeDiff } from './out-dir.ts';

/** What `obs build` shows: a fresh build, or the last one's result when nothing changed since. */
export interface BuildReport {
  readonly ok: boolean;
  /** Nothing changed since the last successful build: its result, reported again. */
  readonly cached: boolean;
  readonly outDir: string;
  readonly failOn: Severity;
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
  readonly diff?: TreeDiff;
  readonly fileCount: number;
  readonly summary: Pick<BuildSummary, 'counts' | 'problems' | 'ms'>;
}

/** `build`, or with `cache` and nothing changed, the last successful build's result. */
export async function buildOrReuse(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const hit = opts.cache && !opts.dryRun ? cachedBuild(opts.root) : undefined;
  if (hit) {
    return {
      ok: true,
      cached: true,
      outDir: hit.outDir,
      failOn: hit.failOn,
      diagnostics: hit.diagnostics,
      suppressed: hit.suppressed,
      diff: { added: [], changed: [], removed: [] },
      fileCount: hit.files,
      summary: {
        counts: hit.counts,
        problems: problemCounts(hit.diagnostics),
        ms: Math.round(performance.now() - started),
      },
    };
  }
  // Loaded only on a miss: the build pulls in the emitters and the Grafana SDK.
  const { build } = await import('./build.ts');
  const r = await build(opts);
  return {
    ok: r.ok,
    cached: false,
    outDir: r.config.outDir,
    failOn: r.config.lint.failOn,
    diagnostics: r.diagnostics,
    suppressed: r.suppressed,
    ...(r.diff ? { diff: r.diff } : {}),
    fileCount: r.files.length,
    summary: r.summary,
  };
}
