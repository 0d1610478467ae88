/**
 * A lint baseline for adoption: the problems a team's files already have, recorded once
 * (`obs lint --write-baseline FILE`), so that `obs lint --baseline FILE` reports only new ones and
 * CI can gate on them before the history is fixed. As pint's CI mode does, a problem is matched
 * by its check, its file and what it is about (the message without line numbers, and the source
 * line it points at, trimmed), never by its line number: edits above a known problem move it
 * without making it new. The file is JSON, sorted, so its diff shows what was fixed or accepted.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostic.ts';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly checkId: string;
  readonly file: string;
  readonly message: string;
  /** sha256 of check, file, message and source line, without positions. */
  readonly fingerprint: string;
  /** How many problems share the fingerprint (one line may have several alike). */
  readonly count: number;
}

export interface Baseline {
  readonly version: number;
  readonly problems: readonly BaselineEntry[];
}

export class BaselineError extends Error {}

/** Line and column references inside a message (`defined at alerts/a.yml:1072`) move with edits. */
const POSITIONS = /(:\d+)+\b/g;

function fingerprint(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const file = d.location?.file ?? '';
  const line = d.location ? (sources.get(file)?.split('\n')[d.location.line - 1] ?? '').trim() : '';
  return createHash('sha256')
    .update(`${d.checkId}\u0000${file}\u0000${d.message.replace(POSITIONS, '')}\u0000${line}`)
    .digest('hex')
    .slice(0, 24);
}

export function makeBaseline(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): Baseline {
  const by = new Map<string, BaselineEntry>();
  for (const d of diagnostics) {
    const fp = fingerprint(d, sources);
    const e = by.get(fp);
    by.set(
      fp,
      e
        ? { ...e, count: e.count + 1 }
        : {
            checkId: d.checkId,
            file: d.location?.file ?? '',
            message: d.message.replace(POSITIONS, ''),
            fingerprint: fp,
            count: 1,
          },
    );
  }
  const problems = [...by.values()].sort((a, b) =>
    a.file + a.checkId + a.fingerprint < b.file + b.checkId + b.fingerprint ? -1 : 1,
  );
  return { version: BASELINE_VERSION, problems };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (e) {
    throw new BaselineError(`cannot write the baseline ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BaselineError(
      `cannot read the baseline ${path}: ${e instanceof Error ? e.message : String(e)} (write one with --write-baseline ${path})`,
    );
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path} is not a baseline: ${e instanceof Error ? e.message : String(e)}`);
  }
  const b = v as Partial<Baseline>;
  if (
    typeof v !== 'object' ||
    v === null ||
    b.version !== BASELINE_VERSION ||
    !Array.isArray(b.problems) ||
    !b.problems.every(
      (p) => typeof p === 'object' && p !== null && typeof p.fingerprint === 'string' && Number.isInteger(p.count),
    )
  ) {
    throw new BaselineError(
      `${path} is not an obs lint baseline of version ${BASELINE_VERSION} (write it again with --write-baseline ${path})`,
    );
  }
  return b as Baseline;
}

/** The problems the baseline does not hold (each baseline entry absorbs up to `count` alike), and how many it held. */
export function newProblems(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  baseline: Baseline,
): { fresh: Diagnostic[]; known: number } {
  const left = new Map(baseline.problems.map((p) => [p.fingerprint, p.count]));
  const fresh: Diagnostic[] = [];
  let known = 0;
  for (const d of diagnostics) {
    const fp = fingerprint(d, sources);
    const n = left.get(fp) ?? 0;
    if (n > 0) {
      left.set(fp, n - 1);
      known++;
    } else fresh.push(d);
  }
  return { fresh, known };
}
