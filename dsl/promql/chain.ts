/**
 * Long operator chains (`a or b or ... or z`, thousands of terms in generated rules) and how deep a
 * token stream can nest, read from the tokens alone.
 *
 * lezer-promql cannot take such a chain whole: its tree is as deep as the chain is long, and
 * @lezer/common builds trees recursively (a RangeError past about 2,000 levels) and flattens them
 * past 2,500. So `parse.ts` lets lezer parse each operand and each operator (with its `bool`,
 * `on(...)`, `group_left(...)`, `fill(...)` modifiers) on its own, and assembles the chain here, by
 * Prometheus's operator precedence, without recursion. A long chain may be the whole expression or
 * any argument in parentheses (`sum(...)`, `(...)`, `topk(5, ...)`): `longChains` finds them all.
 */
import type { Token } from './lexer.ts';

export interface ChainOperator {
  /** Index of the operator token. */
  readonly op: number;
  /** Index of the first token after its modifiers: where the right operand starts. */
  readonly next: number;
  /** Prometheus's precedence, low to high: or < and unless < comparisons < + - < * / % atan2 < ^. */
  readonly precedence: number;
}

export interface Chain {
  /** Token index ranges [from, to) of the operands, in order; one more than operators. */
  readonly operands: readonly (readonly [number, number])[];
  readonly operators: readonly ChainOperator[];
}

const PRECEDENCE: Partial<Record<string, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  EQLC: 3,
  NEQ: 3,
  LTE: 3,
  LSS: 3,
  GTE: 3,
  GTR: 3,
  TRIM_UPPER: 3,
  TRIM_LOWER: 3,
  ADD: 4,
  SUB: 4,
  MUL: 5,
  DIV: 5,
  MOD: 5,
  atan2: 5,
  POW: 6,
};

/** The same precedence by operator (`BinaryOp`). */
export const OPERATOR_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '</': 3,
  '>/': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

export function precedenceOf(t: Token): number | undefined {
  return t.type === 'KEYWORD' ? PRECEDENCE[t.keyword ?? ''] : PRECEDENCE[t.type];
}

/** `^` is the one right-associative operator. */
export const RIGHT_ASSOCIATIVE_PRECEDENCE = 6;

const OPEN = new Set(['LEFT_PAREN', 'LEFT_BRACE', 'LEFT_BRACKET']);
const CLOSE = new Set(['RIGHT_PAREN', 'RIGHT_BRACE', 'RIGHT_BRACKET']);
/** Tokens after which an operand is complete, so a following `-` or `or` is a binary operator. */
export const ENDS_OPERAND: ReadonlySet<string> = new Set([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'NUMBER',
  'DURATION',
  'STRING',
  ...CLOSE,
]);

/** The index after the bracket group opening at `i`, or undefined when it does not open one or never closes. */
function skipGroup(tokens: readonly Token[], i: number): number | undefined {
  if (tokens[i]?.type !== 'LEFT_PAREN') return undefined;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (OPEN.has(t.type)) depth++;
    else if (CLOSE.has(t.type) && --depth === 0) return j + 1;
  }
  return undefined;
}

function keyword(t: Token | undefined, ...words: string[]): boolean {
  return t?.type === 'KEYWORD' && words.includes(t.keyword ?? '');
}

/** The index after an operator's modifiers (`bool`, `on(...)`/`ignoring(...)`, `group_x(...)`, `fill...(...)`). */
function skipModifiers(tokens: readonly Token[], i: number): number | undefined {
  let j: number | undefined = i;
  if (keyword(tokens[j], 'bool')) j++;
  if (keyword(tokens[j], 'on', 'ignoring')) {
    j = skipGroup(tokens, j + 1);
    if (j === undefined) return undefined;
    if (keyword(tokens[j], 'group_left', 'group_right')) {
      j++;
      if (tokens[j]?.type === 'LEFT_PAREN') j = skipGroup(tokens, j);
      if (j === undefined) return undefined;
    }
  }
  while (keyword(tokens[j], 'fill', 'fill_left', 'fill_right')) {
    j = skipGroup(tokens, j + 1);
    if (j === undefined) return undefined;
  }
  return j;
}

/**
 * The operands and operators of the outermost level of tokens [from, to), when it has at least
 * `min` binary operators; undefined otherwise, or when the brackets do not balance.
 */
