/** `obs build [--check]`: check all definitions and write out/, or verify out/ is current. */
import { parseArgs } from 'node:util';
import { build, failsBuild, type BuildProgress, type BuildResult } from '../build/build.ts';
import { ConfigError } from '../config/load.ts';
import { buildSummaryLines } from '../report/build-summary.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';
import { progressLine } from './progress.ts';

export const BUILD_USAGE = `usage: obs build [--check]

Checks every definition (alerts/, recording/) and writes out/.
  --check   build in memory and fail (exit 1) if out/ differs from what the sources build
Exit code: 0 built (or up to date), 1 problems found (out/ left untouched) or out/ stale, 2 usage/config error.`;

/** What was checked, what was found, how long it took: a few lines under the verdict. */
function summaryLine(r: BuildResult): string {
  return buildSummaryLines(r.summary).join('\n');
}

const PHASES: Readonly<Record<BuildProgress['phase'], string>> = { loading: 'loading modules', checking: 'checking', emitting: 'generating files', writing: 'writing' };

export async function buildCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    io.stdout(`${BUILD_USAGE}\n`);
    return 0;
  }
  let r: BuildResult;
  const progress = progressLine(io);
  try {
    r = await build({
      root: io.cwd, check: values.check === true,
      onProgress: (p) => progress.update(`obs build: ${PHASES[p.phase]}${p.total ? ` ${p.done ?? 0}/${p.total}` : ''}…`),
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
  if (r.diagnostics.some((d) => failsBuild(d, r.config.lint.failOn))) {
    io.stderr(`obs build: failed; ${r.config.outDir}/ was left untouched\n${summaryLine(r)}\n`);
    return 1;
  }
  if (values.check) {
    const d = r.diff;
    const stale = d ? [...d.changed.map((p) => `changed: ${p}`), ...d.added.map((p) => `missing: ${p}`), ...d.removed.map((p) => `stale:   ${p}`)] : [];
    if (!r.ok) {
      if (stale.length) io.stderr(`obs build --check: ${r.config.outDir}/ is not what the sources build:\n${stale.map((s) => `  ${s}`).join('\n')}\nrun: npm run build:obs, and commit ${r.config.outDir}/\n`);
      return 1;
    }
    io.stdout(`obs build --check: ${r.config.outDir}/ is up to date (${r.files.length} file(s))\n${summaryLine(r)}\n`);
    return 0;
  }
  if (!r.ok) return 1;
  const d = r.diff;
  const changes = d ? d.changed.length + d.added.length + d.removed.length : 0;
  io.stdout(`obs build: wrote ${r.config.outDir}/ (${r.files.length} file(s), ${changes} changed)\n${summaryLine(r)}\n`);
  return 0;
}
