/**
 * String and template literals of a TS module's source, each with a map from every character of
 * its value back to the source character it was written as: an escape (`\"`, `\n`, `\u{1F600}`,
 * `\x41`) takes several source characters, a line continuation none, a `${...}` substitution
 * stands for text the source does not show. Shared by the build (locating a problem found in an
 * expression at the character the author wrote) and the editor (which reads the unsaved text).
 */
import { createRequire } from 'node:module';
import type ts from 'typescript';

// The compiler is loaded on first use: most builds place every problem without it (an expression
// written as one plain literal), and loading it costs about a second and 70 MB.
let compiler: typeof ts | undefined;
function tsc(): typeof ts {
  return (compiler ??= createRequire(import.meta.url)('typescript') as typeof ts);
}

export type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

export function isLiteral(n: ts.Node): n is Literal {
  return tsc().isStringLiteral(n) || tsc().isNoSubstitutionTemplateLiteral(n) || tsc().isTemplateExpression(n);
}

/** The expression inside parentheses, `as`, `satisfies` and `!`. */
export function unwrapExpression(e: ts.Expression): ts.Expression {
  while (
    tsc().isParenthesizedExpression(e) ||
    tsc().isAsExpression(e) ||
    tsc().isSatisfiesExpression(e) ||
    tsc().isNonNullExpression(e)
  )
    e = e.expression;
  return e;
}

/** The name a call calls: `f` of `f(...)` and of `x.f(...)`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  return tsc().isIdentifier(e) ? e.text : tsc().isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** A literal's value: its text and, per character, the source offset it was written at (plus one for its end). */
export interface Cooked {
  text: string;
  readonly offsets: number[];
}

/** Appends the value of the literal source `src[from, to)` (between delimiters), mapping each character. */
export function cookLiteral(src: string, from: number, to: number, out: Cooked): void {
  let text = '';
  for (let i = from; i < to;) {
    const c = src[i];
    if (c === '\r' && src[i + 1] === '\n') {
      out.offsets.push(i);
      text += '\n';
      i += 2;
      continue;
    }
    if (c !== '\\') {
      out.offsets.push(i);
      text += c;
      i++;
      continue;
    }
    const n = src[i + 1] ?? '';
    let value: string;
    let len = 2;
    if (n === '\r' || n === '\n' || n === '\u2028' || n === '\u2029') {
      // A line continuation adds nothing.
      i += n === '\r' && src[i + 2] === '\n' ? 3 : 2;
      continue;
    } else if (n === 'x') {
      value = String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16));
      len = 4;
    } else if (n === 'u' && src[i + 2] === '{') {
      const close = src.indexOf('}', i + 3);
      value = String.fromCodePoint(parseInt(src.slice(i + 3, close), 16) || 0);
      len = close + 1 - i;
    } else if (n === 'u') {
      value = String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
      len = 6;
    } else if (n === '0' && !/[0-9]/.test(src[i + 2] ?? '')) value = '\0';
    else value = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? n;
    for (let k = 0; k < value.length; k++) out.offsets.push(i);
    text += value;
    i += len;
  }
  out.text += text;
}

/** The source spans of a literal's pieces of text and of its substitutions, in order. */
export interface LiteralParts {
  /** `[from, to)` between the delimiters of each piece of text (one more than there are substitutions). */
  readonly pieces: readonly (readonly [number, number])[];
  /** Each substitution: from its `${` to the start of the text after its `}`. */
  readonly substitutions: readonly {
    readonly start: number;
    readonly end: number;
    readonly expression: ts.Expression;
  }[];
}

export function literalParts(lit: Literal): LiteralParts {
  if (tsc().isStringLiteral(lit) || tsc().isNoSubstitutionTemplateLiteral(lit))
    return { pieces: [[lit.getStart() + 1, lit.end - 1]], substitutions: [] };
  const pieces: [number, number][] = [[lit.head.getStart() + 1, lit.head.end - 2]];
  const substitutions = lit.templateSpans.map((span) => {
    const next = span.literal;
    pieces.push([next.getStart() + 1, next.end - (tsc().isTemplateTail(next) ? 1 : 2)]);
    return { start: span.expression.getFullStart() - 2, end: next.getStart() + 1, expression: span.expression };
  });
  return { pieces, substitutions };
}

/** Stands for a substitution in a skeleton (a character of Unicode's private use area). */
const GAP = '\uE000';

/** A literal's value with each substitution as one GAP character (mapped to its `${`). */
function skeleton(src: string, lit: Literal): Cooked {
  const out: Cooked = { text: '', offsets: [] };
  const { pieces, substitutions } = literalParts(lit);
  pieces.forEach(([from, to], i) => {
    cookLiteral(src, from, to, out);
    const sub = substitutions[i];
    if (sub) {
      out.text += GAP;
      out.offsets.push(sub.start);
    }
  });
  out.offsets.push(lit.end - 1);
  return out;
}

