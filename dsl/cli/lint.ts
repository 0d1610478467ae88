/** `obs lint`: check the TS project, or plain rule YAML / dashboard JSON files, and report in a chosen format. */
import { parseArgs } from 'node:util';
import { lintFails, lintFiles, LintPathError, TOOL, type LintRun } from '../build/lint-files.ts';
import type { Severity } from '../core/diagnostic.ts';
import { ConfigError } from '../config/load.ts';
import { isLintFormat, LINT_FORMATTERS } from '../report/index.ts';
import { UsageError, type CliIO } from './io.ts';

export const LINT_USAGE = `usage: obs lint [PATH...] [--target VERSION] [--format text|json|github|sarif] [--fail-on error|warning|info]

Without PATH: runs every check of obs build on the TS definitions, writing nothing.
With PATHs: checks Prometheus rule files (*.yml, *.yaml) and Grafana dashboard JSON (*.json);
folders are walked for them (files that are neither are skipped). A .ts PATH shows the project's
problems in that file.
  --target VERSION   Prometheus version to check for (default: obs.config.ts, else the latest)
  --format NAME      text (default), json, github (workflow annotations) or sarif (2.1.0)
  --fail-on LEVEL    lowest severity that fails the run (default: lint.failOn of obs.config.ts, else error)
Exit code: 0 no problem at or above --fail-on, 1 problems at or above it, 2 usage or config error.`;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(`${LINT_USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!isLintFormat(format)) throw new UsageError(`unknown --format ${JSON.stringify(format)} (known: ${Object.keys(LINT_FORMATTERS).join(', ')})`);
  const failOnArg = values['fail-on'];
  if (failOnArg !== undefined && !SEVERITIES.includes(failOnArg as Severity)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
  let run: LintRun;
  try {
    run = await lintFiles({ root: io.cwd, paths: positionals, ...(values.target !== undefined ? { target: values.target } : {}) });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof LintPathError) throw new UsageError(e.message);
    throw e;
  }
  const failOn = (failOnArg as Severity | undefined) ?? run.config.lint.failOn;
  const report = { tool: TOOL, target: run.target, failOn, diagnostics: run.diagnostics, suppressed: run.suppressed, files: run.files, sources: run.sources, checks: run.checks };
  io.stdout(LINT_FORMATTERS[format](report, { color: io.color }));
  return lintFails(run, failOn) ? 1 : 0;
}
