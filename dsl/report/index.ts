/** The lint reporters by name, as `obs lint --format NAME` selects them. */
import { formatGithub, writeGithub } from './github.ts';
import { formatJson, writeJson } from './json.ts';
import type { LintFormatter, LintWriter } from './lint-report.ts';
import { formatSarif, writeSarif } from './sarif.ts';
import { formatText, writeText } from './text.ts';

export const LINT_FORMATTERS = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
} as const satisfies Record<string, LintFormatter>;

export type LintFormat = keyof typeof LINT_FORMATTERS;

/** The same reporters as pieces of text made as they are written (what `obs lint` prints through). */
export const LINT_WRITERS: Readonly<Record<LintFormat, LintWriter>> = {
  text: writeText,
  json: writeJson,
  github: writeGithub,
  sarif: writeSarif,
};

export function isLintFormat(name: string): name is LintFormat {
  return Object.hasOwn(LINT_FORMATTERS, name);
}

export type { FormatOptions, LintFormatter, LintReport, LintWriter } from './lint-report.ts';