/** What the `promql` tag does to its text (`dedent` in promql/template.ts), with the map kept. */
function dedented(c: Cooked): Cooked {
  const lines: { text: string; offsets: number[] }[] = [{ text: '', offsets: [] }];
  for (let i = 0; i < c.text.length; i++) {
    const ch = c.text[i] ?? '';
    const at = c.offsets[i] ?? 0;
    const line = lines[lines.length - 1] as { text: string; offsets: number[] };
    if (ch === '\n') lines.push({ text: '', offsets: [] });
    else if (ch === '\t') {
      line.text += '  ';
      line.offsets.push(at, at);
    } else {
      line.text += ch;
      line.offsets.push(at);
    }
  }
  const newlines: number[] = [];
  for (let i = 0; i < c.text.length; i++) if (c.text[i] === '\n') newlines.push(c.offsets[i] ?? 0);
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first]?.text.trim() === '') first++;
  while (last > first && lines[last - 1]?.text.trim() === '') last--;
  const kept = lines.slice(first, last);
  const indents = kept.filter((l) => l.text.trim() !== '').map((l) => /^ */.exec(l.text)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  const out: Cooked = { text: '', offsets: [] };
  kept.forEach((l, k) => {
    if (k > 0) {
      out.text += '\n';
      out.offsets.push(newlines[first + k - 1] ?? 0);
    }
    const body = l.text.slice(cut).trimEnd();
    out.text += body;
    out.offsets.push(...l.offsets.slice(cut, cut + body.length));
  });
  out.offsets.push(c.offsets[c.offsets.length - 1] ?? 0);
  return out;
}

/**
 * The source offset of each character of `value` (plus its end) when `value` is what the skeleton
 * becomes once its substitutions are filled in; undefined when it is not.
 */
function mapValue(s: Cooked, value: string): number[] | undefined {
  if (!s.text.includes(GAP)) {
    return s.text === value ? s.offsets : undefined;
  }
  const segments = s.text.split(GAP);
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${segments.map(escape).join('([\\s\\S]*?)')}$`, 'd').exec(value);
  if (!m?.indices) return undefined;
  const out: number[] = [];
  let k = 0; // index in the skeleton
  for (let g = 0; g < segments.length; g++) {
    for (let j = 0; j < (segments[g] ?? '').length; j++) out.push(s.offsets[k++] ?? 0);
    if (g === segments.length - 1) break;
    const [from, to] = m.indices[g + 1] ?? [0, 0];
    for (let j = from; j < to; j++) out.push(s.offsets[k] ?? 0);
    k++;
  }
  out.push(s.offsets[s.offsets.length - 1] ?? 0);
  return out;
}

/** The literals of a source text in source order (by where they start), nested ones included. */
function literalsOf(sf: ts.SourceFile): Literal[] {
  const out: Literal[] = [];
  const visit = (n: ts.Node): void => {
    if (isLiteral(n)) out.push(n);
    tsc().forEachChild(n, visit);
  };
  visit(sf);
  return out.sort((a, b) => a.getStart() - b.getStart());
}

/** A parsed source with its literals: parse once per text and ask many times. */
export interface LiteralIndex {
  /**
   * The source offset of character `offset` of `value` (its length: its end), found in the first
   * literal of the call written at source offset `site` (`alert(...)`, a `promql` template: the
   * innermost one there) whose value, as written or as the `promql` tag dedents it, is `value`
   * once its substitutions are filled in.
   */
  inCall(value: string, offset: number, site: number): number | undefined;
  /** The same, in the first such literal that starts at or after `from`, within `window` characters. */
  after(value: string, offset: number, from: number, window?: number): number | undefined;
}

const CALL_LIKE = (n: ts.Node): boolean =>
  tsc().isCallExpression(n) || tsc().isNewExpression(n) || tsc().isTaggedTemplateExpression(n);

export function literalIndex(fileName: string, source: string): LiteralIndex {
  const sf = tsc().createSourceFile(fileName, source, tsc().ScriptTarget.ES2022, true, tsc().ScriptKind.TS);
  const literals = literalsOf(sf);
  const maps = new Map<Literal, { plain: Cooked; dedented: Cooked }>();
  const firstFrom = (from: number): number => {
    let lo = 0;
    let hi = literals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((literals[mid] as Literal).getStart() < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const search = (value: string, offset: number, from: number, to: number): number | undefined => {
    for (let i = firstFrom(from); i < literals.length; i++) {
      const lit = literals[i] as Literal;
      if (lit.getStart() >= to) break;
      let m = maps.get(lit);
      if (!m) {
        const plain = skeleton(source, lit);
        maps.set(lit, (m = { plain, dedented: dedented(plain) }));
      }
      const offsets = mapValue(m.plain, value) ?? mapValue(m.dedented, value);
      if (offsets) return offsets[Math.min(Math.max(offset, 0), offsets.length - 1)];
    }
    return undefined;
  };
  /** The innermost call or tagged template that holds source offset `at`. */
  const callAt = (at: number): ts.Node | undefined => {
    let found: ts.Node | undefined;
    let n: ts.Node | undefined = sf;
    while (n) {
      const inside: ts.Node | undefined = n.getChildren(sf).find((c) => c.getStart(sf) <= at && at < c.end);
      if (inside && CALL_LIKE(inside)) found = inside;
      n = inside;
    }
    return found;
  };
  return {
    inCall(value, offset, site) {
      const call = callAt(site);
      return call ? search(value, offset, call.getStart(sf), call.end) : undefined;
    },
    after(value, offset, from, window = 20_000) {
      return search(value, offset, from, from + window + 1);
    },
  };
}
