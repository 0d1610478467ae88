/** Diagnostics as people read them: `file:line:col  severity  check-id  message`, the source line with a caret, a hint. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { caretLines } from './caret.ts';

export interface TextOptions {
  readonly root: string;
  readonly color: boolean;
}

/** The text of line `line` (1-based) of `file`, when known. */
export type SourceLines = (file: string, line: number) => string | undefined;

function paint(color: boolean): (code: string, s: string) => string {
  return (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
}

/** One diagnostic's block of lines, without the blank line that separates blocks. */
export function renderDiagnostic(d: Diagnostic, lineOf: SourceLines, color: boolean): string[] {
  const p = paint(color);
  const out: string[] = [];
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : '(project)';
  const sev =
    d.severity === 'error' ? p('31', 'error') : d.severity === 'warning' ? p('33', 'warning') : p('36', 'info');
  out.push(`${p('1', where)}  ${sev}  ${p('2', d.checkId)}`);
  out.push(
    d.message
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  const loc = d.location;
  if (loc) {
    const text = lineOf(loc.file, loc.line);
    // A span on one line gets a caret under each of its characters; otherwise one caret at the start.
    const width = loc.endLine === loc.line && loc.endColumn !== undefined ? Math.max(1, loc.endColumn - loc.column) : 1;
    if (text !== undefined) for (const l of caretLines(text, 1, loc.column, width)) out.push(`  ${l}`);
  }
  for (const r of d.related ?? []) {
    const at = r.location ? `${r.location.file}:${r.location.line}:${r.location.column}` : '(project)';
    out.push(`  ${p('2', 'related:')} ${at}  ${r.message}`);
  }
  if (d.hint) out.push(`  ${p('2', 'hint:')} ${d.hint}`);
  return out;
}

/** Source lines from a map of file texts (what lint runs hand to reporters). */
export function linesFromSources(sources: ReadonlyMap<string, string>): SourceLines {
  const split = new Map<string, string[]>();
  return (file, line) => {
    let lines = split.get(file);
    if (!lines) {
      const text = sources.get(file);
      if (text === undefined) return undefined;
      split.set(file, (lines = text.split('\n')));
    }
    return lines[line - 1]?.replace(/\r$/, '');
  };
}

export function formatDiagnosticsText(ds: readonly Diagnostic[], opts: TextOptions): string {
  const cache = new Map<string, string[] | null>();
  const lineOf: SourceLines = (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(join(opts.root, file), 'utf8').split('\n'));
      } catch {
        cache.set(file, null);
      }
    }
    return cache.get(file)?.[line - 1];
  };
  return renderProblems(ds, lineOf, opts.color).join('\n');
}

/** Problems shown one by one; past this many a run is a broken file, and the rest is counted (memory stays bounded). */
export const MAX_SHOWN_PROBLEMS = 10_000;

/** Each problem's lines and a blank line, for at most MAX_SHOWN_PROBLEMS; then how many more there are. */
export function renderProblems(ds: readonly Diagnostic[], lineOf: SourceLines, color: boolean): string[] {
  return [...problemBlocks(ds, lineOf, color)].flat();
}

/**
 * The lines of `renderProblems` a problem at a time (its lines and the blank line after it), made
 * as they are read: a writer takes a block as one piece, not each line through the generators.
 */
export function* problemBlocks(ds: readonly Diagnostic[], lineOf: SourceLines, color: boolean): Generator<string[]> {
  const shown = Math.min(ds.length, MAX_SHOWN_PROBLEMS);
  for (let i = 0; i < shown; i++) {
    const lines = renderDiagnostic(ds[i] as Diagnostic, lineOf, color);
    lines.push('');
    yield lines;
  }
  const hidden = ds.length - shown;
  if (hidden > 0)
    yield [
      `… and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'} not shown (the first ${MAX_SHOWN_PROBLEMS} are; --format json lists all)`,
      '',
    ];
}
