/**
 * PromQL text → our AST, with Prometheus's parse errors.
 *
 * 1. `lex` (a port of Prometheus's lexer for the target version) gives tokens or the lexical error.
 * 2. lezer-promql parses a same-length canonical text (`canonical.ts`); a ⚠ node is a syntax error.
 * 3. The lezer tree is converted to our AST. Where the target's grammar is stricter than lezer's
 *    (e.g. 2.x has no numeric durations or quoted names), the token under a node decides, and the
 *    errors Prometheus raises while building its tree (ranges only on selectors, offset placement,
 *    bad durations, unknown functions, regex errors, ...) are raised here in the same order.
 */
import { parser as lezerParser } from '@prometheus-io/lezer-promql';
import { NodeType, Tree, type SyntaxNode } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import type { Span } from '../core/diagnostic.ts';
import { parseDuration } from '../core/duration.ts';
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Call,
  Cardinality,
  Expr,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  Modifiers,
  SubqueryExpr,
  VectorMatching,
  VectorSelector,
} from './ast.ts';
import {
  byPrecedence,
  longChains,
  nestingBound,
  OPERATOR_PRECEDENCE,
  type ChainOperator,
  type LongChain,
} from './chain.ts';
import { ambiguousOffsets, canonicalText, LEZER_FUNCTION_SET, standInFor } from './canonical.ts';
import { goQuote, goQuoteShort } from '../core/go-format.ts';
import { AGGREGATOR_KEYWORDS, lex, lexOptionsFor, type LexOptions, type Token } from './lexer.ts';
import { parseGoNumber } from './numbers.ts';
import { compileMatcherRegex } from './regex.ts';
import { unquoteString } from './strings.ts';
import { atLeast, lookupFunction, type Target } from './target.ts';

export interface PromQLError extends Span {
  readonly message: string;
}

export interface ParseOutput {
  readonly expr?: Expr;
  /** Errors in the order Prometheus raises them; the first is the one promtool prints. */
  readonly errors: PromQLError[];
}

/** Beyond this nesting we refuse the expression instead of risking the stack. */
export const MAX_NESTING = 400;

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

export function parsePromQL(input: string, target: Target): ParseOutput {
  const lexed = lex(input, lexOptions(target));
  if (lexed.error) {
    // Prometheus lexes while it parses, so a syntax error before the bad token is reported first.
    const earlier = syntaxErrorBefore(input, lexed.tokens, target);
    return { errors: [earlier ?? { message: lexed.error.message, start: lexed.error.start, end: input.length }] };
  }
  const tokens = lexed.hasComments ? lexed.tokens.filter((t) => t.type !== 'COMMENT') : lexed.tokens;
  if (tokens.length <= 1) {
    return { errors: [{ message: 'no expression found in input', start: 0, end: 0 }] };
  }
  const depthError = nestingError(tokens);
  if (depthError) return { errors: [depthError] };
  const chains = longChains(tokens, CHAIN_MIN_OPERATORS);
  if (chains.length > 0) return parseWithChains(input, canonicalText(input, lexed.tokens, {}), tokens, chains, target);
  const tooDeep = lezerDepthError(tokens, 0, tokens.length);
  if (tooDeep) return { errors: [tooDeep] };
  // Strict parsing throws at the first syntax error instead of recovering, so valid expressions
  // (the common case) need no walk over the tree to look for error nodes.
  const text = canonicalText(input, lexed.tokens, {});
  let tree = strictParse(text);
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

/** A syntax error among the tokens that lexed fine, before the lexical error ends the input. */
function syntaxErrorBefore(input: string, tokens: readonly Token[], target: Target): PromQLError | undefined {
  const real = tokens.filter((t) => t.type !== 'COMMENT' && t.type !== 'EOF');
  const last = real[real.length - 1];
  if (!last || nestingError(real)) return undefined;
  const prefix = input.slice(0, last.end);
  const text = canonicalText(
    prefix,
    tokens.filter((t) => t.end <= last.end),
    {},
  );
  let err: PromQLError | undefined;
  const ended = [...real, { type: 'EOF', start: last.end, end: last.end, text: '' } satisfies Token];
  const chains = longChains(ended, CHAIN_MIN_OPERATORS);
  if (chains.length > 0) {
    const r = parseWithChains(prefix, text, ended, chains, target);
    err = r.syntax ? r.errors[0] : undefined;
  } else {
    if (lezerDepthError(real, 0, real.length)) return undefined;
    err = new Converter(prefix, real, target).firstSyntaxError(parseUnguarded(lezerParser, text).topNode);
  }
  return err && err.start < last.end && err.message !== 'unexpected end of input' ? err : undefined;
}

const strictParser = lezerParser.configure({ strict: true });

/** Node type ids of lezer's `Expr` group (NodeType.is looks the group up on every call). */
const IS_EXPR: Uint8Array = (() => {
  const types = lezerParser.nodeSet.types;
  const out = new Uint8Array(types.length);
  for (const t of types) if (t.is('Expr')) out[t.id] = 1;
  return out;
})();

/** Keywords that are also function names in newer Prometheus (`start()`, `step()`, ...). */
const KEYWORD_FUNCTIONS = new Set(['start', 'end', 'step', 'range', 'min_of', 'max_of']);

// lezer's getChild/getChildren allocate a cursor per call; a sibling scan is cheaper.
function child(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

function childAfter(node: SyntaxNode, name: string, after: string): SyntaxNode | null {
  let seen = false;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (seen && c.name === name) return c;
    if (c.name === after) seen = true;
  }
  return null;
}

function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) out.push(c);
  return out;
}

