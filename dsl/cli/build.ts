/** `obs build [--check]`: check all definitions and write out/, or verify out/ is current. */
import { parseArgs } from 'node:util';
import type { BuildProgress } from '../pipeline/build.ts';
import { buildOrReuse, type BuildReport } from '../pipeline/build-or-reuse.ts';
import { failsBuild } from '../core/diagnostic.ts';
import { ConfigError } from '../config/load.ts';
import { buildSummaryLines } from '../report/build-summary.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';
import { progressLine } from './progress.ts';
import { reportStuckAsText } from './stuck.ts';
import { outDirOf, watchCommand } from './watch.ts';

export const BUILD_USAGE = `usage: obs build [--check | --watch]

Checks every definition (alerts/, recording/, dashboards/, slos/) and writes out/. When no file
of the project, of obs and of out/ changed since the last successful build, its result is
reported again without rebuilding.
  --check   build in memory and fail (exit 1) if out/ differs from what the sources build
  --watch   build, then build again after each save; print the files written or removed and the
            problems found or fixed; out/ keeps the last good build while the sources have errors
            (Ctrl-C to stop; see docs/build.md)
obs replaces only an out/ it created, and never leaves it half-written: see docs/guarantees.md.
Exit code: 0 built (or up to date), 1 problems found, out/ refused or not writable (out/ left
untouched) or out/ stale, 2 usage/config error.`;

/** What was checked, what was found, how long it took: a few lines under the verdict. */
function summaryLine(r: BuildReport): string {
  return buildSummaryLines(r.summary).join('\n');
}

const PHASES: Readonly<Record<BuildProgress['phase'], string>> = {
  loading: 'loading',
  checking: 'checking',
  emitting: 'generating files',
  writing: 'writing',
};

export async function buildCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean' }, watch: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${BUILD_USAGE}\n`);
    return 0;
  }
  if (values.watch) {
    if (values.check) throw new UsageError('obs build: --check and --watch do not go together');
    return watchBuild(io);
  }
  reportStuckAsText(io);
  let r: BuildReport;
  const progress = progressLine(io);
  try {
    r = await buildOrReuse({
      root: io.cwd,
      check: values.check === true,
      cache: true,
      onProgress: (p) =>
        progress.update(
          `obs build: ${PHASES[p.phase]}${p.total !== undefined ? ` ${p.total} module${p.total === 1 ? '' : 's'}` : ''}…`,
        ),
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  } finally {
    progress.done();
  }
  if (r.diagnostics.length) io.stderr(formatDiagnosticsText(r.diagnostics, { root: io.cwd, color: io.color }));
  for (const s of r.suppressed) {
    const loc = s.diagnostic.location;
    io.stdout(`suppressed ${s.checkId}${loc ? ` at ${loc.file}:${loc.line}` : ''}: ${s.reason}\n`);
  }
  if (r.diagnostics.some((d) => failsBuild(d, r.failOn))) {
    io.stderr(`obs build: failed; ${r.outDir}/ was left untouched\n${summaryLine(r)}\n`);
    return 1;
  }
  if (values.check) {
    const d = r.diff;
    const stale = d
      ? [
          ...d.changed.map((p) => `changed: ${p}`),
          ...d.added.map((p) => `missing: ${p}`),
          ...d.removed.map((p) => `stale:   ${p}`),
        ]
      : [];
    if (!r.ok) {
      if (stale.length)
        io.stderr(
          `obs build --check: ${r.outDir}/ is not what the sources build:\n${stale.map((s) => `  ${s}`).join('\n')}\nrun: npm run build:obs, and commit ${r.outDir}/\n`,
        );
      return 1;
    }
    io.stdout(`obs build --check: ${r.outDir}/ is up to date (${r.fileCount} file(s))\n${summaryLine(r)}\n`);
    return 0;
  }
  if (!r.ok) return 1;
  const d = r.diff;
  const changes = d ? d.changed.length + d.added.length + d.removed.length : 0;
  if (r.cached)
    io.stdout(
      `obs build: ${r.outDir}/ is up to date (${r.fileCount} file(s)); nothing changed since the last build\n${summaryLine(r)}\n`,
    );
  else io.stdout(`obs build: wrote ${r.outDir}/ (${r.fileCount} file(s), ${changes} changed)\n${summaryLine(r)}\n`);
  return 0;
}

/** `obs build --watch`: out/ rewritten (atomically, as by `obs build`) after each save that changes it. */
async function watchBuild(io: CliIO): Promise<number> {
  const outDir = await outDirOf(io);
  // Loaded here: a plain `obs build` with nothing changed loads none of the pipeline.
  const { build } = await import('../pipeline/build.ts');
  return watchCommand(io, 'obs build', { ignore: [outDir] }, async (session) => {
    const r = await build({ root: io.cwd, session });
    const failed = r.diagnostics.some((d) => failsBuild(d, r.config.lint.failOn));
    const d = r.diff;
    const lines = failed
      ? [`failed: ${r.config.outDir}/ keeps the last good build`]
      : [
          ...(d ? [...d.added, ...d.changed].sort().map((p) => `wrote   ${r.config.outDir}/${p}`) : []),
          ...(d ? d.removed.map((p) => `removed ${r.config.outDir}/${p}`) : []),
        ];
    if (!failed && lines.length === 0) lines.push(`${r.config.outDir}/ unchanged (${r.files.length} file(s))`);
    return { diagnostics: r.diagnostics, lines };
  });
}
