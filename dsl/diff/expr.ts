/**
 * PromQL compared as tokens, so re-indenting or re-wrapping an expression is no change, and a
 * change that only swaps numbers is named: `threshold > 0.05 → > 0.1`, `range [5m] → [10m]`.
 * A light tokenizer is enough here (the diff never judges validity): strings, numbers and
 * durations, names, operators; whitespace and `#` comments are dropped.
 */

const TOKEN = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|(?:\d+(?:ms|[smhdwy]))+|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_:][A-Za-z0-9_:.]*|==|!=|>=|<=|=~|!~|\S/gy;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[Ii]nf|NaN)$/;
const DURATION = /^(?:\d+(?:ms|[smhdwy]))+$/;
const COMPARISON = new Set(['>', '<', '>=', '<=', '==', '!=']);

export function tokens(expr: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(expr); m && m[0] !== ''; m = TOKEN.exec(expr)) {
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('#')) continue;
    out.push(t);
  }
  return out;
}

/** The expression with one space between tokens: equal for expressions that differ only in layout. */
export function normalizeExpr(expr: string): string {
  return tokens(expr).join(' ');
}

function isConstant(t: string | undefined): boolean {
  return t !== undefined && (NUMBER.test(t) || DURATION.test(t));
}

/**
 * Names the changes of an expression whose tokens differ only in numbers or durations; undefined
 * when the structure changed (then the whole expression is shown).
 */
export function constantChanges(before: string, after: string): string[] | undefined {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length !== b.length) return undefined;
  const notes: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    if (!isConstant(x) || !isConstant(y)) return undefined;
    const prev = a[i - 1] === 'bool' ? a[i - 2] : a[i - 1];
    const next = a[i + 1];
    if (prev !== undefined && COMPARISON.has(prev)) notes.push(`threshold ${prev} ${x} → ${prev} ${y}`);
    else if (next !== undefined && COMPARISON.has(next)) notes.push(`threshold ${x} ${next} → ${y} ${next}`);
    else if (a[i - 1] === '[' || a[i - 1] === ':') notes.push(`range [${x}] → [${y}]`);
    else if (a[i - 1] === 'offset') notes.push(`offset ${x} → ${y}`);
    else notes.push(`${x} → ${y}`);
  }
  return notes;
}