export function splitChain(tokens: readonly Token[], from: number, to: number, min: number): Chain | undefined {
  const operands: [number, number][] = [];
  const operators: ChainOperator[] = [];
  let depth = 0;
  let operandStart = from;
  let complete = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (depth === 0 && complete) {
      const precedence = precedenceOf(t);
      if (precedence !== undefined) {
        // `-a ^ b` is `-(a ^ b)` in Prometheus: a signed operand left of `^` is not a chain operand.
        const first = tokens[operandStart];
        if (precedence === RIGHT_ASSOCIATIVE_PRECEDENCE && (first?.type === 'SUB' || first?.type === 'ADD'))
          return undefined;
        const next = skipModifiers(tokens, i + 1);
        if (next === undefined || next >= to) return undefined;
        operands.push([operandStart, i]);
        operators.push({ op: i, next, precedence });
        operandStart = next;
        i = next - 1;
        complete = false;
        continue;
      }
    }
    if (OPEN.has(t.type)) depth++;
    else if (CLOSE.has(t.type) && --depth < 0) return undefined;
    if (depth === 0) complete = ENDS_OPERAND.has(t.type);
  }
  if (depth !== 0 || operators.length < min) return undefined;
  operands.push([operandStart, to]);
  return { operands, operators };
}

/** A long chain: tokens [from, to), the whole expression or one argument in parentheses. */
export interface LongChain extends Chain {
  readonly from: number;
  readonly to: number;
}

/** Parentheses that hold label names (`by (...)`, `on (...)`, ...) or a fill value, not expressions. */
const NOT_EXPRESSIONS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'fill',
  'fill_left',
  'fill_right',
]);

/**
 * Every range of `tokens` (which end with EOF) that is a chain of at least `min` operators: the
 * whole expression, and each comma-separated argument of a pair of parentheses; ordered by `from`.
 * One pass counts the operators of every range; only ranges with enough are split.
 */
export function longChains(tokens: readonly Token[], min: number): LongChain[] {
  interface Frame {
    start: number;
    ops: number;
    complete: boolean;
    expressions: boolean;
  }
  const candidates: [number, number][] = [];
  const stack: Frame[] = [];
  let frame: Frame = { start: 0, ops: 0, complete: false, expressions: true };
  const close = (end: number): void => {
    if (frame.expressions && frame.ops >= min) candidates.push([frame.start, end]);
  };
  const end = tokens.length - 1;
  for (let i = 0; i < end; i++) {
    const t = tokens[i] as Token;
    if (OPEN.has(t.type)) {
      const prev = tokens[i - 1];
      stack.push(frame);
      frame = {
        start: i + 1,
        ops: 0,
        complete: false,
        expressions: t.type === 'LEFT_PAREN' && !(prev?.type === 'KEYWORD' && NOT_EXPRESSIONS.has(prev.keyword ?? '')),
      };
      continue;
    }
    if (CLOSE.has(t.type)) {
      close(i);
      const outer = stack.pop();
      if (!outer) return [];
      frame = outer;
      frame.complete = true;
      continue;
    }
    if (t.type === 'COMMA') {
      close(i);
      frame.start = i + 1;
      frame.ops = 0;
      frame.complete = false;
      continue;
    }
    if (frame.complete && precedenceOf(t) !== undefined) {
      frame.ops++;
      frame.complete = false;
      continue;
    }
    frame.complete = ENDS_OPERAND.has(t.type);
  }
  if (stack.length > 0) return [];
  close(end);
  const out: LongChain[] = [];
  for (const [from, to] of candidates) {
    const chain = from < to ? splitChain(tokens, from, to, min) : undefined;
    if (chain) out.push({ ...chain, from, to });
  }
  return out.sort((x, y) => x.from - y.from);
}

/**
 * An upper bound of how deep lezer's tree for tokens [from, to) nests: every open bracket adds two
 * levels (a call and its body), every operator or modifier one more at its level. Ranges in `skip`
 * (sorted, each one token in what lezer reads) count as one operand. `at` is the first token
 * beyond `limit` (-1 when none is).
 */
export function nestingBound(
  tokens: readonly Token[],
  from: number,
  to: number,
  limit: number,
  skip: readonly (readonly [number, number])[] = [],
): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = -1;
  let next = 0;
  const saved: number[] = [];
  for (let i = from; i < to; i++) {
    const s = skip[next];
    if (s && s[0] === i) {
      i = s[1] - 1;
      next++;
      continue;
    }
    const t = tokens[i] as Token;
    if (OPEN.has(t.type)) {
      saved.push(depth);
      depth += 2;
    } else if (CLOSE.has(t.type)) {
      depth = saved.pop() ?? 0;
      continue;
    } else if (precedenceOf(t) !== undefined || t.type === 'AT' || keyword(t, 'offset', 'anchored', 'smoothed')) {
      depth++;
    }
    if (depth > max) max = depth;
    if (depth > limit && at < 0) at = i;
  }
  return { depth: max, at };
}

/**
 * `o0 op0 o1 op1 ... on` assembled by precedence with two stacks (shunting-yard: how an LR parser
 * reduces it), without recursion. Operands are asked for in order, after the reductions their
 * operator causes, so that errors come in the order Prometheus raises them.
 */
