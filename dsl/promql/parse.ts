/**
 * PromQL text → our AST, with Prometheus's parse errors. The entry point, `parsePromQL`:
 *
 * 1. `lex` (a port of Prometheus's lexer for the target version) gives tokens or the lexical error.
 * 2. lezer-promql parses a same-length canonical text (`canonical.ts`, through `lezer-tree.ts`); a
 *    ⚠ node is a syntax error, which `parse-errors.ts` words and places as Prometheus does.
 * 3. The lezer tree is converted to our AST (`to-ast.ts`, durations in `duration-eval.ts`), with the
 *    errors Prometheus raises while building its tree, in the same order.
 *
 * Long operator chains are parsed here piece by piece (`parseInPieces`), and so are deep nests, within depth limits.
 */
import { NodeType, Tree, type SyntaxNode } from '@lezer/common';
import type { Expr, MatrixSelector, SubqueryExpr, Call } from './ast.ts';
import {
  byPrecedence,
  deepRegions,
  longChains,
  nestingBound,
  outerFirst,
  type ChainOperator,
  type LongChain,
  type NestRegion,
} from './chain.ts';
import { ambiguousOffsets, canonicalText } from './canonical.ts';
import { lex, lexOptionsFor, type LexOptions, type LexResult, type Token } from './lexer.ts';
import {
  lezerParser,
  MarkedInput,
  parseRanges,
  parseSlice,
  parseUnguarded,
  strictParse,
  strictParseRanges,
  strictParseSlice,
  type Range,
} from './lezer-tree.ts';
import type { PromQLError } from './parse-errors.ts';
import { Converter, MAX_TREE_DEPTH, reassociate, TooDeep } from './to-ast.ts';
import type { Target } from './target.ts';

export type { PromQLError } from './parse-errors.ts';
export { describeToken } from './parse-errors.ts';

export interface ParseOutput {
  readonly expr?: Expr;
  /** Errors in the order Prometheus raises them; the first is the one promtool prints. */
  readonly errors: PromQLError[];
}

// Module-level, not in the session (core/session.ts): a pure function of its key, so no edit or project can make an entry wrong, and bounded
// by the Prometheus versions a process checks for (one per build of this repository).
const lexCache = new Map<string, LexOptions>();
function lexOptions(target: Target): LexOptions {
  const key = `${target.major}.${target.minor}`;
  let o = lexCache.get(key);
  if (!o) {
    o = lexOptionsFor(target.major, target.minor);
    lexCache.set(key, o);
  }
  return o;
}

/**
 * `ahead`: lezer's strict tree of this input's canonical text, parsed elsewhere (`aheadTree`, on
 * another thread): the same tree this function would parse, so the output is the same.
 */
export function parsePromQL(input: string, target: Target, ahead?: Tree): ParseOutput {
  const lexed = lex(input, lexOptions(target));
  if (lexed.error) {
    // Prometheus lexes while it parses, so a syntax error before the bad token is reported first.
    const earlier = syntaxErrorBefore(input, lexed.tokens, target);
    return { errors: [earlier ?? { message: lexed.error.message, start: lexed.error.start, end: input.length }] };
  }
  const tokens = parsedTokens(lexed);
  if (tokens.length <= 1) {
    return { errors: [{ message: 'no expression found in input', start: 0, end: 0 }] };
  }
  if (tokens.length > FLAT_TOKENS) {
    const pieces = piecesOf(tokens);
    if (pieces.length > 0) return parseInPieces(input, canonicalText(input, lexed.tokens, {}), tokens, pieces, target);
    const tooDeep = lezerDepthError(tokens, 0, tokens.length);
    if (tooDeep) return { errors: [tooDeep] };
  }
  // Strict parsing throws at the first syntax error instead of recovering, so valid expressions
  // (the common case) need no walk over the tree to look for error nodes.
  const text = ahead ? '' : canonicalText(input, lexed.tokens, {});
  let tree = ahead ?? strictParse(text);
  // An `offset` that may be a metric name: read each such one as a name in turn.
  for (const at of tree ? [] : ambiguousOffsets(lexed.tokens)) {
    tree = strictParse(canonicalText(input, lexed.tokens, { nameOffsets: new Set([at]) }));
    if (tree) break;
  }
  const conv = new Converter(input, tokens, target);
  if (!tree) {
    const syntax = conv.firstSyntaxError(parseUnguarded(lezerParser, text).topNode);
    return { errors: [syntax ?? { message: 'unexpected end of input', start: input.length, end: input.length }] };
  }
  const exprNode = tree.topNode.firstChild;
  if (!exprNode) return { errors: [{ message: 'no expression found in input', start: 0, end: 0 }] };
  let expr: Expr;
  try {
    expr = conv.expr(exprNode);
    if (conv.rotated) expr = reassociate(expr);
  } catch (e) {
    if (e instanceof TooDeep)
      return { errors: [{ message: `expression nests deeper than ${MAX_TREE_DEPTH} levels`, start: e.at, end: e.at }] };
    throw e;
  }
  return { expr, errors: conv.errors };
}

