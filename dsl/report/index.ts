/** The lint reporters by name, as `obs lint --format NAME` selects them. */
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import type { LintFormatter } from './lint-report.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';

export const LINT_FORMATTERS = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
} as const satisfies Record<string, LintFormatter>;

export type LintFormat = keyof typeof LINT_FORMATTERS;

export function isLintFormat(name: string): name is LintFormat {
  return Object.hasOwn(LINT_FORMATTERS, name);
}

export type { FormatOptions, LintFormatter, LintReport } from './lint-report.ts';