export function byPrecedence<V, O>(
  operand: (k: number) => V,
  operators: readonly O[],
  precedence: (o: O) => number,
  combine: (lhs: V, op: O, rhs: V) => V,
): V {
  const values: V[] = [operand(0)];
  const pending: O[] = [];
  const reduce = (): void => {
    const op = pending.pop() as O;
    const rhs = values.pop() as V;
    const lhs = values.pop() as V;
    values.push(combine(lhs, op, rhs));
  };
  operators.forEach((op, k) => {
    const p = precedence(op);
    for (let top = pending[pending.length - 1]; top !== undefined; top = pending[pending.length - 1]) {
      const q = precedence(top);
      if (q > p || (q === p && q !== RIGHT_ASSOCIATIVE_PRECEDENCE)) reduce();
      else break;
    }
    pending.push(op);
    values.push(operand(k + 1));
  });
  while (pending.length > 0) reduce();
  return values[0] as V;
}

/**
 * A piece of a deep nest that lezer parses on its own: one argument of a parenthesis group (a
 * call's, an aggregation's or a plain one), or a prefix operator with its operand (`- - up ^ 2`).
 */
export interface NestRegion {
  readonly from: number;
  readonly to: number;
}

/**
 * Where tokens [0, EOF) must be cut so that no piece nests deeper than about `cut` levels (counted
 * as `nestingBound` does): at an expression parenthesis that opens `cut` levels below the start of
 * its piece, each argument becomes a piece; at such a prefix `-`/`+`, the operator with its operand
 * (up to an operator that binds looser than a prefix one, a comma or a closing bracket) becomes a
 * piece. One pass; ordered by `from`, empty when the brackets do not balance (lezer reports that).
 * Ranges, steps, offsets and `@` are not cut: a duration expression is no operand.
 */
export function deepRegions(tokens: readonly Token[], cut: number, chainMin: number): NestRegion[] {
  interface Group {
    readonly depth: number;
    readonly base: number;
    readonly expressions: boolean;
    readonly outerOps: number;
    cutArgs: boolean;
    argStart: number;
  }
  interface Tail {
    readonly start: number;
    readonly level: number;
    readonly base: number;
  }
  const out: NestRegion[] = [];
  const groups: Group[] = [];
  const tails: Tail[] = [];
  let depth = 0;
  let base = 0;
  let complete = false;
  // Binary operators at the current level: past `chainMin` the level is a chain, parsed apart, so
  // its operators nest no deeper.
  let ops = 0;
  const inExpressions = (): boolean => groups.length === 0 || (groups[groups.length - 1] as Group).expressions;
  const closeTails = (i: number): void => {
    for (let t = tails[tails.length - 1]; t && t.level === groups.length; t = tails[tails.length - 1]) {
      tails.pop();
      out.push({ from: t.start, to: i });
      base = t.base;
    }
  };
  const endArg = (g: Group, i: number): void => {
    if (g.cutArgs && g.argStart < i) out.push({ from: g.argStart, to: i });
    g.argStart = i + 1;
  };
  const end = tokens.length - 1;
  for (let i = 0; i < end; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    if (OPEN.has(t.type)) {
      const expressions =
        inExpressions() &&
        t.type === 'LEFT_PAREN' &&
        prev?.type !== 'AT' &&
        !(prev?.type === 'KEYWORD' && (NOT_EXPRESSIONS.has(prev.keyword ?? '') || prev.keyword === 'offset'));
      const g: Group = { depth, base, expressions, outerOps: ops, cutArgs: false, argStart: i + 1 };
      groups.push(g);
      depth += 2;
      ops = 0;
      if (expressions && depth - base >= cut) {
        g.cutArgs = true;
        base = depth;
      }
      complete = false;
      continue;
    }
    if (CLOSE.has(t.type)) {
      closeTails(i);
      const g = groups.pop();
      if (!g) return [];
      endArg(g, i);
      depth = g.depth;
      base = g.base;
      ops = g.outerOps;
      complete = true;
      continue;
    }
    if (t.type === 'COMMA') {
      closeTails(i);
      const g = groups[groups.length - 1];
      if (g) endArg(g, i);
      complete = false;
      continue;
    }
    const precedence = precedenceOf(t);
    if (precedence !== undefined && complete) {
      if (precedence < RIGHT_ASSOCIATIVE_PRECEDENCE) closeTails(i);
      if (ops++ < chainMin) depth++;
      complete = false;
      continue;
    }
    if (t.type === 'SUB' || t.type === 'ADD') {
      const modifier = prev?.type === 'AT' || keyword(prev, 'offset');
      if (!modifier && inExpressions() && depth - base >= cut) {
        tails.push({ start: i, level: groups.length, base });
        base = depth;
      }
      depth++;
      continue;
    }
    if (t.type === 'AT' || keyword(t, 'offset', 'anchored', 'smoothed')) depth++;
    complete = ENDS_OPERAND.has(t.type);
  }
  closeTails(end);
  if (groups.length > 0) return [];
  return out.sort(outerFirst);
}

/** By `from`, and of two ranges starting together the longer (outer) first. */
export function outerFirst(x: NestRegion, y: NestRegion): number {
  return x.from - y.from || y.to - x.to;
}
