/**
 * lezer tree → our AST. Where the target's grammar is stricter than lezer's (e.g. 2.x has no
 * numeric durations or quoted names), the token under a node decides, and the errors Prometheus
 * raises while building its tree (ranges only on selectors, offset placement, bad durations,
 * unknown functions, regex errors, ...) are raised here in the same order.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../core/diagnostic.ts';
import { parseDuration } from '../core/duration.ts';
import { goQuote } from '../core/go-format.ts';
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Cardinality,
  Expr,
  LabelMatcher,
  MatchOp,
  Modifiers,
  UnaryExpr,
  VectorMatching,
  VectorSelector,
} from './ast.ts';
import { recurse } from './ast.ts';
import { byPrecedence, OPERATOR_PRECEDENCE } from './chain.ts';
import { DurationEvaluator } from './duration-eval.ts';
import type { Token } from './lexer.ts';
import { child, childrenNamed, firstChildren, IS_EXPR } from './lezer-tree.ts';
import { parseGoNumber } from './numbers.ts';
import { compileMatcherRegex } from './regex.ts';
import { unquoteString } from './strings.ts';
import { atLeast, lookupFunction } from './target.ts';

/** Keywords that are also function names in newer Prometheus (`start()`, `step()`, ...). */
const KEYWORD_FUNCTIONS = new Set(['start', 'end', 'step', 'range', 'min_of', 'max_of']);

/**
 * lezer-promql applies `offset`, `@`, `[...]` to the whole operator expression before them, so in
 * `a unless foo offset 5m != b` it groups `(a unless foo) offset 5m` and then compares that with
 * `b`. `rotate` moves the modifier onto `foo`; this then regroups each run of operators (not
 * crossing parentheses, calls or unary operators) by Prometheus's precedence: `a unless (foo
 * offset 5m != b)`. Nodes whose operands do not change are kept as they are.
 */
export function reassociate(root: Expr): Expr {
  // A generator per node, run by `recurse`: nesting has no limit.
  return recurse(root, function* fix(e: Expr): Generator<Expr, Expr, Expr> {
    switch (e.kind) {
      case 'BinaryExpr': {
        const operands: Expr[] = [];
        const ops: BinaryExpr[] = [];
        const todo: (Expr | { readonly op: BinaryExpr })[] = [e];
        for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
          if (!('kind' in x)) ops.push(x.op);
          else if (x.kind === 'BinaryExpr') todo.push(x.rhs, { op: x }, x.lhs);
          else operands.push(yield x);
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
        const inner = yield e.expr;
        return inner === e.expr ? e : { ...e, expr: inner };
      }
      case 'MatrixSelector':
        return e;
      case 'Call': {
        const args: Expr[] = [];
        for (const a of e.args) args.push(yield a);
        return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
      }
      case 'AggregateExpr': {
        const param = e.param ? yield e.param : undefined;
        const inner = yield e.expr;
        return param === e.param && inner === e.expr ? e : { ...e, param, expr: inner };
      }
      default:
        return e;
    }
  });
}

/** Our conversion and type check recurse; a chain like `a+a+...+a` of 100k terms must not overflow the stack. */
export const MAX_TREE_DEPTH = 1500;

export class TooDeep extends Error {
  constructor(readonly at: number) {
    super('too deep');
  }
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

/**
 * Shared by every node without such a list or clause (read-only: frozen). The ASTs of a lint run
 * are kept for its project-wide checks, so what each node holds is held for the run.
 */
const NONE: readonly never[] = Object.freeze([]);
const NO_MATCHING: VectorMatching = Object.freeze({
  card: 'one-to-one',
  on: false,
  labels: NONE,
  include: NONE,
  explicit: false,
});

export class Converter extends DurationEvaluator {
  // ---- tree conversion ----------------------------------------------------------------------

  private depth = 0;

  /**
   * The items of the lists being built (a call's arguments, a selector's matchers, grouping
   * labels), a nested list's above its parent's: each list is copied out at its exact size. A list
   * grown by `push` keeps room for 17 items, and 20,000 rules kept 60,000 of them (9 MB) for the run.
   */
  private readonly items: unknown[] = [];

  /** The list of the items pushed since `base` (then taken off). */
  private listFrom<T>(base: number): readonly T[] {
    // splice: one builtin call (setting a shorter length is a runtime call).
    return this.items.length === base ? NONE : (this.items.splice(base) as T[]);
  }

