/**
 * Finds where in the author's TS file an expression was written, so an error at offset N of a
 * PromQL expression is reported at the exact line:column of the source, not just at the call.
 * We look for the expression text verbatim after the definition's call site; when it is not there
 * verbatim (escapes, interpolation), we report the call site itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLocation } from '../core/diagnostic.ts';
import { pointAt } from '../core/position.ts';

const fileCache = new Map<string, string | null>();

function readSource(root: string, file: string): string | null {
  const key = join(root, file);
  if (!fileCache.has(key)) {
    try {
      fileCache.set(key, readFileSync(key, 'utf8'));
    } catch {
      fileCache.set(key, null);
    }
  }
  return fileCache.get(key) ?? null;
}

export function clearSourceCache(): void {
  fileCache.clear();
}

function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    if (text.charCodeAt(i) === 10) l++;
    i++;
  }
  return i + column - 1;
}

export function locateInExpression(root: string, site: SourceLocation | undefined, expr: string, offset: number): SourceLocation | undefined {
  if (!site) return undefined;
  const src = readSource(root, site.file);
  if (src === null || expr.length === 0) return site;
  const from = offsetOf(src, site.line, site.column);
  const at = src.indexOf(expr, from);
  // Only trust a match close to the call (a later, unrelated copy of the text is not it).
  if (at < 0 || at - from > 20_000) return site;
  const p = pointAt(src, at + Math.min(offset, expr.length));
  return { file: site.file, line: p.line, column: p.column };
}