/**
 * The tree `parsePromQL` parses for `input` when it is valid and takes the common path (it lexes,
 * has no pieces, and its canonical text parses strictly); undefined for any other input, which
 * `parsePromQL` then parses itself.
 */
export function aheadTree(input: string, target: Target): Tree | undefined {
  const lexed = lex(input, lexOptions(target));
  if (lexed.error) return undefined;
  const count = parsedTokens(lexed).length;
  if (count <= 1 || count > FLAT_TOKENS) return undefined;
  return strictParse(canonicalText(input, lexed.tokens, {}));
}

/** The tokens the parser reads: the lexer's without comments (EOF included). */
function parsedTokens(lexed: LexResult): readonly Token[] {
  return lexed.hasComments ? lexed.tokens.filter((t) => t.type !== 'COMMENT') : lexed.tokens;
}

/** A syntax error among the tokens that lexed fine, before the lexical error ends the input. */
function syntaxErrorBefore(input: string, tokens: readonly Token[], target: Target): PromQLError | undefined {
  const real = tokens.filter((t) => t.type !== 'COMMENT' && t.type !== 'EOF');
  const last = real[real.length - 1];
  if (!last) return undefined;
  const prefix = input.slice(0, last.end);
  const text = canonicalText(
    prefix,
    tokens.filter((t) => t.end <= last.end),
    {},
  );
  let err: PromQLError | undefined;
  const ended = [...real, { type: 'EOF', start: last.end, end: last.end, text: '' } satisfies Token];
  const pieces = piecesOf(ended);
  if (pieces.length > 0) {
    const r = parseInPieces(prefix, text, ended, pieces, target);
    err = r.syntax ? r.errors[0] : undefined;
  } else {
    if (lezerDepthError(real, 0, real.length)) return undefined;
    err = new Converter(prefix, real, target).firstSyntaxError(parseUnguarded(lezerParser, text).topNode);
  }
  return err && err.start < last.end && err.message !== 'unexpected end of input' ? err : undefined;
}

/**
 * How deep a tree we let lezer build. @lezer/common builds trees recursively (RangeError from about
 * 2,000 levels, depending on how much stack the caller uses) and flattens them past 2,500 levels;
 * the outermost operator chain is assembled without lezer (`parseChain`), so only nesting counts.
 */
export const MAX_LEZER_DEPTH = 1000;

/** From this many operators the outermost chain is parsed operand by operand. */
const CHAIN_MIN_OPERATORS = 100;

/** How deep a piece of a deep nest may go before it is cut (`deepRegions`), well within MAX_LEZER_DEPTH. */
const NEST_CUT_DEPTH = 300;

/**
 * Up to this many tokens (EOF included), an expression has no piece and cannot nest too deep for
 * lezer, so nearly all expressions skip those scans: a chain of CHAIN_MIN_OPERATORS operators
 * takes twice as many tokens, and a token deepens the nest by at most two levels (an open bracket),
 * so the nest stays below NEST_CUT_DEPTH (and MAX_LEZER_DEPTH).
 */
const FLAT_TOKENS = Math.min(2 * CHAIN_MIN_OPERATORS, NEST_CUT_DEPTH / 2, MAX_LEZER_DEPTH / 2);

/** A range of tokens lezer parses apart from the text around it: a long chain, or a cut of a deep nest. */
type Piece = LongChain | NestRegion;

function isChain(p: Piece): p is LongChain {
  return 'operands' in p;
}

/** The pieces of an expression (tokens ending with EOF), outer first; a cut that is also a chain is parsed as the chain. */
function piecesOf(tokens: readonly Token[]): Piece[] {
  const chains = longChains(tokens, CHAIN_MIN_OPERATORS);
  const cuts = deepRegions(tokens, NEST_CUT_DEPTH, CHAIN_MIN_OPERATORS);
  if (cuts.length === 0) return chains;
  const taken = new Set(chains.map((c) => `${c.from}:${c.to}`));
  const out: Piece[] = [...chains];
  for (const c of cuts) {
    const key = `${c.from}:${c.to}`;
    if (taken.has(key)) continue;
    taken.add(key);
    out.push(c);
  }
  return out.sort(outerFirst);
}

