/**
 * PromQL compared as tokens, so re-indenting or re-wrapping an expression is no change, and a
 * change that only swaps numbers is named: `threshold > 0.05 → > 0.1`, `range [5m] → [10m]`.
 * A light tokenizer is enough here (the diff never judges validity): strings, numbers and
 * durations, names, operators; whitespace and `#` comments are dropped.
 */

const TOKEN =
  /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|(?:\d+(?:ms|[smhdwy]))+|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_:][A-Za-z0-9_:.]*|==|!=|>=|<=|=~|!~|\S/gy;
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

export function isConstant(t: string | undefined): boolean {
  return t !== undefined && (NUMBER.test(t) || DURATION.test(t));
}

/** One constant of an expression that changed: a threshold (with its operator), a range, an offset or another number. */
export interface ConstantDelta {
  readonly kind: 'threshold' | 'range' | 'offset' | 'number';
  readonly before: string;
  readonly after: string;
  /** For thresholds: the comparison, and whether the constant stands left of it (`0.05 < x`). */
  readonly op?: string;
  readonly left?: boolean;
}

/**
 * The changes of an expression whose tokens differ only in numbers or durations; undefined when
 * the structure changed (then the whole expression is shown).
 */
export function constantDeltas(before: string, after: string): ConstantDelta[] | undefined {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length !== b.length) return undefined;
  const out: ConstantDelta[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    if (!isConstant(x) || !isConstant(y)) return undefined;
    const prev = a[i - 1] === 'bool' ? a[i - 2] : a[i - 1];
    const next = a[i + 1];
    if (prev !== undefined && COMPARISON.has(prev)) out.push({ kind: 'threshold', before: x, after: y, op: prev });
    else if (next !== undefined && COMPARISON.has(next))
      out.push({ kind: 'threshold', before: x, after: y, op: next, left: true });
    else if (a[i - 1] === '[' || a[i - 1] === ':') out.push({ kind: 'range', before: x, after: y });
    else if (a[i - 1] === 'offset') out.push({ kind: 'offset', before: x, after: y });
    else out.push({ kind: 'number', before: x, after: y });
  }
  return out;
}

/** The two sides of a delta as written: `> 0.05`, `[5m]`, `0.9`. */
export function constantSides(d: ConstantDelta): [string, string] {
  const side = (v: string): string =>
    d.kind === 'threshold' ? (d.left ? `${v} ${d.op}` : `${d.op} ${v}`) : d.kind === 'range' ? `[${v}]` : v;
  return [side(d.before), side(d.after)];
}

/** `threshold > 0.05 → > 0.1`, `range [5m] → [10m]`, `offset 1h → 2h`, `0.9 → 0.99`. */
export function constantText(d: ConstantDelta, code: (s: string) => string = (s) => s): string {
  const [x, y] = constantSides(d);
  return `${d.kind === 'number' ? '' : `${d.kind} `}${code(x)} → ${code(y)}`;
}

/** The changes as text (see constantDeltas); undefined when the structure changed. */
export function constantChanges(before: string, after: string): string[] | undefined {
  return constantDeltas(before, after)?.map((d) => constantText(d));
}