function strictParse(text: string): Tree | undefined {
  try {
    return parseUnguarded(strictParser, text);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/**
 * lezer's LR parser forces a production closed after 300 left-associative reductions from one
 * start (its `bigReductionCount` guard, meant to keep trees shallow for recursive walkers), which
 * turned a valid `a or b or ...` chain of a few hundred terms into a syntax error at a valid token.
 * We walk operator chains iteratively, so each parse switches that guard off. (lezer still
 * flattens subtrees deeper than LEZER_CUT_DEPTH; `tooDeepForLezer` refuses those.)
 */
function parseUnguarded(p: LRParser, text: string): Tree {
  const parse = p.startParse(text);
  Object.defineProperty(parse, 'bigReductionCount', { get: () => 0, set: () => undefined });
  for (;;) {
    const tree = parse.advance();
    if (tree) return tree;
  }
}

/**
 * How deep a tree we let lezer build. @lezer/common builds trees recursively (RangeError from about
 * 2,000 levels, depending on how much stack the caller uses) and flattens them past 2,500 levels;
 * the outermost operator chain is assembled without lezer (`parseChain`), so only nesting counts.
 */
export const MAX_LEZER_DEPTH = 1000;

/** From this many operators the outermost chain is parsed operand by operand. */
const CHAIN_MIN_OPERATORS = 100;

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

/** lezer's tree for `text.slice(from, to)`, placed at `from` so that its nodes carry positions in the whole text. */
function parseSlice(p: LRParser, slice: string, from: number, length: number): Tree {
  return new Tree(NodeType.none, [parseUnguarded(p, slice)], [from], length);
}

/**
 * An expression with long operator chains (`longChains`: the whole of it, or arguments in
 * parentheses): lezer parses each operand of a chain, and each operator with its modifiers between
 * two placeholder operands (`x or on(job) x`), on its own; the rest of the text is parsed with
 * each chain in it replaced by a placeholder name of the same length. Converting a placeholder
 * assembles its chain by precedence with two stacks (shunting-yard, how an LR parser reduces it)
 * in its place, so errors come in the order Prometheus raises them. Of syntax errors, the leftmost
 * is Prometheus's (its parser stops at the first token that cannot continue the input).
 * `syntax` tells that the error is one.
 */
function parseWithChains(
  input: string,
  text: string,
  tokens: readonly Token[],
  chains: readonly LongChain[],
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

  /** The chains directly inside tokens [a, b) (not inside another one there), in order. */
  const chainsWithin = (a: number, b: number): LongChain[] => {
    let lo = 0;
    let hi = chains.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((chains[mid] as LongChain).from < a) lo = mid + 1;
      else hi = mid;
    }
    const out: LongChain[] = [];
    let covered = a;
    for (let i = lo; i < chains.length && (chains[i] as LongChain).from < b; i++) {
      const c = chains[i] as LongChain;
      if (c.from < covered || c.to > b) continue;
      out.push(c);
      covered = c.to;
    }
    return out;
  };

  /** The text of tokens [a, b), the chains `inner` in it stood in for by placeholder names of the same length. */
  const withPlaceholders = (a: number, b: number, inner: readonly LongChain[]): string => {
    let out = '';
    let pos = startOf(a);
    for (const c of inner) {
      const start = startOf(c.from);
      const end = endOf(c.to);
      out += `${text.slice(pos, start)}x${'_'.repeat(end - start - 1)}`;
      pos = end;
    }
    return out + text.slice(pos, endOf(b));
  };

  /** lezer's node for tokens [a, b) (whose chains are `inner`), or undefined after recording its syntax error. */
  const piece = (a: number, b: number, inner: readonly LongChain[]): SyntaxNode | undefined => {
    if (moot(a)) return undefined;
    const slice = withPlaceholders(a, b, inner);
    const from = startOf(a);
    const node = strictParseSlice(slice, from, text.length)?.topNode.firstChild?.firstChild;
    return node ?? fail(conv.firstSyntaxError(parseSlice(lezerParser, slice, from, text.length).topNode));
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
        (inner[k] as LongChain[]).map((x) => [x.from, x.to] as const),
      );
      if (deep) return void fail(deep);
    }
    let batch = 'abs(';
    c.operands.forEach(([a, b], k) => {
      batch += withPlaceholders(a, b, inner[k] as LongChain[]);
      const op = c.operators[k];
      if (op) batch += `,${' '.repeat(startOf(op.next) - endOf(b) - 1)}`;
    });
    batch += ')';
    const body = strictParseSlice(batch, startOf(c.from) - 4, text.length)?.topNode.firstChild?.firstChild?.lastChild;
    let operandNodes: (SyntaxNode | undefined)[] = body ? conv.exprKids(body) : [];
    if (operandNodes.length !== c.operands.length)
      operandNodes = c.operands.map(([a, b], k) => piece(a, b, inner[k] as LongChain[]));
    for (const x of inner.flat()) chain(x);
    const operatorNodes = c.operators.map((op) => (moot(op.op) ? undefined : operator(op)));
    if (first) return;
    conv.substitutes.set(startOf(c.from), {
      end: endOf(c.to),
      build: () =>
        byPrecedence(
          (k) => conv.expr(operandNodes[k] as SyntaxNode),
          c.operators.map((op, k) => ({ op, k })),
          ({ op }) => op.precedence,
          (lhs, { k }, rhs) => conv.chainStep(operatorNodes[k] as SyntaxNode | Token, lhs, rhs),
        ),
    });
  };

  const end = tokens.length - 1;
  const whole = chains[0]?.from === 0 && chains[0].to === end ? chains[0] : undefined;
  let root: SyntaxNode | undefined;
  if (whole) chain(whole);
  else {
    const inner = chainsWithin(0, end);
    const deep = lezerDepthError(
      tokens,
      0,
      end,
      inner.map((c) => [c.from, c.to] as const),
    );
    if (deep) return { errors: [deep], syntax: true };
    root = piece(0, end, inner);
    for (const c of inner) chain(c);
  }
  if (first) return { errors: [first], syntax: true };
  try {
    const expr = root ? conv.expr(root) : (conv.substitutes.get(0)?.build() as Expr);
    return { expr: conv.rotated ? reassociate(expr) : expr, errors: conv.errors };
  } catch (e) {
    if (e instanceof TooDeep)
      return { errors: [{ message: `expression nests deeper than ${MAX_TREE_DEPTH} levels`, start: e.at, end: e.at }] };
    throw e;
  }
}

/**
 * lezer-promql applies `offset`, `@`, `[...]` to the whole operator expression before them, so in
 * `a unless foo offset 5m != b` it groups `(a unless foo) offset 5m` and then compares that with
 * `b`. `rotate` moves the modifier onto `foo`; this then regroups each run of operators (not
 * crossing parentheses, calls or unary operators) by Prometheus's precedence: `a unless (foo
 * offset 5m != b)`. Nodes whose operands do not change are kept as they are.
 */
function reassociate(root: Expr): Expr {
  const fix = (e: Expr): Expr => {
    switch (e.kind) {
      case 'BinaryExpr': {
        const operands: Expr[] = [];
        const ops: BinaryExpr[] = [];
        const todo: (Expr | { readonly op: BinaryExpr })[] = [e];
        for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
          if (!('kind' in x)) ops.push(x.op);
          else if (x.kind === 'BinaryExpr') todo.push(x.rhs, { op: x }, x.lhs);
          else operands.push(fix(x));
        }
        return byPrecedence(
          (k) => operands[k] as Expr,
          ops,
          (o) => OPERATOR_PRECEDENCE[o.op] ?? 0,
          (lhs, op, rhs) =>
            lhs === op.lhs && rhs === op.rhs ? op : { ...op, lhs, rhs, start: lhs.start, end: rhs.end },
        );
      }
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'SubqueryExpr': {
        const inner = fix(e.expr);
        return inner === e.expr ? e : { ...e, expr: inner };
      }
      case 'MatrixSelector':
        return e;
      case 'Call': {
        const args = e.args.map(fix);
        return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
      }
      case 'AggregateExpr': {
        const param = e.param ? fix(e.param) : undefined;
        const inner = fix(e.expr);
        return param === e.param && inner === e.expr ? e : { ...e, param, expr: inner };
      }
      default:
        return e;
    }
  };
  return fix(root);
}

function strictParseSlice(slice: string, from: number, length: number): Tree | undefined {
  try {
    return parseSlice(strictParser, slice, from, length);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

function nestingError(tokens: readonly Token[]): PromQLError | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'LEFT_PAREN' || t.type === 'LEFT_BRACKET' || t.type === 'LEFT_BRACE') depth++;
    else if (t.type === 'RIGHT_PAREN' || t.type === 'RIGHT_BRACKET' || t.type === 'RIGHT_BRACE') depth--;
    if (depth > MAX_NESTING)
      return { message: `expression nests deeper than ${MAX_NESTING} levels`, start: t.start, end: t.end };
  }
  return undefined;
}

