/**
 * How each command reports author code the watchdog stopped (dsl/core/watchdog.ts): a located
 * problem in the command's own output, and its exit code. The stopped thread never returns, so
 * the report is made here, at once, and written by the watchdog before the process ends.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../core/diagnostic.ts';
import { reportStuckWith, type StuckStop } from '../core/watchdog.ts';
import { lintCheckInfos, TOOL } from '../pipeline/lint-files.ts';
import { formatDiagnosticsText } from '../report/diagnostics.ts';
import { LINT_WRITERS, type LintFormat } from '../report/index.ts';
import { joinPieces } from '../report/lint-report.ts';
import type { CliIO } from './io.ts';

/** A config that never finished loading is a config error like any other: the plain report (exit 2). */
const CONFIG = undefined;

/** `obs build`, `obs test`: the problem as text on stderr, then what was stopped; exit 1. */
export function reportStuckAsText(io: CliIO): void {
  reportStuckWith((stop) =>
    stop.config
      ? CONFIG
      : {
          stderr: `${formatDiagnosticsText([stop.diagnostic], { root: io.cwd, color: io.color })}${stop.summary}\n`,
          code: 1,
        },
  );
}

/**
 * `obs lint --format F`: a report of the one problem in that format on stdout (the run's other
 * problems are unknown: checking never finished), the stop on stderr; exit 1.
 */
export function reportStuckAsLint(
  io: CliIO,
  format: LintFormat,
  settings: () => { target: string; failOn: Severity },
): void {
  reportStuckWith((stop) => {
    if (stop.config) return CONFIG;
    const file = stop.diagnostic.location?.file;
    const sources = new Map<string, string>();
    if (file !== undefined) {
      try {
        sources.set(file, readFileSync(join(io.cwd, file), 'utf8'));
      } catch {
        // no source line then
      }
    }
    const { target, failOn } = settings();
    const report = {
      tool: TOOL,
      target,
      failOn,
      diagnostics: [stop.diagnostic],
      suppressed: [],
      files: 0,
      sources,
      checks: lintCheckInfos(),
    };
    return {
      stdout: joinPieces(LINT_WRITERS[format](report, { color: io.color })),
      stderr: `${stop.summary}\n`,
      code: 1,
    };
  });
}

/**
 * `obs build --watch`, `obs test --watch` under bin/obs.js's supervisor: the problem as text, and
 * on `tell.fd` what the supervisor needs to wait for the next save (the folders not to watch) and
 * to report the problem fixed after it; the exit code asks it to start the command again then.
 */
export function reportStuckInWatch(
  io: CliIO,
  name: string,
  code: number,
  tell: { readonly ignore: readonly string[]; readonly fd: number },
): void {
  reportStuckWith((stop: StuckStop) => {
    if (Number.isInteger(tell.fd) && tell.fd > 2) {
      try {
        writeSync(tell.fd, JSON.stringify({ ignore: tell.ignore, diagnostic: stop.diagnostic }));
      } catch {
        // the supervisor then starts the command again on any save
      }
    }
    return {
      stderr:
        formatDiagnosticsText([stop.diagnostic], { root: io.cwd, color: io.color }) +
        `${name}: stopped this run (a loop cannot be left); it runs again after the next save\n`,
      code,
    };
  });
}
