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

/**
 * `bytePointAt` for many offsets in one pass over the text (an expression with thousands of errors
 * would otherwise be scanned once per error).
 */
export function bytePointsAt(text: string, offsets: readonly number[]): SourcePoint[] {
  const order = offsets.map((o, i) => [Math.min(Math.max(o, 0), text.length), i] as const).sort((a, b) => a[0] - b[0]);
  const out: SourcePoint[] = new Array<SourcePoint>(offsets.length);
  let line = 1;
  let column = 1;
  let i = 0;
  for (const [offset, k] of order) {
    for (; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        column = 1;
      } else if (c < 0x80) column += 1;
      else if (c < 0x800) column += 2;
      // A surrogate pair is 4 bytes in UTF-8; a lone surrogate becomes U+FFFD (3 bytes), as in Buffer.byteLength.
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        column += 4;
        i++;
      } else column += 3;
    }
    out[k] = { line, column };
  }
  return out;
}
