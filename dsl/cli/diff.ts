/** `obs diff`: what the change does to the generated artifacts, semantically, for review. */
import { parseArgs } from 'node:util';
import { diffOut } from '../build/diff-out.ts';
import { ConfigError } from '../config/load.ts';
import { DIFF_FORMATTERS, GitError, isDiffFormat, type SemanticDiff } from '../diff/index.ts';
import { UsageError, type CliIO } from './io.ts';

export const DIFF_USAGE = `usage: obs diff [--base GIT_REF] [--format markdown|text|json]

Compares out/ as committed at GIT_REF (default HEAD) with out/ in the working tree, semantically:
rule groups and rules (expr, for, keep_firing_for, labels, annotations; threshold changes named),
dashboards, panels (title, queries, unit, thresholds, position) and variables. It reads committed
files only: the base ref's TypeScript is never run. Run obs build first so out/ is current.
  --base GIT_REF   what to compare with, e.g. origin/main or $(git merge-base origin/main HEAD)
  --format NAME    markdown (default, ready for a PR comment), text or json
Exit code: 0 (also when there are changes), 2 usage, config or git error.`;

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { base: { type: 'string' }, format: { type: 'string', default: 'markdown' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${DIFF_USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'markdown';
  if (!isDiffFormat(format)) throw new UsageError(`unknown --format ${JSON.stringify(format)} (known: ${Object.keys(DIFF_FORMATTERS).join(', ')})`);
  let d: SemanticDiff;
  try {
    d = await diffOut({ root: io.cwd, ...(values.base !== undefined ? { base: values.base } : {}) });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout(DIFF_FORMATTERS[format](d));
  return 0;
}