  expr(node: SyntaxNode): Expr {
    if (++this.depth > MAX_TREE_DEPTH) throw new TooDeep(node.from);
    try {
      return this.exprInner(node);
    } finally {
      this.depth--;
    }
  }

  /** Pieces parsed apart (long chains, cuts of deep nests), by where their placeholder starts (`parseInPieces`). */
  readonly substitutes = new Map<number, () => Expr>();

  /**
   * Converts the piece whose placeholder starts at `start` ahead of the text around it, keeping its
   * expression and the errors it raised, which its placeholder then replays in the order a
   * conversion through it would have raised them. Called innermost piece first, so that no
   * conversion recurses through more than one piece.
   */
  prebuild(start: number): void {
    const build = this.substitutes.get(start);
    if (!build) return;
    // Its own text may start with a name at `start` too: that one is no placeholder.
    this.substitutes.delete(start);
    const mark = this.errors.length;
    const expr = build();
    const raised = this.errors.splice(mark);
    this.substitutes.set(start, () => {
      for (const e of raised) this.errors.push(e);
      return expr;
    });
  }

  private exprInner(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'NumberDurationLiteral':
        return this.numberLiteral(node);
      case 'StringLiteral':
        return { kind: 'StringLiteral', value: this.stringValue(node), start: node.from, end: node.to };
      case 'VectorSelector': {
        // A placeholder (`x`) of a piece parsed apart: that piece's expression.
        const piece = this.substitutes.get(node.from);
        return piece ? piece() : this.vectorSelector(node);
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

  private only(node: SyntaxNode): SyntaxNode {
    const c = node.firstChild;
    if (!c) throw new Error(`internal: ${node.name} without child`);
    return c;
  }

  /** The expressions among a call body's children, converted in order. */
  private args(body: SyntaxNode): readonly Expr[] {
    const base = this.items.length;
    for (let c = body.firstChild; c; c = c.nextSibling) if (IS_EXPR[c.type.id]) this.items.push(this.expr(c));
    return this.listFrom(base);
  }

  /**
   * The first expression among a node's children: the siblings after it are not visited (each step
   * to a sibling makes a lezer node object; a range selector has four more).
   */
  private firstExpr(node: SyntaxNode): SyntaxNode | undefined {
    for (let c = node.firstChild; c; c = c.nextSibling) if (IS_EXPR[c.type.id]) return c;
    return undefined;
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
    // `f(a, 1h)` before 2.54: a duration cannot start an argument, so Prometheus reduces `a,` as
    // trailing (`function_call_args: function_call_args COMMA`) and reports that first.
    const comma = i === 0 && t.type === 'DURATION' && !this.modern ? this.tokenBefore(t.start) : undefined;
    if (comma?.type === 'COMMA' && this.insideCall(node)) {
      this.err('trailing commas not allowed in function call args', comma.start, comma.end);
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
    const inner = this.expr(this.firstExpr(node) ?? this.only(node));
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
    const [ident, lm] = firstChildren(node, ['Identifier', 'LabelMatchers']);
    let name: string | undefined;
    let nameSpan: Span | undefined;
    if (ident) {
      const t = this.tokenAt(ident.from);
      if (!t || !this.isMetricNameToken(t)) this.unexpected(t);
      name = t && t.end === ident.to ? t.text : this.input.slice(ident.from, ident.to);
      nameSpan = { start: ident.from, end: ident.to };
    }
    const base = this.items.length;
    if (lm) {
      for (let m = lm.firstChild; m; m = m.nextSibling) {
        const matcher = this.labelMatcher(m);
        if (matcher) this.items.push(matcher);
      }
    }
    const matchers = this.listFrom<LabelMatcher>(base);
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
    // The first MatchOp, and the first StringLiteral after it, in one pass.
    let opNode: SyntaxNode | null = null;
    let valueNode: SyntaxNode | null = null;
    for (let c = nameNode; c; c = c.nextSibling) {
      const kind = c.name;
      if (kind === 'MatchOp') opNode ??= c;
      else if (opNode && kind === 'StringLiteral') {
        valueNode = c;
        break;
      }
    }
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
      return {
        kind: 'BinaryExpr',
        op,
        opSpan: { start: t.start, end: t.end },
        lhs,
        rhs,
        returnBool: false,
        matching: NO_MATCHING,
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
    let matching = NO_MATCHING;
    let fill = false;
    for (let i = 2; i < kids.length - 1; i++) {
      const k = kids[i] as SyntaxNode;
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
    const labels = groups[0] ? this.groupingLabels(groups[0]) : NONE;
    const groupNode = kids.find((k) => k.name === 'GroupLeft' || k.name === 'GroupRight');
    const card: Cardinality = groupNode
      ? groupNode.name === 'GroupLeft'
        ? 'many-to-one'
        : 'one-to-many'
      : 'one-to-one';
    const include = groups[1] ? this.groupingLabels(groups[1]) : NONE;
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

  private groupingLabels(node: SyntaxNode): readonly string[] {
    const base = this.items.length;
    const out = this.items;
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
    return this.listFrom(base);
  }

  private call(node: SyntaxNode): Expr {
    const [idNode, body] = firstChildren(node, ['FunctionIdentifier', 'FunctionCallBody']);
    if (!idNode || !body) throw new Error('internal: malformed FunctionCall');
    const nameTok = this.tokenAt(idNode.from);
    const name = this.input.slice(idNode.from, idNode.to);
    const args = this.args(body);
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
    const [opNode, body, modNode] = firstChildren(node, ['AggregateOp', 'FunctionCallBody', 'AggregateModifier']);
    if (!opNode || !body) throw new Error('internal: malformed AggregateExpr');
    const opTok = this.tokenAt(opNode.from);
    const opText = this.input.slice(opNode.from, opNode.to);
    // Prometheus parses left to right: `sum by (...) (...)` reports its grouping's errors first.
    const modifierFirst = modNode !== null && modNode.from < body.from;
    // In versions without limitk/limit_ratio those words are plain identifiers, so `limitk(...)` is a call.
    if (opTok?.type === 'IDENTIFIER') {
      // `by` after an identifier: inside an aggregation's arguments, its error production names it.
      const modifierError = (): void =>
        this.unexpected(this.tokenAt(modNode!.from), this.insideAggregation(node) ? 'aggregation' : '');
      if (modNode && modifierFirst) modifierError();
      const args = this.args(body);
      if (modNode && !modifierFirst) modifierError();
      if (!modNode) this.checkFunctionName(opText, { start: opNode.from, end: opNode.to });
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
    const groupingOf = (mod: SyntaxNode): AggregateExpr['grouping'] => {
      const labelsNode = child(mod, 'GroupingLabels');
      const labels = labelsNode ? this.groupingLabels(labelsNode) : NONE;
      return { without: mod.firstChild?.name === 'Without', labels, span: { start: mod.from, end: mod.to } };
    };
    if (modNode && modifierFirst) grouping = groupingOf(modNode);
    const args = this.args(body);
    if (modNode && !modifierFirst) grouping = groupingOf(modNode);
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

  /**
   * In Prometheus's grammar `[...]`, `offset`, `@`, `anchored` and `smoothed` bind tighter than any
   * operator (`x + y offset 5m` is `x + (y offset 5m)`); lezer-promql applies them to the whole
   * operator expression. So the modifier is pushed down the right spine of operator expressions.
   */
  private postfix(node: SyntaxNode, apply: (inner: Expr) => Expr): Expr {
    const innerNode = this.firstExpr(node);
    if (!innerNode) throw new Error(`internal: ${node.name} without operand`);
    return this.rotate(this.expr(innerNode), apply, node.to);
  }

  /** Set when a modifier was moved into an operator expression: its operators need regrouping (`reassociate`). */
  rotated = false;

  private rotate(e: Expr, apply: (inner: Expr) => Expr, end: number): Expr {
    // Down the right spine and back up in a loop: a chain of 100,000 operators is as deep.
    const spine: (BinaryExpr | UnaryExpr)[] = [];
    let leaf = e;
    while (leaf.kind === 'BinaryExpr' || leaf.kind === 'UnaryExpr') {
      spine.push(leaf);
      leaf = leaf.kind === 'BinaryExpr' ? leaf.rhs : leaf.expr;
    }
    let out = apply(leaf);
    for (let i = spine.length - 1; i >= 0; i--) {
      const s = spine[i] as BinaryExpr | UnaryExpr;
      if (s.kind === 'BinaryExpr') {
        this.rotated = true;
        out = { ...s, rhs: out, end };
      } else out = { ...s, expr: out, end };
    }
    return out;
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
