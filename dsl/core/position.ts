import type { SourcePoint } from './diagnostic.ts';

/**
 * Maps offsets in a text to 1-based line/column. Columns count UTF-16 code units, which is what
 * editors and GitHub annotations use for TS sources.
 */
export function pointAt(text: string, offset: number): SourcePoint {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Line and column as Prometheus reports them for an expression: the column counts UTF-8 bytes
 * (Go strings are bytes), so it matches promtool's `1:17: parse error: ...` exactly.
 */
export function bytePointAt(text: string, offset: number): SourcePoint {
  const p = pointAt(text, offset);
  const end = Math.min(Math.max(offset, 0), text.length);
  const lineStart = end - (p.column - 1);
  return { line: p.line, column: Buffer.byteLength(text.slice(lineStart, end), 'utf8') + 1 };
}