/** Our conversion and type check recurse; a chain like `a+a+...+a` of 100k terms must not overflow the stack. */
const MAX_TREE_DEPTH = 1500;

class TooDeep extends Error {
  constructor(readonly at: number) {
    super('too deep');
  }
}

/** Prometheus's description of a token in "unexpected ..." messages (`Item.desc()` in lex.go). */
export function describeToken(t: Token | undefined, legacy = false): string {
  if (!t || t.type === 'EOF') return 'end of input';
  // Prometheus 2.x has no display name for `@`, so it prints the raw item type.
  if (t.type === 'AT' && legacy) return '"<Item 57385>" <op:@>';
  switch (t.type) {
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.text)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.text)}`;
    case 'NUMBER':
      return `number ${shortQuote(t.text)}`;
    case 'DURATION':
      return `duration ${shortQuote(t.text)}`;
    case 'STRING':
      return `string ${shortQuote(t.text)}`;
    case 'KEYWORD': {
      const k = t.keyword ?? '';
      if (k === 'and' || k === 'or' || k === 'unless' || k === 'atan2') return `<op:${t.text}>`;
      if (AGGREGATOR_KEYWORDS.has(k)) return `<aggr:${t.text}>`;
      if (k === 'start' || k === 'end' || k === 'step' || k === 'range' || k === 'max_of' || k === 'min_of')
        return goQuote(t.text);
      return `<${t.text}>`;
    }
    case 'LEFT_PAREN':
    case 'RIGHT_PAREN':
    case 'LEFT_BRACE':
    case 'RIGHT_BRACE':
    case 'LEFT_BRACKET':
    case 'RIGHT_BRACKET':
    case 'COMMA':
    case 'EQL':
    case 'COLON':
      return goQuote(t.text);
    default:
      return `<op:${t.text}>`;
  }
}

function shortQuote(s: string): string {
  return new TextEncoder().encode(s).length > 10 ? goQuoteShort(s) : goQuote(s);
}

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Gte: '>=',
  Gtr: '>',
  Lte: '<=',
  Lss: '<',
  Neq: '!=',
  And: 'and',
  Unless: 'unless',
  Or: 'or',
  TrimUpper: '</' as BinaryOp,
  TrimLower: '>/' as BinaryOp,
};
const BINARY_TOKEN: Record<string, string> = {
  '^': 'POW',
  '*': 'MUL',
  '/': 'DIV',
  '%': 'MOD',
  '+': 'ADD',
  '-': 'SUB',
  '==': 'EQLC',
  '>=': 'GTE',
  '>': 'GTR',
  '<=': 'LTE',
  '<': 'LSS',
  '!=': 'NEQ',
  '</': 'TRIM_UPPER',
  '>/': 'TRIM_LOWER',
};

/** The operator of a token (type, or keyword for `and`, `or`, `unless`, `atan2`). */
const TOKEN_BINARY: Partial<Record<string, BinaryOp>> = {
  ...Object.fromEntries(Object.entries(BINARY_TOKEN).map(([op, type]) => [type, op as BinaryOp])),
  and: 'and',
  or: 'or',
  unless: 'unless',
  atan2: 'atan2',
};

/** Keywords that Prometheus's grammar also accepts as a metric name (`metric_identifier`). */
const METRIC_NAME_KEYWORDS = new Set([
  'avg',
  'bottomk',
  'by',
  'count',
  'count_values',
  'group',
  'and',
  'or',
  'unless',
  'max',
  'min',
  'offset',
  'quantile',
  'stddev',
  'stdvar',
  'sum',
  'topk',
  'without',
  'start',
  'end',
  'limitk',
  'limit_ratio',
  'fill',
  'fill_left',
  'fill_right',
  'step',
  'range',
  'anchored',
  'smoothed',
  'max_of',
  'min_of',
]);

const MAX_INT64 = 9223372036854775807;
/** `1<<63/1e9`: the longest duration literal, in seconds, Prometheus accepts (3.4+). */
const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

class Converter {
  readonly errors: PromQLError[] = [];

  constructor(
    private readonly input: string,
    private readonly tokens: readonly Token[],
    private readonly target: Target,
  ) {}

  /** The token starting exactly at `pos` (tokens are sorted, so a binary search needs no index). */
  private tokenAt(pos: number): Token | undefined {
    const t = this.tokenFrom(pos);
    return t && t.start === pos && t.type !== 'EOF' ? t : undefined;
  }

  private get modern(): boolean {
    return atLeast(this.target, 2, 54);
  }

  private err(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }

  /** First token starting at or after `pos`. */
  private tokenFrom(pos: number): Token | undefined {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tokens[mid] as Token).start < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.tokens[lo];
  }

  /** The last token ending at or before `pos` (a binary search: long chains ask for thousands). */
  private tokenBefore(pos: number): Token | undefined {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid] as Token;
      if (t.end <= pos && t.type !== 'EOF') lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.tokens[lo - 1] : undefined;
  }

  /** The span of the tokens under a node (lezer's node may be shorter where we respelled a literal). */
  private tokenSpan(node: SyntaxNode): Span {
    const toks = this.tokensIn(node);
    return { start: toks[0]?.start ?? node.from, end: toks[toks.length - 1]?.end ?? node.to };
  }

  private tokensIn(node: SyntaxNode): Token[] {
    const out: Token[] = [];
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tokens[mid] as Token).start < node.from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.tokens.length; i++) {
      const t = this.tokens[i] as Token;
      if (t.start >= node.to || t.type === 'EOF') break;
      out.push(t);
    }
    return out;
  }

  /** Records a grammar error for an unexpected token, Prometheus-style. */
  private unexpected(t: Token | undefined, context = '', expected = ''): void {
    let msg = `unexpected ${describeToken(t, this.target.major < 3)}`;
    if (context) msg += ` in ${context}`;
    if (expected) msg += `, expected ${expected}`;
    const start = t ? t.start : this.input.length;
    this.err(msg, start, t ? t.end : start);
  }

  // ---- syntax errors from lezer -------------------------------------------------------------

  firstSyntaxError(top: SyntaxNode): PromQLError | undefined {
    let first: SyntaxNode | undefined;
    const cursor = top.cursor();
    do {
      if (cursor.type.isError && (!first || cursor.from < first.from)) first = cursor.node;
    } while (!first && cursor.next());
    if (!first) return undefined;
    return this.describeSyntaxError(first);
  }

  private describeSyntaxError(node: SyntaxNode): PromQLError {
    const tok =
      node.from === node.to ? this.tokenFrom(node.from) : (this.tokenAt(node.from) ?? this.tokenFrom(node.from));
    const prev = this.tokenBefore(tok ? tok.start : node.from);
    // `name(` where name is no function: Prometheus parses it as a call and rejects the name.
    const fnName = this.unknownFunctionBefore(tok ? tok.end : node.to);
    if (fnName)
      return { message: `unknown function with name ${goQuote(fnName.text)}`, start: fnName.start, end: fnName.end };
    if (prev?.type === 'COMMA' && (tok?.type === 'RIGHT_PAREN' || tok?.type === 'COMMA') && this.insideCall(node)) {
      return { message: 'trailing commas not allowed in function call args', start: prev.start, end: prev.end };
    }
    const [context, expected] = this.errorContext(node, prev, tok);
    let message = `unexpected ${describeToken(tok, this.target.major < 3)}`;
    if (context) message += ` in ${context}`;
    if (expected) message += `, expected ${expected}`;
    const start = tok && tok.type !== 'EOF' ? tok.start : this.input.length;
    return { message, start, end: tok && tok.type !== 'EOF' ? tok.end : start };
  }

  /**
   * The unknown function Prometheus reports before a syntax error at `limit`: the call that closed
   * first before it (calls are reduced, and their names checked, innermost first), or a call whose
   * name lezer could not be given a stand-in for.
   */
  private unknownFunctionBefore(limit: number): Token | undefined {
    let best: { name: Token; closedAt: number } | undefined;
    for (let i = 0; i + 1 < this.tokens.length; i++) {
      const t = this.tokens[i] as Token;
      if (t.start >= limit) break;
      const next = this.tokens[i + 1] as Token;
      if (
        t.type !== 'IDENTIFIER' ||
        next.type !== 'LEFT_PAREN' ||
        next.start >= limit ||
        lookupFunction(t.text, this.target) !== undefined
      )
        continue;
      if (!LEZER_FUNCTION_SET.has(t.text) && standInFor(t.text) === undefined) return t;
      let depth = 0;
      for (let j = i + 1; j < this.tokens.length; j++) {
        const u = this.tokens[j] as Token;
        if (u.start >= limit) break;
        if (u.type === 'LEFT_PAREN') depth++;
        else if (u.type === 'RIGHT_PAREN' && --depth === 0) {
          if (!best || u.end < best.closedAt) best = { name: t, closedAt: u.end };
          break;
        }
      }
    }
    return best?.name;
  }

  private insideCall(node: SyntaxNode): boolean {
    for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
      if (p.name === 'FunctionCallBody') return true;
      if (p.name === 'ParenExpr' || p.name === 'LabelMatchers' || p.name === 'GroupingLabels') return false;
    }
    return false;
  }

  private errorContext(node: SyntaxNode, prev: Token | undefined, tok: Token | undefined): [string, string] {
    const modifierKeyword =
      prev?.type === 'KEYWORD' &&
      ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(prev.keyword ?? '');
    for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
      switch (p.name) {
        case 'LabelMatchers':
        case 'UnquotedLabelMatcher':
        case 'QuotedLabelMatcher':
        case 'QuotedLabelName':
          if (prev?.type === 'EQL' || prev?.type === 'NEQ' || prev?.type === 'EQL_REGEX' || prev?.type === 'NEQ_REGEX')
            return ['label matching', 'string'];
          if (prev?.type === 'IDENTIFIER') return ['label matching', 'label matching operator'];
          if (prev?.type === 'STRING' && tok?.type !== 'STRING') return ['label matching', '"," or "}"'];
          return ['label matching', 'identifier or "}"'];
        case 'GroupingLabels':
          if (prev?.type === 'LEFT_PAREN' || prev?.type === 'COMMA') return ['grouping opts', 'label'];
          return ['grouping opts', '"," or ")"'];
        case 'AggregateModifier':
        case 'MatchingModifierClause':
          if (modifierKeyword) return ['grouping opts', '"("'];
          continue;
        case 'OffsetExpr':
        case 'OffsetDurationExpr':
          return ['offset', this.expectedDuration().literal];
        case 'StepInvariantExpr':
          return ['@', 'timestamp'];
        case 'MatrixSelector':
        case 'SubqueryExpr':
        case 'DurationExpr':
          return this.bracketContext(p, prev);
        case 'AggregateExpr': {
          // Errors right after the operator (`sum avg`) are reported without context, as in Prometheus.
          const op = child(p, 'AggregateOp');
          if (op && (prev?.end ?? 0) > op.to) return ['aggregation', ''];
          return ['', ''];
        }
      }
    }
    return ['', ''];
  }

  /** Prometheus's wording for what it expected in `offset`/`[...]`, which changed in 2.54, 3.6 and 3.10. */
  private expectedDuration(): { literal: string; orBracket: string; rangeContext: string } {
    if (atLeast(this.target, 3, 10))
      return {
        literal: 'number, duration, step(), or range()',
        orBracket: 'number, duration, step(), range(), or "]"',
        rangeContext: 'subquery or range selector',
      };
    if (atLeast(this.target, 3, 6))
      return {
        literal: 'number, duration, or step()',
        orBracket: 'number, duration, or step() or "]"',
        rangeContext: 'subquery or range selector',
      };
    if (this.modern)
      return {
        literal: 'number or duration',
        orBracket: 'number or duration or "]"',
        rangeContext: 'subquery selector',
      };
    return { literal: 'duration', orBracket: 'duration or "]"', rangeContext: 'subquery selector' };
  }

  private bracketContext(p: SyntaxNode, prev: Token | undefined): [string, string] {
    const e = this.expectedDuration();
    if (prev?.type === 'LEFT_BRACKET') return [e.rangeContext, e.literal];
    if (prev?.type === 'COLON') return ['subquery selector', e.orBracket];
    let colon = false;
    for (let t = this.tokenFrom(p.from); t && prev && t.start <= prev.start; t = this.tokenFrom(t.end))
      if (t.type === 'COLON') colon = true;
    if (colon) return ['subquery selector', '"]"'];
    return ['subquery or range', '":" or "]"'];
  }

  // ---- tree conversion ----------------------------------------------------------------------

  private depth = 0;

  expr(node: SyntaxNode): Expr {
    if (++this.depth > MAX_TREE_DEPTH) throw new TooDeep(node.from);
    try {
      return this.exprInner(node);
    } finally {
      this.depth--;
    }
  }

  /** Long chains parsed apart, by where their placeholder starts (`parseWithChains`). */
  readonly substitutes = new Map<number, { readonly end: number; readonly build: () => Expr }>();

  private exprInner(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'NumberDurationLiteral':
        return this.numberLiteral(node);
      case 'StringLiteral':
        return { kind: 'StringLiteral', value: this.stringValue(node), start: node.from, end: node.to };
      case 'VectorSelector': {
        const chain = this.substitutes.get(node.from);
        return chain?.end === node.to ? chain.build() : this.vectorSelector(node);
      }
      case 'ParenExpr': {
        const inner = this.expr(this.only(node));
        return { kind: 'ParenExpr', expr: inner, start: node.from, end: node.to };
      }
      case 'UnaryExpr':
        return this.unary(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'MatrixSelector':
        return this.postfix(node, (inner) => this.matrix(node, inner));
      case 'SubqueryExpr':
        return this.postfix(node, (inner) => this.subquery(node, inner));
      case 'OffsetExpr':
        return this.postfix(node, (inner) => this.offset(node, inner));
      case 'StepInvariantExpr':
        return this.postfix(node, (inner) => this.at(node, inner));
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.postfix(node, (inner) => this.extendedRange(node, inner));
      default:
        this.unexpected(this.tokenFrom(node.from));
        return { kind: 'NumberLiteral', value: 0, start: node.from, end: node.to };
    }
  }

  private kids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  private only(node: SyntaxNode): SyntaxNode {
    const c = node.firstChild;
    if (!c) throw new Error(`internal: ${node.name} without child`);
    return c;
  }

  exprKids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) if (IS_EXPR[c.type.id]) out.push(c);
    return out;
  }

  private stringValue(node: SyntaxNode): string {
    // The token already holds the literal's text; slicing the input again would copy it.
    const t = this.tokenAt(node.from);
    return unquoteString(t && t.end === node.to ? t.text : this.input.slice(node.from, node.to));
  }

  private numberLiteral(node: SyntaxNode): Expr {
    const single = this.tokenAt(node.from);
    if (single?.type === 'NUMBER' && single.end >= node.to) {
      return { kind: 'NumberLiteral', value: this.numberValue(single), start: node.from, end: single.end };
    }
    const toks = this.tokensIn(node);
    let sign = 1;
    let i = 0;
    const first = toks[0];
    if (first && (first.type === 'SUB' || first.type === 'ADD')) {
      sign = first.type === 'SUB' ? -1 : 1;
      i = 1;
    }
    const t = toks[i];
    if (!t) {
      this.unexpected(this.tokenFrom(node.from));
      return { kind: 'NumberLiteral', value: 0, start: node.from, end: node.to };
    }
    const value = this.numberValue(t);
    return { kind: 'NumberLiteral', value: sign * value, start: node.from, end: node.to };
  }

  /** The value of a NUMBER token, or (Prometheus 2.54+) a DURATION token in seconds. */
  private numberValue(t: Token): number {
    if (t.type === 'DURATION') {
      if (!this.modern) {
        this.unexpected(t);
        return 0;
      }
      const d = parseDuration(t.text);
      if (!d.ok) {
        this.err(d.error, t.start, t.end);
        return 0;
      }
      return d.ms / 1000;
    }
    if (t.type !== 'NUMBER') {
      this.unexpected(t);
      return 0;
    }
    const v = parseGoNumber(t.text);
    if (v.ok) return v.value;
    this.err(`error parsing number: ${v.error}`, t.start, t.end);
    return 0;
  }

  private unary(node: SyntaxNode): Expr {
    const opNode = child(node, 'UnaryOp');
    const op = opNode && this.input.slice(opNode.from, opNode.to) === '-' ? '-' : '+';
    const inner = this.expr(this.exprKids(node)[0] ?? this.only(node));
    if (inner.kind === 'NumberLiteral') {
      return {
        kind: 'NumberLiteral',
        value: op === '-' ? -inner.value : inner.value,
        start: node.from,
        end: inner.end,
      };
    }
    return { kind: 'UnaryExpr', op, expr: inner, start: node.from, end: node.to };
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const ident = child(node, 'Identifier');
    let name: string | undefined;
    let nameSpan: Span | undefined;
    if (ident) {
      const t = this.tokenAt(ident.from);
      if (!t || !this.isMetricNameToken(t)) this.unexpected(t);
      name = t && t.end === ident.to ? t.text : this.input.slice(ident.from, ident.to);
      nameSpan = { start: ident.from, end: ident.to };
    }
    const matchers: LabelMatcher[] = [];
    const lm = child(node, 'LabelMatchers');
    if (lm) {
      for (const m of this.kids(lm)) {
        const matcher = this.labelMatcher(m);
        if (matcher) matchers.push(matcher);
      }
    }
    // Optional fields are assigned, not spread: spreading into a literal is slow on Node 20 and this is hot.
    return { kind: 'VectorSelector', name, nameSpan, matchers, start: node.from, end: node.to };
  }

  private isMetricNameToken(t: Token): boolean {
    if (t.type === 'IDENTIFIER' || t.type === 'METRIC_IDENTIFIER') return true;
    return t.type === 'KEYWORD' && METRIC_NAME_KEYWORDS.has(t.keyword ?? '');
  }

  private labelMatcher(node: SyntaxNode): LabelMatcher | undefined {
    const quotedNamesAllowed = atLeast(this.target, 2, 51);
    if (node.name === 'QuotedLabelName') {
      const s = this.tokenAt(node.from);
      if (!quotedNamesAllowed) {
        this.unexpected(s, 'label matching', 'identifier or "}"');
        return undefined;
      }
      const value = this.stringValue(this.only(node));
      const span = { start: node.from, end: node.to };
      return { name: '__name__', op: '=', value, nameSpan: span, valueSpan: span, ...span };
    }
    const nameNode = node.firstChild;
    const opNode = child(node, 'MatchOp');
    const valueNode = childAfter(node, 'StringLiteral', 'MatchOp');
    if (!nameNode || !opNode || !valueNode) return undefined;
    let name: string;
    if (node.name === 'QuotedLabelMatcher') {
      if (!quotedNamesAllowed) {
        this.unexpected(this.tokenAt(nameNode.from), 'label matching', 'identifier or "}"');
        return undefined;
      }
      name = this.stringValue(this.only(nameNode));
    } else {
      const t = this.tokenAt(nameNode.from);
      name = t && t.end === nameNode.to ? t.text : this.input.slice(nameNode.from, nameNode.to);
    }
    const op = (this.tokenAt(opNode.from)?.text ?? this.input.slice(opNode.from, opNode.to)) as MatchOp;
    const value = this.stringValue(valueNode);
    const matcher: LabelMatcher = {
      name,
      op,
      value,
      start: nameNode.from,
      end: valueNode.to,
      nameSpan: { start: nameNode.from, end: nameNode.to },
      valueSpan: { start: valueNode.from, end: valueNode.to },
    };
    if (op === '=~' || op === '!~') {
      const re = compileMatcherRegex(value, this.target);
      if (!re.ok) this.err(re.error, nameNode.from, valueNode.to);
    }
    return matcher;
  }

  /**
   * `a or b or ... or z` is a left spine of as many BinaryExprs as operators (thousands in generated
   * rules): it is converted with a loop, leftmost operand first, in the order Prometheus reduces it.
   */
  private binary(node: SyntaxNode): Expr {
    const spine: SyntaxNode[] = [node];
    for (let l = node.firstChild; l?.name === 'BinaryExpr'; l = l.firstChild) spine.push(l);
    const leaf = (spine[spine.length - 1] as SyntaxNode).firstChild;
    if (!leaf) throw new Error('internal: malformed BinaryExpr');
    let lhs = this.expr(leaf);
    for (let i = spine.length - 1; i >= 0; i--) lhs = this.binaryStep(spine[i] as SyntaxNode, lhs);
    return lhs;
  }

  /**
   * One operator of a chain parsed apart, applied to operands converted already: its node (`x op
   * x`) when it has modifiers, else its token.
   */
  chainStep(node: SyntaxNode | Token, lhs: Expr, rhs: Expr): Expr {
    if (typeof node.type === 'string') {
      const t = node as Token;
      const op = TOKEN_BINARY[t.type === 'KEYWORD' ? (t.keyword ?? '') : t.type];
      if (!op) throw new Error(`internal: ${t.type} is no binary operator`);
      const matching: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [], explicit: false };
      return {
        kind: 'BinaryExpr',
        op,
        opSpan: { start: t.start, end: t.end },
        lhs,
        rhs,
        returnBool: false,
        matching,
        start: lhs.start,
        end: rhs.end,
      };
    }
    return { ...this.binaryStep(node as SyntaxNode, lhs, rhs), start: lhs.start, end: rhs.end };
  }

  private binaryStep(node: SyntaxNode, lhs: Expr, given?: Expr): Expr {
    const kids = this.kids(node);
    const rhsNode = kids[kids.length - 1];
    const opNode = kids[1];
    if (!rhsNode || !opNode || kids.length < 3) throw new Error('internal: malformed BinaryExpr');
    const op = BINARY_OPS[opNode.name];
    const opTok = this.tokenAt(opNode.from);
    if (!op) throw new Error(`internal: unknown operator node ${opNode.name}`);
    if (!this.opTokenMatches(op, opTok)) this.unexpected(this.tokenFrom(opTok ? opTok.end : opNode.to));
    let returnBool = false;
    let matching: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [], explicit: false };
    let fill = false;
    for (const k of kids.slice(2, -1)) {
      if (k.name === 'BoolModifier') returnBool = true;
      else if (k.name === 'MatchingModifierClause') matching = this.matchingClause(k);
      else if (k.name === 'FillModifier') fill = this.fillModifier(k);
    }
    const rhs = given ?? this.expr(rhsNode);
    if (fill) {
      matching = { ...matching, fill: true };
      if (!this.target.features.has('promql-binop-fill-modifiers'))
        this.err('binop fill modifiers are experimental and not enabled', node.from, node.to);
    }
    return {
      kind: 'BinaryExpr',
      op,
      opSpan: { start: opNode.from, end: opNode.to },
      lhs,
      rhs,
      returnBool,
      matching,
      start: node.from,
      end: node.to,
    };
  }

  private opTokenMatches(op: BinaryOp, t: Token | undefined): boolean {
    if (!t) return false;
    if (op === 'and' || op === 'or' || op === 'unless' || op === 'atan2')
      return t.type === 'KEYWORD' && t.keyword === op;
    return t.type === BINARY_TOKEN[op];
  }

  private matchingClause(node: SyntaxNode): VectorMatching {
    const kids = this.kids(node);
    const on = kids[0]?.name === 'On';
    const groups = kids.filter((k) => k.name === 'GroupingLabels');
    const labels = groups[0] ? this.groupingLabels(groups[0]) : [];
    const groupNode = kids.find((k) => k.name === 'GroupLeft' || k.name === 'GroupRight');
    const card: Cardinality = groupNode
      ? groupNode.name === 'GroupLeft'
        ? 'many-to-one'
        : 'one-to-many'
      : 'one-to-one';
    const include = groups[1] ? this.groupingLabels(groups[1]) : [];
    return { card, on, labels, include, explicit: true };
  }

  /** True for a real fill modifier; before 3.10 `fill(0)` is a call to an unknown function. */
  private fillModifier(node: SyntaxNode): boolean {
    const t = this.tokenAt(node.from);
    if (t?.type === 'IDENTIFIER') {
      this.err(`unknown function with name ${goQuote(t.text)}`, t.start, t.end);
      return false;
    }
    if (!t || t.type !== 'KEYWORD') {
      this.unexpected(t);
      return false;
    }
    return true;
  }

  private groupingLabels(node: SyntaxNode): string[] {
    const out: string[] = [];
    for (const k of this.kids(node)) {
      if (k.name === 'QuotedLabelName') {
        if (!atLeast(this.target, 2, 55)) {
          this.unexpected(this.tokenAt(k.from), 'grouping opts', 'label');
          continue;
        }
        const name = this.stringValue(this.only(k));
        // Prometheus 3 validates names as UTF-8; 2.55 still uses the legacy character set.
        const valid =
          this.target.major >= 3
            ? name.length > 0 && !/[\uD800-\uDFFF]/.test(name)
            : /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
        if (!valid) this.err(`invalid label name for grouping: ${goQuote(name)}`, k.from, k.to);
        out.push(name);
        continue;
      }
      if (k.name !== 'LabelName') continue;
      const t = this.tokenAt(k.from);
      // Every keyword may be a grouping label except `without` (Prometheus's maybe_label list).
      if (!t || !(t.type === 'IDENTIFIER' || (t.type === 'KEYWORD' && t.keyword !== 'without'))) {
        this.unexpected(t, 'grouping opts', 'label');
        continue;
      }
      out.push(t.text);
    }
    return out;
  }

  private call(node: SyntaxNode): Expr {
    const idNode = child(node, 'FunctionIdentifier');
    const body = child(node, 'FunctionCallBody');
    if (!idNode || !body) throw new Error('internal: malformed FunctionCall');
    const nameTok = this.tokenAt(idNode.from);
    const name = this.input.slice(idNode.from, idNode.to);
    const args = this.exprKids(body).map((a) => this.expr(a));
    const nameSpan = { start: idNode.from, end: idNode.to };
    const isCallToken =
      nameTok &&
      (nameTok.type === 'IDENTIFIER' ||
        (nameTok.type === 'KEYWORD' && KEYWORD_FUNCTIONS.has(nameTok.keyword ?? '') && this.modern));
    if (!isCallToken) {
      this.unexpected(this.tokenFrom(idNode.to));
    } else {
      this.checkFunctionName(name, nameSpan);
    }
    return { kind: 'Call', func: name, nameSpan, args, start: node.from, end: node.to };
  }

  private checkFunctionName(name: string, span: Span): void {
    const fn = lookupFunction(name, this.target);
    if (!fn) this.err(`unknown function with name ${goQuote(name)}`, span.start, span.end);
    else if (fn.experimental && !this.target.features.has('promql-experimental-functions')) {
      this.err(`function ${goQuote(name)} is not enabled`, span.start, span.end);
    }
  }

  private aggregate(node: SyntaxNode): Expr {
    const opNode = child(node, 'AggregateOp');
    const body = child(node, 'FunctionCallBody');
    if (!opNode || !body) throw new Error('internal: malformed AggregateExpr');
    const opTok = this.tokenAt(opNode.from);
    const opText = this.input.slice(opNode.from, opNode.to);
    const args = this.exprKids(body).map((a) => this.expr(a));
    const modNode = child(node, 'AggregateModifier');
    // In versions without limitk/limit_ratio those words are plain identifiers, so `limitk(...)` is a call.
    if (opTok?.type === 'IDENTIFIER') {
      if (modNode) this.unexpected(this.tokenAt(modNode.from));
      else this.checkFunctionName(opText, { start: opNode.from, end: opNode.to });
      return {
        kind: 'Call',
        func: opText,
        nameSpan: { start: opNode.from, end: opNode.to },
        args,
        start: node.from,
        end: node.to,
      };
    }
    const op = opText.toLowerCase() as AggregateOp;
    let grouping: AggregateExpr['grouping'];
    if (modNode) {
      const kw = modNode.firstChild;
      const labelsNode = child(modNode, 'GroupingLabels');
      const without = kw?.name === 'Without';
      const labels = labelsNode ? this.groupingLabels(labelsNode) : [];
      grouping = { without, labels, span: { start: modNode.from, end: modNode.to } };
    }
    const opSpan = { start: opNode.from, end: opNode.to };
    const placeholder: Expr = { kind: 'NumberLiteral', value: 0, start: body.from, end: body.to };
    if (args.length === 0) {
      this.err('no arguments for aggregate expression provided', node.from, node.to);
      return { kind: 'AggregateExpr', op, opSpan, expr: placeholder, grouping, start: node.from, end: node.to };
    }
    if ((op === 'limitk' || op === 'limit_ratio') && !this.target.features.has('promql-experimental-functions')) {
      const what = atLeast(this.target, 3, 1) ? `${op}()` : 'limitk() and limit_ratio()';
      this.err(
        `${what} ${atLeast(this.target, 3, 1) ? 'is' : 'are'} experimental and must be enabled with --enable-feature=promql-experimental-functions`,
        node.from,
        node.to,
      );
    }
    const withParam =
      op === 'topk' ||
      op === 'bottomk' ||
      op === 'quantile' ||
      op === 'count_values' ||
      op === 'limitk' ||
      op === 'limit_ratio';
    const desired = withParam ? 2 : 1;
    if (args.length !== desired) {
      this.err(
        `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
        node.from,
        node.to,
      );
    }
    const expr = args[desired - 1] ?? placeholder;
    const param = withParam ? args[0] : undefined;
    return { kind: 'AggregateExpr', op, opSpan, param, expr, grouping, start: node.from, end: node.to };
  }

  /** A duration in `[...]` or after `offset`: milliseconds, or undefined after reporting an error. */
  private durationValue(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
    return atLeast(this.target, 3, 4) ? this.durationExpression(node, context) : this.durationLiteral(node, context);
  }

  /** Before 3.4 a range, step or offset is one literal (offsets may be negated). */
  private durationLiteral(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
    const toks = this.tokensIn(node);
    const expected = this.expectedDuration();
    let sign = 1;
    let i = 0;
    if (context === 'offset' && toks[0]?.type === 'SUB') {
      sign = -1;
      i = 1;
    }
    const t = toks[i];
    const bad = toks.length > i + 1 ? toks[i + 1] : t;
    if (!t || toks.length !== i + 1 || (t.type !== 'DURATION' && !(t.type === 'NUMBER' && this.modern))) {
      if (context === 'offset')
        this.unexpected(t && t.type !== 'DURATION' && t.type !== 'NUMBER' ? t : bad, 'offset', expected.literal);
      else if (context === 'step' && t && t.type !== 'DURATION' && t.type !== 'NUMBER')
        this.unexpected(t, 'subquery selector', expected.orBracket);
      else
        this.unexpected(
          bad,
          toks.length > i + 1 ? (context === 'step' ? 'subquery selector' : 'subquery or range') : 'subquery selector',
          toks.length > i + 1 ? (context === 'step' ? '"]"' : '":" or "]"') : expected.orBracket,
        );
      return undefined;
    }
    if (t.type === 'NUMBER') {
      const v = parseGoNumber(t.text);
      if (!v.ok) {
        this.err(`error parsing number: ${v.error}`, t.start, t.end);
        return undefined;
      }
      return Math.round(sign * v.value * 1000);
    }
    const d = parseDuration(t.text);
    if (!d.ok) {
      this.err(this.target.major < 3 ? `not a valid duration string: ${goQuote(t.text)}` : d.error, t.start, t.end);
      return undefined;
    }
    if (d.ms === 0) {
      this.err('duration must be greater than 0', t.start, t.end);
      return undefined;
    }
    return sign * d.ms;
  }

  /**
   * From 3.4 a duration may be an expression (`5m + 1m`, `step() * 2`, `min_of(...)`), behind the
   * promql-duration-expr flag; a plain or negated literal needs no flag. Ranges and steps that are
   * literals must be positive.
   */
  private durationExpression(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
    const errorsBefore = this.errors.length;
    const r = this.evalDuration(node);
    if (this.errors.length > errorsBefore) return undefined;
    if (r.literal && context !== 'offset' && r.seconds <= 0) {
      this.err('duration must be greater than 0', r.start, node.to);
      return undefined;
    }
    return r.literal ? Math.round(r.seconds * 1000) : 1;
  }

  private experimentalDuration(start: number, end: number): void {
    if (!this.target.features.has('promql-duration-expr'))
      this.err('experimental duration expression is not enabled', start, end);
  }

  /**
   * `sign` is the unary operator of an offset's `-<literal>`: from 3.5 Prometheus reads it with the
   * literal (offset_duration_expr) and reports an out-of-range value at the operator.
   */
  private evalDuration(node: SyntaxNode, sign?: SyntaxNode): { seconds: number; literal: boolean; start: number } {
    const kids = this.kids(node);
    const first = kids[0];
    if (!first) return { seconds: 0, literal: true, start: node.from };
    if (first.name === 'NumberDurationLiteralInDurationContext') {
      const t = this.tokenAt(first.from);
      if (!t) return { seconds: 0, literal: true, start: first.from };
      let seconds = 0;
      if (t.type === 'NUMBER') {
        const v = parseGoNumber(t.text);
        if (!v.ok) this.err(`error parsing number: ${v.error}`, t.start, t.end);
        else seconds = v.value;
      } else {
        const d = parseDuration(t.text);
        if (!d.ok) this.err(d.error, t.start, t.end);
        else seconds = d.ms / 1000;
      }
      // A literal must fit Go's time.Duration (int64 nanoseconds): durationLiteralOutOfRange.
      if (seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS) {
        this.err('duration out of range', sign ? sign.from : t.start, sign ? sign.to : t.end);
        seconds = 0;
      }
      return { seconds, literal: true, start: sign ? sign.from : t.start };
    }
    if (first.name === 'UnaryOp') {
      const inner = kids[1];
      const offsetLiteral =
        node.name === 'OffsetDurationExpr' &&
        inner?.firstChild?.name === 'NumberDurationLiteralInDurationContext' &&
        atLeast(this.target, 3, 5);
      const r = inner
        ? this.evalDuration(inner, offsetLiteral ? first : undefined)
        : { seconds: 0, literal: true, start: first.to };
      const neg = this.input.slice(first.from, first.to) === '-';
      return { seconds: neg ? -r.seconds : r.seconds, literal: r.literal, start: first.from };
    }
    if (first.name === 'DurationStep' || first.name === 'DurationRange') {
      this.experimentalDuration(first.from, node.to);
      return { seconds: 1, literal: false, start: first.from };
    }
    if (first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') {
      this.experimentalDuration(first.from, node.to);
      for (const k of kids.slice(1)) if (k.name === 'DurationExpr') this.evalDuration(k);
      return { seconds: 1, literal: false, start: first.from };
    }
    const op = kids[1];
    const rhsNode = kids[2];
    if (first.name === 'DurationExpr' && op && rhsNode && kids.length === 3) {
      const lhs = this.evalDuration(first);
      const rhs = this.evalDuration(rhsNode);
      this.experimentalDuration(lhs.start, first.to);
      if ((op.name === 'Div' || op.name === 'Mod') && rhs.literal && rhs.seconds === 0) {
        this.err(op.name === 'Div' ? 'division by zero' : 'modulo by zero', op.from, op.to);
      }
      return { seconds: 1, literal: false, start: lhs.start };
    }
    if (first.name === 'DurationExpr') {
      // A parenthesized duration expression.
      const r = this.evalDuration(first);
      if (r.literal) this.experimentalDuration(node.from, node.to);
      return { ...r, literal: false };
    }
    this.unexpected(this.tokenAt(first.from));
    return { seconds: 0, literal: true, start: first.from };
  }

  /**
   * In Prometheus's grammar `[...]`, `offset`, `@`, `anchored` and `smoothed` bind tighter than any
   * operator (`x + y offset 5m` is `x + (y offset 5m)`); lezer-promql applies them to the whole
   * operator expression. So the modifier is pushed down the right spine of operator expressions.
   */
  private postfix(node: SyntaxNode, apply: (inner: Expr) => Expr): Expr {
    const [innerNode] = this.exprKids(node);
    if (!innerNode) throw new Error(`internal: ${node.name} without operand`);
    return this.rotate(this.expr(innerNode), apply, node.to);
  }

  /** Set when a modifier was moved into an operator expression: its operators need regrouping (`reassociate`). */
  rotated = false;

  private rotate(e: Expr, apply: (inner: Expr) => Expr, end: number): Expr {
    if (e.kind === 'BinaryExpr') {
      this.rotated = true;
      return { ...e, rhs: this.rotate(e.rhs, apply, end), end };
    }
    if (e.kind === 'UnaryExpr') return { ...e, expr: this.rotate(e.expr, apply, end), end };
    return apply(e);
  }

  private matrix(node: SyntaxNode, inner: Expr): Expr {
    const durNode = child(node, 'DurationExpr');
    if (!durNode) throw new Error('internal: malformed MatrixSelector');
    const rangeMs = this.durationValue(durNode, 'range') ?? 0;
    const open = this.tokenBefore(durNode.from);
    const bracket = { start: open?.start ?? durNode.from, end: node.to };
    if (inner.kind !== 'VectorSelector') {
      this.err('ranges only allowed for vector selectors', bracket.start, bracket.end);
      const selector: VectorSelector = { kind: 'VectorSelector', matchers: [], start: inner.start, end: inner.end };
      return {
        kind: 'MatrixSelector',
        selector,
        rangeMs,
        rangeSpan: this.tokenSpan(durNode),
        start: inner.start,
        end: node.to,
      };
    }
    if (inner.offsetMs !== undefined) this.err('no offset modifiers allowed before range', bracket.start, bracket.end);
    else if (inner.at !== undefined && (inner.at.timestampMs !== undefined || atLeast(this.target, 3, 15))) {
      // Before 3.15 Prometheus only rejected a numeric @ here; `@ start()`/`@ end()` slipped through.
      this.err('no @ modifiers allowed before range', bracket.start, bracket.end);
    }
    return {
      kind: 'MatrixSelector',
      selector: inner,
      rangeMs,
      rangeSpan: this.tokenSpan(durNode),
      start: inner.start,
      end: node.to,
    };
  }

  private subquery(node: SyntaxNode, expr: Expr): Expr {
    const durs = childrenNamed(node, 'DurationExpr');
    const rangeNode = durs[0];
    if (!rangeNode) throw new Error('internal: malformed SubqueryExpr');
    const rangeMs = this.durationValue(rangeNode, 'range') ?? 0;
    const stepNode = durs[1];
    const stepMs = stepNode ? this.durationValue(stepNode, 'step') : undefined;
    return {
      kind: 'SubqueryExpr',
      expr,
      rangeMs,
      rangeSpan: this.tokenSpan(rangeNode),
      stepMs,
      start: expr.start,
      end: node.to,
    };
  }

  /** The selector or subquery an offset/@ applies to (Prometheus's addOffset/getAtModifierVars). */
  private modifierTarget(e: Expr, what: 'offset' | '@'): Modifiers | undefined {
    if (e.kind === 'VectorSelector') return e;
    if (e.kind === 'MatrixSelector') return e.selector;
    if (e.kind === 'SubqueryExpr') return e;
    const label = what === 'offset' ? 'offset modifier' : '@ modifier';
    this.err(
      `${label} must be preceded by an instant vector selector or range vector selector or a subquery`,
      e.start,
      e.end,
    );
    return undefined;
  }

  private offset(node: SyntaxNode, inner: Expr): Expr {
    const durNode = child(node, 'OffsetDurationExpr');
    if (!durNode) throw new Error('internal: malformed OffsetExpr');
    const ms = this.durationValue(durNode, 'offset');
    if (ms === undefined) return inner;
    const m = this.modifierTarget(inner, 'offset');
    if (m) {
      if (m.offsetMs !== undefined && m.offsetMs !== 0)
        this.err('offset may not be set multiple times', inner.start, inner.end);
      else {
        m.offsetMs = ms;
        m.offsetSpan = this.tokenSpan(durNode);
      }
    }
    return this.extend(inner, node.to);
  }

  private at(node: SyntaxNode, inner: Expr): Expr {
    const pre = child(node, 'AtModifierPreprocessors');
    const span = { start: inner.end, end: node.to };
    let at: Modifiers['at'];
    if (pre) {
      at = { preprocessor: pre.firstChild?.name === 'AtEnd' ? 'end' : 'start', span };
    } else {
      const numNode = node.lastChild;
      if (!numNode || numNode.name !== 'NumberDurationLiteral') throw new Error('internal: @ without timestamp');
      const toks = this.tokensIn(numNode);
      const numTok = toks[toks.length - 1];
      if (numTok?.type === 'DURATION' && !this.modern) {
        this.unexpected(numTok, '@', 'timestamp');
        return inner;
      }
      const lit = this.numberLiteral(numNode);
      const ts = lit.kind === 'NumberLiteral' ? lit.value : 0;
      if (!Number.isFinite(ts) || ts >= MAX_INT64 || ts <= -MAX_INT64) {
        this.err(`timestamp out of bounds for @ modifier: ${goFloat(ts)}`, inner.start, inner.end);
      }
      at = { timestampMs: Math.round(ts * 1000), span };
    }
    const m = this.modifierTarget(inner, '@');
    if (!m) return inner;
    if (m.at !== undefined) {
      this.err('@ <timestamp> may not be set multiple times', inner.start, inner.end);
      return inner;
    }
    m.at = at;
    return this.extend(inner, node.to);
  }

  private extendedRange(node: SyntaxNode, inner: Expr): Expr {
    const kwTok = this.tokenFrom(inner.end);
    const word = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
    if (!kwTok || kwTok.type !== 'KEYWORD') {
      this.unexpected(kwTok);
      return inner;
    }
    if (!this.target.features.has('promql-extended-range-selectors')) {
      this.err(`${word} modifier is experimental and not enabled`, inner.start, inner.end);
    } else if (inner.kind === 'SubqueryExpr') {
      this.err(`${word} modifier is not supported for subqueries`, inner.start, inner.end);
    } else if (inner.kind !== 'VectorSelector' && inner.kind !== 'MatrixSelector') {
      this.err(`${word} modifier not implemented`, inner.start, inner.end);
    } else {
      const sel = inner.kind === 'MatrixSelector' ? inner.selector : inner;
      const other = word === 'anchored' ? sel.smoothed : sel.anchored;
      if (word === 'anchored') sel.anchored = true;
      else sel.smoothed = true;
      if (other) this.err('anchored and smoothed modifiers cannot be used together', inner.start, inner.end);
    }
    return this.extend(inner, kwTok.end);
  }

  private extend<T extends Expr>(e: T, end: number): T {
    return { ...e, end } as T;
  }
}

/** Go's `%f`: six decimals. */
function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  // toFixed switches to exponent notation from 1e21; floats that large are integers, so print them exactly.
  if (Math.abs(v) >= 1e21) return `${BigInt(v).toString()}.000000`;
  return v.toFixed(6);
}

export type { MatrixSelector, SubqueryExpr, Call };