function lezerDepthError(
  tokens: readonly Token[],
  from: number,
  to: number,
  skip: readonly (readonly [number, number])[] = [],
): PromQLError | undefined {
  const bound = nestingBound(tokens, from, to, MAX_LEZER_DEPTH, skip);
  if (bound.at < 0) return undefined;
  const t = tokens[bound.at] as Token;
  return {
    message: `expression nests deeper than ${MAX_LEZER_DEPTH} levels of operators, calls and modifiers; split it, e.g. into recording rules`,
    start: t.start,
    end: t.end,
  };
}

/**
 * An expression with pieces (`piecesOf`): long operator chains (`longChains`: the whole of it, or
 * arguments in parentheses) and the cuts of deep nests (`deepRegions`). Each piece is parsed with
 * the pieces inside it replaced by a placeholder name of the same length, and so is the rest of the
 * text. lezer parses each operand of a chain, and each operator with its modifiers between two
 * placeholder operands (`x or on(job) x`), on its own; converting a chain's placeholder assembles
 * it by precedence with two stacks (shunting-yard, how an LR parser reduces it). Pieces are
 * converted innermost first (`Converter.prebuild`), so no conversion recurses through more than
 * one piece, and each placeholder replays the errors of its piece, so errors come in the order
 * Prometheus raises them. Of syntax errors, the leftmost is Prometheus's (its parser stops at the
 * first token that cannot continue the input). `syntax` tells that the error is one.
 */
