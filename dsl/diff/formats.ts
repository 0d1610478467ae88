/**
 * The diff reporters by name (`obs diff --format NAME`). They live beside the diff, not in
 * dsl/report: report and diff are sibling layers and siblings do not import each other.
 */
import { formatDiffMarkdown, type MarkdownOptions } from './format-markdown.ts';
import { formatDiffText } from './format-text.ts';
import type { SemanticDiff } from './model.ts';

/** Options of the formats (each format reads the ones it has a use for). */
export type DiffFormatOptions = MarkdownOptions;

export const DIFF_FORMATTERS = {
  markdown: formatDiffMarkdown,
  text: (d: SemanticDiff): string => formatDiffText(d),
  json: (d: SemanticDiff): string => `${JSON.stringify(d, null, 2)}\n`,
} as const satisfies Record<string, (d: SemanticDiff, opts?: DiffFormatOptions) => string>;

export type DiffFormat = keyof typeof DIFF_FORMATTERS;

export function isDiffFormat(name: string): name is DiffFormat {
  return Object.hasOwn(DIFF_FORMATTERS, name);
}
