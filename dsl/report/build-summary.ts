/**
 * The screen `obs build` ends with: what it built (counts by kind), what it found (problems by
 * severity) and how long it took. Counts come as `{ noun: n }` so a new kind of definition shows up
 * by adding its count to the build's summary, with no change here.
 */
import type { Severity } from '../core/diagnostic.ts';

export interface BuildSummaryView {
  /** Singular noun → count, in display order; nouns are pluralized with "s". */
  readonly counts: Readonly<Record<string, number>>;
  readonly problems: Readonly<Record<Severity, number>>;
  readonly ms: number;
}

const plural = (n: number, noun: string): string =>
  `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The lines under the verdict: `  built     ...` and `  problems  ...`. */
export function buildSummaryLines(s: BuildSummaryView): string[] {
  const counts = Object.entries(s.counts).map(([noun, n]) => plural(n, noun));
  const p = s.problems;
  return [
    `  checked   ${counts.join(', ')}`,
    `  problems  ${plural(p.error, 'error')}, ${plural(p.warning, 'warning')}, ${p.info} info`,
    `  time      ${formatDuration(s.ms)}`,
  ];
}
