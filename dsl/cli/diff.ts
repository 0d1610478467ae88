/** `obs diff`: what the change does to the generated artifacts, semantically, for review. */
import { parseArgs } from 'node:util';
import { diffOut } from '../pipeline/diff-out.ts';
import { ConfigError } from '../config/load.ts';
import { DIFF_FORMATTERS, GitError, isDiffFormat, type SemanticDiff } from '../diff/index.ts';
import { UsageError, type CliIO } from './io.ts';

export const DIFF_USAGE = `usage: obs diff [--base GIT_REF] [--format markdown|text|json] [--preview-url URL]

Compares out/ as committed at GIT_REF (default HEAD) with out/ in the working tree, semantically:
SLOs (objective, burn-rate thresholds, with the rules they generate), rule groups and rules,
dashboards, rows, panels and variables, matched by identity (title, type, queries), not position.
It reads committed files only: the base ref's TypeScript is never run. Run obs build first.
  --base GIT_REF     what to compare with, e.g. origin/main or $(git merge-base origin/main HEAD)
  --format NAME      markdown (default, ready for a PR comment), text or json
  --preview-url URL  where obs preview's pages are published: links each changed dashboard
                     (markdown) to URL/dashboards/<uid>.html
Exit code: 0 (also when there are changes), 2 usage, config or git error. See docs/diff.md.`;

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      'preview-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${DIFF_USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'markdown';
  if (!isDiffFormat(format))
    throw new UsageError(
      `unknown --format ${JSON.stringify(format)} (known: ${Object.keys(DIFF_FORMATTERS).join(', ')})`,
    );
  const previewUrl = values['preview-url'];
  if (previewUrl !== undefined && !/^(?:https?:\/\/[^\s]+|\.{0,2}\/?[^\s:]*)$/.test(previewUrl)) {
    throw new UsageError(
      `--preview-url ${JSON.stringify(previewUrl)}: expected an http(s) URL or a relative path, e.g. https://ci.example.com/artifacts/preview`,
    );
  }
  let d: SemanticDiff;
  try {
    d = await diffOut({ root: io.cwd, ...(values.base !== undefined ? { base: values.base } : {}) });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout(DIFF_FORMATTERS[format](d, previewUrl !== undefined ? { previewUrl } : {}));
  return 0;
}