function parseInPieces(
  input: string,
  text: string,
  tokens: readonly Token[],
  chains: readonly Piece[],
  target: Target,
): ParseOutput & { syntax?: boolean } {
  const conv = new Converter(input, tokens, target);
  let first: PromQLError | undefined;
  const fail = (e: PromQLError | undefined): undefined => {
    const err = e ?? { message: 'unexpected end of input', start: input.length, end: input.length };
    if (!first || err.start < first.start) first = err;
    return undefined;
  };
  // Once an error is known, what starts after it cannot hold Prometheus's first one.
  const moot = (i: number): boolean => first !== undefined && (tokens[i] as Token).start > first.start;
  const startOf = (i: number): number => (tokens[i] as Token).start;
  const endOf = (i: number): number => (tokens[i - 1] as Token).end;

  /** The pieces directly inside tokens [a, b) (not inside another one there, nor `self`), in order. */
  const chainsWithin = (a: number, b: number, self?: Piece): Piece[] => {
    let lo = 0;
    let hi = chains.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((chains[mid] as Piece).from < a) lo = mid + 1;
      else hi = mid;
    }
    const out: Piece[] = [];
    let covered = a;
    for (let i = lo; i < chains.length && (chains[i] as Piece).from < b; i++) {
      const c = chains[i] as Piece;
      if (c === self || c.from < covered || c.to > b) continue;
      out.push(c);
      covered = c.to;
    }
    return out;
  };

  /**
   * The text of tokens [a, b), the pieces `inner` in it stood in for by a placeholder name, `x`, and
   * spaces to their end (the same length: nodes keep their places). For a chain's operands in one go.
   */
  const withPlaceholders = (a: number, b: number, inner: readonly Piece[]): string => {
    let out = '';
    let pos = startOf(a);
    for (const c of inner) {
      const start = startOf(c.from);
      const end = endOf(c.to);
      out += `${text.slice(pos, start)}x${' '.repeat(end - start - 1)}`;
      pos = end;
    }
    return out + text.slice(pos, endOf(b));
  };

  /**
   * What lezer reads of tokens [a, b) with the pieces `inner` stood in for, without copying them:
   * the text within ranges that skip each piece but its first character, read as `x`, and its last,
   * read as a space (so that a keyword after it stays a word of its own).
   */
  const pieceInput = (a: number, b: number, inner: readonly Piece[]): { input: MarkedInput; ranges: Range[] } => {
    const marks = new Map<number, string>();
    const ranges: Range[] = [];
    let from = startOf(a);
    for (const c of inner) {
      const start = startOf(c.from);
      const end = endOf(c.to);
      marks.set(start, 'x');
      if (end - start >= 2) {
        marks.set(end - 1, ' ');
        ranges.push({ from, to: start + 1 });
        from = end - 1;
      }
    }
    ranges.push({ from, to: endOf(b) });
    return { input: new MarkedInput(text, marks), ranges };
  };

  /** lezer's node for tokens [a, b) (whose pieces are `inner`), or undefined after recording its syntax error. */
  const piece = (a: number, b: number, inner: readonly Piece[]): SyntaxNode | undefined => {
    if (moot(a)) return undefined;
    const { input, ranges } = pieceInput(a, b, inner);
    const node = strictParseRanges(input, ranges)?.topNode.firstChild?.firstChild;
    return node ?? fail(conv.firstSyntaxError(parseRanges(lezerParser, input, ranges).topNode));
  };

  /** An operator with modifiers (`and on(job) group_left`) between two placeholder operands, parsed once per spelling. */
  const operatorTrees = new Map<string, Tree | null>();
  const operator = (op: ChainOperator): SyntaxNode | Token | undefined => {
    const t = tokens[op.op] as Token;
    if (op.next === op.op + 1) return t;
    const opSlice = `x ${text.slice(t.start, endOf(op.next))} x`;
    let tree = operatorTrees.get(opSlice);
    if (tree === undefined) {
      tree = (strictParseSlice(opSlice, 0, opSlice.length)?.children[0] as Tree | undefined) ?? null;
      operatorTrees.set(opSlice, tree);
    }
    const node = tree && new Tree(NodeType.none, [tree], [t.start - 2], text.length).topNode.firstChild?.firstChild;
    if (node?.name === 'BinaryExpr') return node;
    return fail(conv.firstSyntaxError(parseSlice(lezerParser, opSlice, t.start - 2, text.length).topNode));
  };

  /**
   * Parses the parts of chain `c` and registers how to assemble it in its placeholder's place. Its
   * operands are parsed by lezer in one go, as the arguments of a call (`abs(a, b, c)`: each
   * operator and its modifiers respelled as a comma and spaces); one by one when that fails, to
   * find the first syntax error.
   */
  const chain = (c: LongChain): void => {
    const inner = c.operands.map(([a, b]) => chainsWithin(a, b));
    for (let k = 0; k < c.operands.length; k++) {
      const [a, b] = c.operands[k] as readonly [number, number];
      const deep = lezerDepthError(
        tokens,
        a,
        b,
        (inner[k] as Piece[]).map((x) => [x.from, x.to] as const),
      );
      if (deep) return void fail(deep);
    }
    let batch = 'abs(';
    c.operands.forEach(([a, b], k) => {
      batch += withPlaceholders(a, b, inner[k] as Piece[]);
      const op = c.operators[k];
      if (op) batch += `,${' '.repeat(startOf(op.next) - endOf(b) - 1)}`;
    });
    batch += ')';
    const body = strictParseSlice(batch, startOf(c.from) - 4, text.length)?.topNode.firstChild?.firstChild?.lastChild;
    let operandNodes: (SyntaxNode | undefined)[] = body ? conv.exprKids(body) : [];
    if (operandNodes.length !== c.operands.length)
      operandNodes = c.operands.map(([a, b], k) => piece(a, b, inner[k] as Piece[]));
    const operatorNodes = c.operators.map((op) => (moot(op.op) ? undefined : operator(op)));
    if (first) return;
    conv.substitutes.set(startOf(c.from), () =>
      byPrecedence(
        (k) => conv.expr(operandNodes[k] as SyntaxNode),
        c.operators.map((op, k) => ({ op, k })),
        ({ op }) => op.precedence,
        (lhs, { k }, rhs) => conv.chainStep(operatorNodes[k] as SyntaxNode | Token, lhs, rhs),
      ),
    );
  };

  /** A cut of a deep nest: parsed with the pieces inside it stood in for, converted in its placeholder's place. */
  const nest = (r: NestRegion): void => {
    const inner = chainsWithin(r.from, r.to, r);
    const deep = lezerDepthError(
      tokens,
      r.from,
      r.to,
      inner.map((x) => [x.from, x.to] as const),
    );
    if (deep) return void fail(deep);
    const node = piece(r.from, r.to, inner);
    const start = startOf(r.from);
    if (node) conv.substitutes.set(start, () => conv.expr(node));
  };

  const end = tokens.length - 1;
  const top = chains[0] as Piece;
  const whole = top.from === 0 && top.to === end && isChain(top);
  let root: SyntaxNode | undefined;
  if (!whole) {
    const inner = chainsWithin(0, end);
    const deep = lezerDepthError(
      tokens,
      0,
      end,
      inner.map((c) => [c.from, c.to] as const),
    );
    if (deep) return { errors: [deep], syntax: true };
    root = piece(0, end, inner);
  }
  // Every piece, outer first (a loop, not a recursion: a deep nest has thousands).
  for (const p of chains) {
    if (first && moot(p.from)) break;
    if (isChain(p)) chain(p);
    else nest(p);
  }
  if (first) return { errors: [first], syntax: true };
  try {
    for (let i = chains.length - 1; i >= 0; i--) conv.prebuild(startOf((chains[i] as Piece).from));
    const expr = root ? conv.expr(root) : (conv.substitutes.get(0)?.() as Expr);
    return { expr: conv.rotated ? reassociate(expr) : expr, errors: conv.errors };
  } catch (e) {
    if (e instanceof TooDeep)
      return { errors: [{ message: `expression nests deeper than ${MAX_TREE_DEPTH} levels`, start: e.at, end: e.at }] };
    throw e;
  }
}

export type { MatrixSelector, SubqueryExpr, Call };
