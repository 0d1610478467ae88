/**
 * The one problem shape every layer reports: the PromQL checker, the lint checks, the build.
 * Positions are kept both as byte offsets (for slicing the source) and as 1-based line/column
 * (for people and editors), because reporters need both and recomputing them is error-prone.
 */
export type Severity = 'info' | 'warning' | 'error';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A half-open range of UTF-16 offsets into a source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A point in a file as people count it: 1-based line and column. */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

export interface SourceLocation extends SourcePoint {
  readonly file: string;
  /** Where the problem ends, when it spans text (1-based; endColumn is exclusive, as in SARIF). */
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface Diagnostic {
  /** Check id, e.g. `promql/syntax` or `rules/duplicate`. */
  readonly checkId: string;
  readonly severity: Severity;
  readonly message: string;
  /** How to fix it, in one sentence, when we know. */
  readonly hint?: string;
  /** Where the author wrote it (the TS call site, or the YAML/JSON position). */
  readonly location?: SourceLocation;
  /** What the problem is attached to, e.g. `alert HighErrorRate` or `panel "Latency"`. */
  readonly subject?: string;
  /** The check's id for this kind of message (its `meta.messages` key); with `data`, what tells problems apart. */
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Other places the problem involves: the other duplicate, the recording rule a query reads. */
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly message: string;
  readonly location?: SourceLocation;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.checkId !== b.checkId) return a.checkId < b.checkId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** How many of `ds` there are of each severity. */
export function problemCounts(ds: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  for (const d of ds) counts[d.severity]++;
  return counts;
}

/** Whether `d` is at or above the severity a build or lint run fails on. */
export function failsBuild(d: Diagnostic, failOn: Severity): boolean {
  return SEVERITY_RANK[d.severity] >= SEVERITY_RANK[failOn];
}
