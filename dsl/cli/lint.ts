/** `obs lint`: check the TS project, or plain rule YAML / dashboard JSON files, and report in a chosen format. */
import { parseArgs } from 'node:util';
import { lintFails, lintFiles, LintPathError, TOOL, type LintRun } from '../pipeline/lint-files.ts';
import type { Severity } from '../core/diagnostic.ts';
import { ConfigError } from '../config/load.ts';
import { isLintFormat, LINT_FORMATTERS, LINT_WRITERS } from '../report/index.ts';
import { resolve } from 'node:path';
import {
  BaselineError,
  makeBaseline,
  newProblems,
  readBaseline,
  writeBaseline,
  type Baseline,
} from '../pipeline/lint-baseline.ts';
import { newSince, NewSinceError } from '../pipeline/lint-new-since.ts';
import { UsageError, writePieces, type CliIO } from './io.ts';
import { reportStuckAsLint } from './stuck.ts';

export const LINT_USAGE = `usage: obs lint [PATH...] [--target VERSION] [--format text|json|github|sarif] [--fail-on error|warning|info]
                [--baseline FILE | --write-baseline FILE] [--new-since REF] [--cache [--cache-location PATH]]
       obs lint --list-checks [--format text|json]

Without PATH: runs every check of obs build on the TS definitions, writing nothing.
With PATHs: checks Prometheus rule files (*.yml, *.yaml) and Grafana dashboard JSON (*.json);
folders are walked for them (files that are neither are skipped). A .ts PATH shows the project's
problems in that file.
  --target VERSION   Prometheus version to check for (default: obs.config.ts, else the latest)
  --format NAME      text (default), json, github (workflow annotations) or sarif (2.1.0)
  --fail-on LEVEL    lowest severity that fails the run (default: lint.failOn of obs.config.ts, else error)
  --write-baseline FILE  record every problem found now in FILE (JSON; commit it) and exit 0
  --baseline FILE    report only problems FILE does not hold: matched by check, file, message and
                     source line, not line numbers, so CI can gate on new problems (docs/adoption.md)
  --new-since REF    report only problems the files did not have at git REF (a commit, branch or
                     tag: the files are read from git, the working tree is not touched); matched by
                     check, file, subject and message, not line numbers
  --cache            keep what the rule files' lint found in a cache file and reuse it next time for
                     what did not change (content-addressed: file bytes, obs version, target, config,
                     registries, check set; a rule group is checked again when a recording rule in any
                     file changed). Plain files only: the TS project reuses its last build by itself
  --cache-location PATH  the cache file, or a folder to hold it (default: .obslintcache in the project)
  --list-checks      list every check: id, default severity, what it enforces and its page (docs/checks/);
                     --format json prints them as a JSON array
Exit code: 0 no problem at or above --fail-on, 1 problems at or above it, 2 usage or config error.`;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'new-since': { type: 'string' },
      'list-checks': { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
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
  if (values['list-checks']) return listChecks(format, positionals, values, io);
  if (!isLintFormat(format))
    throw new UsageError(
      `unknown --format ${JSON.stringify(format)} (known: ${Object.keys(LINT_FORMATTERS).join(', ')})`,
    );
  const failOnArg = values['fail-on'];
  if (failOnArg !== undefined && !SEVERITIES.includes(failOnArg as Severity))
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined)
    throw new UsageError('give --baseline or --write-baseline, not both');
  if (values['new-since'] !== undefined && values['write-baseline'] !== undefined)
    throw new UsageError('give --new-since or --write-baseline, not both');
  if (values['new-since'] === '') throw new UsageError('--new-since needs a git ref (a commit, branch or tag)');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  if (values['cache-location'] === '') throw new UsageError('--cache-location needs a file or folder');
  let baseline: Baseline | undefined;
  try {
    if (values.baseline !== undefined) baseline = readBaseline(resolve(io.cwd, values.baseline));
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
  let run: LintRun;
  // Until the config is read, what the command line says (a loop found later reports with the config's).
  let settings = { target: values.target ?? '', failOn: (failOnArg as Severity | undefined) ?? 'error' };
  reportStuckAsLint(io, format, () => settings);
  try {
    run = await lintFiles({
      root: io.cwd,
      paths: positionals,
      onSettings: (s) => {
        settings = { target: s.target, failOn: (failOnArg as Severity | undefined) ?? s.failOn };
      },
      ...(values.target !== undefined ? { target: values.target } : {}),
      ...(values.cache
        ? { cache: values['cache-location'] !== undefined ? { location: values['cache-location'] } : {} }
        : {}),
    });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof LintPathError) throw new UsageError(e.message);
    throw e;
  }
  if (run.cache?.writeError !== undefined)
    io.stderr(
      `obs lint: could not write the cache ${run.cache.location} (${run.cache.writeError}); the report is complete\n`,
    );
  const failOn = (failOnArg as Severity | undefined) ?? run.config.lint.failOn;
  if (values['write-baseline'] !== undefined) {
    const written = makeBaseline(run.diagnostics, run.sources);
    try {
      writeBaseline(resolve(io.cwd, values['write-baseline']), written);
    } catch (e) {
      if (e instanceof BaselineError) throw new UsageError(e.message);
      throw e;
    }
    io.stdout(
      `obs lint: wrote ${values['write-baseline']}: ${run.diagnostics.length} problem(s) (${written.problems.length} distinct) of ${run.files} file(s); lint with --baseline ${values['write-baseline']} to see only new ones\n`,
    );
    return 0;
  }
  if (baseline) {
    const { fresh, known } = newProblems(run.diagnostics, run.sources, baseline);
    run = { ...run, diagnostics: fresh };
    io.stderr(`obs lint: ${known} problem(s) held by the baseline ${values.baseline} not shown\n`);
  }
  const ref = values['new-since'];
  if (ref !== undefined) {
    try {
      const { commit, fresh, known } = await newSince(run, {
        root: io.cwd,
        ref,
        paths: positionals,
        ...(values.target !== undefined ? { target: values.target } : {}),
      });
      run = { ...run, diagnostics: fresh };
      io.stderr(`obs lint: ${known} problem(s) already present at ${ref} (${commit.slice(0, 12)}) not shown\n`);
    } catch (e) {
      if (e instanceof NewSinceError || e instanceof ConfigError || e instanceof LintPathError)
        throw new UsageError(e.message);
      throw e;
    }
  }
  const report = {
    tool: TOOL,
    target: run.target,
    failOn,
    diagnostics: run.diagnostics,
    suppressed: run.suppressed,
    files: run.files,
    sources: run.sources,
    checks: run.checks,
  };
  // Written as it is made: a report of 261,000 problems was 98 MB of JSON held as one string.
  await writePieces(io, LINT_WRITERS[format](report, { color: io.color }));
  return lintFails(run, failOn) ? 1 : 0;
}

/** `--list-checks`: the catalogue the library keeps, as an aligned table or a JSON array. */
async function listChecks(
  format: string,
  positionals: readonly string[],
  values: Readonly<Record<string, unknown>>,
  io: CliIO,
): Promise<number> {
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--list-checks prints text or json, not ${JSON.stringify(format)}`);
  if (positionals.length > 0) throw new UsageError('--list-checks takes no PATH');
  const others = ['target', 'fail-on', 'baseline', 'write-baseline', 'new-since'].filter(
    (o) => values[o] !== undefined,
  );
  if (others.length > 0) throw new UsageError(`--list-checks takes no --${others.join(', --')}`);
  const { checkCatalogue } = await import('../lint/docs.ts');
  const entries = checkCatalogue();
  if (format === 'json') {
    io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const rows = [['CHECK', 'SEVERITY', 'DOCS', 'SUMMARY'], ...entries.map((e) => [e.id, e.severity, e.docs, e.summary])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  io.stdout(
    rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')).join('\n') + '\n',
  );
  return 0;
}
