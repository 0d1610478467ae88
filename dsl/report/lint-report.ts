/** What every lint reporter formats: the problems of one `obs lint` run and what they refer to. */
import type { Diagnostic, Severity } from '../core/diagnostic.ts';
import type { CheckInfo } from '../lint/check.ts';

export interface LintReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** The Prometheus version the checks ran for, e.g. `2.42`. */
  readonly target: string;
  /** The lowest severity that fails the run (`--fail-on`). */
  readonly failOn: Severity;
  /** Sorted by location (`compareDiagnostics`). */
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly {
    readonly checkId: string;
    readonly reason: string;
    readonly diagnostic: Diagnostic;
  }[];
  /** How many files were checked. */
  readonly files: number;
  /** Text of the files diagnostics point into (for source lines); paths as in the locations. */
  readonly sources: ReadonlyMap<string, string>;
  /** The check catalogue: descriptions of the ids that can be reported. */
  readonly checks: readonly CheckInfo[];
}

export interface FormatOptions {
  /** ANSI colours (text only). */
  readonly color?: boolean;
}

/** A reporter: a pure function of the report. */
export type LintFormatter = (report: LintReport, options?: FormatOptions) => string;

/**
 * A reporter's text as a sequence of pieces, made as they are read: a report of hundreds of
 * thousands of problems is written out piece by piece, never held as one string (the pieces
 * joined are the formatter's text).
 */
export type LintWriter = (report: LintReport, options?: FormatOptions) => Iterable<string>;

export function joinPieces(pieces: Iterable<string>): string {
  let out = '';
  for (const p of pieces) out += p;
  return out;
}

export function problemCounts(ds: readonly Diagnostic[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of ds) out[d.severity]++;
  return out;
}
