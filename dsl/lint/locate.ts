/**
 * Finds where in the author's TS file an expression was written, so an error at offset N of a
 * PromQL expression is reported at the exact line:column of the source, not just at the call.
 *
 * The source is read by TS's parser: the first string or template literal at or after the call
 * site whose value is the expression (escapes undone, `${...}` substitutions filled by what the
 * expression has there, a `promql` template's dedent applied) maps each character to where it is
 * written. Failing that (text built by code), the expression's text verbatim after the call site,
 * or a `promql` template's source read line by line; failing both, the call site itself.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import { resolve } from 'node:path';
import { cacheKey, runCache, Session, SourceTexts } from '../core/session.ts';
import { lineIndex, type LineIndex } from '../collect/line-index.ts';
import { literalIndex, type LiteralIndex } from '../collect/ts-literals.ts';

// Line starts per source text, for the run: scanning from the file's start for every problem is
// quadratic in a large module (thousands of rules, thousands of warnings).
const LINES = cacheKey('locate/lines', () => new Map<string, LineIndex>());

// Each TS source parsed once a run, however many problems it has.
const LITERALS = cacheKey('locate/literals', () => new Map<string, LiteralIndex>());

function literalsOf(file: string, text: string): LiteralIndex | undefined {
  if (!/\.[cm]?[jt]sx?$/.test(file)) return undefined;
  const cache = runCache(LITERALS);
  let l = cache.get(text);
  if (!l) cache.set(text, (l = literalIndex(file, text)));
  return l;
}

function linesOf(text: string): LineIndex {
  const lineCache = runCache(LINES);
  let l = lineCache.get(text);
  if (!l) lineCache.set(text, (l = lineIndex(text)));
  return l;
}

/** The author's source, from the current session's texts (each file read once a run). */
function readSource(root: string, file: string): string | null {
  const session = Session.current();
  const sources = session && session.root === resolve(root) ? session.sources : new SourceTexts(root);
  return sources.text(file) ?? null;
}

function offsetOf(text: string, line: number, column: number): number {
  return linesOf(text).offsetOf(line, column);
}

/** The raw text between the backticks of the template literal that starts at or after `from`. */
function templateBody(src: string, from: number): { start: number; text: string } | undefined {
  const open = src.indexOf('`', from);
  if (open < 0 || open - from > 200) return undefined;
  let i = open + 1;
  while (i < src.length && src[i] !== '`') {
    if (src[i] === '\\') i += 2;
    else if (src[i] === '$' && src[i + 1] === '{') {
      let depth = 0;
      for (; i < src.length; i++) {
        if (src[i] === '{') depth++;
        else if (src[i] === '}' && --depth === 0) break;
      }
      i++;
    } else i++;
  }
  return { start: open + 1, text: src.slice(open + 1, i) };
}

/** Maps (line, column) of the dedented expression into the template body's source offset. */
function mapIntoTemplate(body: { start: number; text: string }, expr: string, offset: number): number | undefined {
  const before = expr.slice(0, offset);
  const exprLine = before.split('\n').length - 1;
  const exprCol = offset - (before.lastIndexOf('\n') + 1);
  const lines = body.text.split('\n');
  let first = 0;
  while (first < lines.length && lines[first]?.trim() === '') first++;
  const nonBlank = lines.slice(first).filter((l) => l.trim() !== '');
  const cut = nonBlank.length
    ? Math.min(...nonBlank.map((l) => /^ */.exec(l.replace(/\t/g, '  '))?.[0].length ?? 0))
    : 0;
  const srcLine = lines[first + exprLine];
  if (srcLine === undefined) return undefined;
  const exprLineText = expr.split('\n')[exprLine] ?? '';
  // Walk source and expression together; an interpolation `${...}` in the source stands for
  // whatever text the expression has until the source's next literal character.
  let s = cut;
  let e = 0;
  while (e < exprCol && s < srcLine.length) {
    if (srcLine[s] === '$' && srcLine[s + 1] === '{') {
      const close = srcLine.indexOf('}', s);
      if (close < 0) break;
      const nextLiteral = srcLine[close + 1];
      while (e < exprCol && e < exprLineText.length && exprLineText[e] !== nextLiteral) e++;
      if (e >= exprCol) break;
      s = close + 1;
      continue;
    }
    s++;
    e++;
  }
  let lineStart = body.start;
  for (let k = 0; k < first + exprLine; k++) lineStart += (lines[k]?.length ?? 0) + 1;
  return lineStart + s;
}

/** Whether `src[at, at + length)` is all of a quoted literal: the same quote right before and after it. */
function wholeLiteral(src: string, at: number, length: number): boolean {
  const q = src[at - 1];
  return (q === "'" || q === '"' || q === '`') && src[at + length] === q && src[at - 2] !== '\\';
}

export function locateInExpression(
  root: string,
  site: SourceLocation | undefined,
  expr: string,
  offset: number,
  fromTemplate = false,
): SourceLocation | undefined {
  if (!site) return undefined;
  const src = readSource(root, site.file);
  if (src === null || expr.length === 0) return site;
  const from = offsetOf(src, site.line, site.column);
  const clamped = Math.min(offset, expr.length);
  // Only trust a match close to the call (a later, unrelated copy of the text is not it); searching
  // only that window also keeps a miss from scanning the rest of a large module.
  const near = src.slice(from, from + 20_000 + expr.length).indexOf(expr);
  const verbatim = near < 0 ? undefined : from + near;
  // Most expressions are a whole literal as written (no escape, no substitution): no parse needed.
  if (verbatim !== undefined && wholeLiteral(src, verbatim, expr.length)) {
    const p = linesOf(src).pointAt(verbatim + clamped);
    return { file: site.file, line: p.line, column: p.column };
  }
  const literals = literalsOf(site.file, src);
  // The literal the expression was written as, read by TS's parser (exact through escapes, line
  // continuations and `${...}` substitutions): one of the call's own, else the nearest after it.
  let at = literals?.inCall(expr, clamped, from);
  if (at === undefined) {
    const literal = literals?.after(expr, clamped, from);
    if (literal !== undefined && (verbatim === undefined || literal < verbatim + clamped)) at = literal;
    else if (verbatim !== undefined) at = verbatim + clamped;
    else if (fromTemplate) {
      const body = templateBody(src, from);
      if (body) at = mapIntoTemplate(body, expr, clamped);
    }
  }
  if (at === undefined) return site;
  const p = linesOf(src).pointAt(at);
  return { file: site.file, line: p.line, column: p.column };
}
