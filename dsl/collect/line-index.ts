import type { SourcePoint } from '../core/diagnostic.ts';

/**
 * Offsets → 1-based line/column (UTF-16 columns, as `pointAt`) for one text, answering in
 * O(log lines): a 20,000-rule file asks for tens of thousands of positions, and scanning from the
 * start each time would be quadratic.
 */
export interface LineIndex {
  pointAt(offset: number): SourcePoint;
  /** The offset of a 1-based line and column (past the end: the text's length). */
  offsetOf(line: number, column: number): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    pointAt(offset) {
      const at = Math.min(Math.max(offset, 0), text.length);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: at - (starts[lo] as number) + 1 };
    },
    offsetOf(line, column) {
      const start = starts[line - 1];
      return start === undefined ? text.length : start + column - 1;
    },
  };
}
