/** `obs build --watch` and `obs test --watch`: what each run changed, in a few lines. */
import { ConfigError, loadConfig } from '../config/load.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { problemChanges, watchProject } from '../pipeline/watch.ts';
import type { Session } from '../core/session.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { UsageError, type CliIO } from './io.ts';
import { reportStuckInWatch } from './stuck.ts';

/** The project's output folder (never watched: the build writes it). */
export async function outDirOf(io: CliIO): Promise<string> {
  try {
    return (await loadConfig(io.cwd)).outDir;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/** The exit code that asks bin/obs.js's watch supervisor to start the command again. */
export const RESTART = 75;
/** The exit code that asks it to start the command again after the next save (a run stuck in author code). */
export const RESTART_AFTER_SAVE = 76;

/** What one run reports: its problems, and the lines that say what it did. */
export interface WatchedRun {
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: readonly string[];
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Runs `run` now and after each burst of saves until Ctrl-C (SIGINT) or SIGTERM; prints the
 * problems each run found or fixed and its own lines. A broken obs.config.ts is reported like a
 * problem and watching goes on. Returns 0 once stopped.
 */
export async function watchCommand(
  io: CliIO,
  name: string,
  opts: { readonly ignore: readonly string[] },
  run: (session: Session) => Promise<WatchedRun>,
): Promise<number> {
  const stop = new AbortController();
  // Under bin/obs.js's watch supervisor: once the modules replaced by edits hold this much more
  // heap than after the first run, stop and ask to be started again (Node never frees a module).
  const budget = process.env.OBS_WATCH_CHILD ? Number(process.env.OBS_WATCH_HEAP_BUDGET_MB ?? 256) * 2 ** 20 : Infinity;
  let baseline: number | undefined;
  let recycle = false;
  const onSignal = (): void => stop.abort();
  // `on`, not `once`: a second Ctrl-C (or the supervisor's forwarded one) must not kill a run mid-write.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Started again after a run stuck in author code: that problem was the last run's.
  const stuck = process.env.OBS_WATCH_STUCK ? (JSON.parse(process.env.OBS_WATCH_STUCK) as Diagnostic | null) : null;
  let last: readonly Diagnostic[] = stuck ? [stuck] : [];
  let first = true;
  const firstWhat = process.env.OBS_WATCH_CHANGED || 'first run';
  if (process.env.OBS_WATCH_CHILD)
    reportStuckInWatch(io, name, RESTART_AFTER_SAVE, { ignore: opts.ignore, fd: Number(process.env.OBS_WATCH_FD) });
  try {
    await watchProject({
      root: io.cwd,
      ignore: opts.ignore,
      signal: stop.signal,
      run: async (session) => {
        const started = performance.now();
        try {
          return { ...(await run(session)), ms: Math.round(performance.now() - started) };
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          const d: Diagnostic = { checkId: 'config/error', severity: 'error', message: e.message };
          return { diagnostics: [d], lines: [], ms: Math.round(performance.now() - started) };
        }
      },
      onRun: (r, changed) => {
        const { found, fixed } = problemChanges(last, r.diagnostics);
        last = r.diagnostics;
        const what = first ? firstWhat : changed.length === 1 ? changed[0] : `${changed.length} files`;
        io.stdout(`[${clock()}] ${name} (${what}): ${r.ms} ms\n`);
        if (found.length) io.stderr(formatDiagnosticsText(found, { root: io.cwd, color: io.color }));
        for (const d of fixed) {
          const l = d.location;
          io.stdout(
            `  fixed  ${l ? `${l.file}:${l.line}:${l.column} ` : ''}${d.checkId}: ${d.message.split('\n')[0]}\n`,
          );
        }
        for (const line of r.lines) io.stdout(`  ${line}\n`);
        const rebuilt = !first;
        first = false;
        const heap = process.memoryUsage().heapUsed;
        baseline ??= heap;
        // A rebuild may end with less heap in use than the first run (a collection ran): that is no
        // growth, and a budget of 0 still means "restart after every rebuild".
        if (rebuilt && Math.max(0, heap - baseline) >= budget && !stop.signal.aborted) {
          recycle = true;
          io.stdout(
            `${name}: restarting to release the memory of replaced modules (${Math.round((heap - baseline) / 2 ** 20)} MiB)\n`,
          );
          stop.abort();
        }
      },
      onReady: () => io.stdout(`watching ${io.cwd} for changes (Ctrl-C to stop)\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (recycle) return RESTART;
  io.stdout(`${name}: stopped\n`);
  return 0;
}
