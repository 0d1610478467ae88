/**
 * Prometheus's parse errors, reconstructed: the token lookups over the lexed input, the description
 * of a token in "unexpected ..." messages, and the first syntax error in a lezer tree told the way
 * promtool tells it (message and position). `to-ast.ts` builds on `ErrorReporter`.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../core/diagnostic.ts';
import { goQuote, goQuoteShort } from '../core/go-format.ts';
import { ENDS_OPERAND } from './chain.ts';
import { LEZER_FUNCTION_SET, standInFor } from './canonical.ts';
import { AGGREGATOR_KEYWORDS, type Token } from './lexer.ts';
import { child } from './lezer-tree.ts';
import { parseGoNumber } from './numbers.ts';
import { atLeast, lookupFunction, type Target } from './target.ts';

export interface PromQLError extends Span {
  readonly message: string;
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

/** Keywords whose parenthesis holds label names. */
const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export class ErrorReporter {
  readonly errors: PromQLError[] = [];

  constructor(
    protected readonly input: string,
    protected readonly tokens: readonly Token[],
    protected readonly target: Target,
  ) {}

  /** The token starting exactly at `pos` (tokens are sorted, so a binary search needs no index). */
  protected tokenAt(pos: number): Token | undefined {
    const t = this.tokenFrom(pos);
    return t && t.start === pos && t.type !== 'EOF' ? t : undefined;
  }

  protected get modern(): boolean {
    return atLeast(this.target, 2, 54);
  }

  protected err(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }

  /** First token starting at or after `pos`. */
  protected tokenFrom(pos: number): Token | undefined {
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
  protected tokenBefore(pos: number): Token | undefined {
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
  protected tokenSpan(node: SyntaxNode): Span {
    const toks = this.tokensIn(node);
    return { start: toks[0]?.start ?? node.from, end: toks[toks.length - 1]?.end ?? node.to };
  }

  protected tokensIn(node: SyntaxNode): Token[] {
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
  protected unexpected(t: Token | undefined, context = '', expected = ''): void {
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

  /**
   * The syntax error at lezer's first error node, or an error Prometheus raises before it: lezer's
   * grammar (3.x) accepts more than older targets, so it may fail only after their first error.
   */
  protected describeSyntaxError(node: SyntaxNode): PromQLError {
    const found = this.describeLezerError(node);
    let first = found;
    for (const e of [
      this.quotedNameBefore(found.start),
      this.badNumberBefore(found.start),
      this.legacyDurationBefore(found.start),
    ])
      if (e && e.start < first.start) first = e;
    return first;
  }

  /**
   * A number literal Go cannot read (`1e` in `1e.2`, lexed as `1e` then `.2`), before the syntax
   * error at `limit`: Prometheus reduces the literal, and records its error, before it looks at
   * the token that cannot follow.
   */
  protected badNumberBefore(limit: number): PromQLError | undefined {
    for (const t of this.tokens) {
      if (t.start >= limit || t.type === 'EOF') break;
      if (t.type !== 'NUMBER') continue;
      const v = parseGoNumber(t.text);
      if (!v.ok) return { message: `error parsing number: ${v.error}`, start: t.start, end: t.end };
    }
    return undefined;
  }

  /**
   * Before 3.4 a range, subquery step or offset is one duration literal (a number from 2.54, a
   * negated one after `offset`); lezer reads a duration expression there (`offset (step())`,
   * `[2m/range()]`) and fails later, if at all. The first token that breaks the older rule,
   * before `limit`, with Prometheus's wording.
   */
  protected legacyDurationBefore(limit: number): PromQLError | undefined {
    if (atLeast(this.target, 3, 4)) return undefined;
    const e = this.expectedDuration();
    const isLiteral = (t: Token | undefined): boolean =>
      t?.type === 'DURATION' || (t?.type === 'NUMBER' && this.modern);
    const toks = this.tokens;
    const end: Token = { type: 'EOF', start: this.input.length, end: this.input.length, text: '' };
    const at = (k: number): Token => toks[k] ?? end;
    const fail = (t: Token, context: string, expected: string): PromQLError | undefined =>
      t.start < limit
        ? {
            message: `unexpected ${describeToken(t, this.target.major < 3)} in ${context}, expected ${expected}`,
            start: t.type === 'EOF' ? this.input.length : t.start,
            end: t.type === 'EOF' ? this.input.length : t.end,
          }
        : undefined;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Token;
      if (t.start >= limit || t.type === 'EOF') break;
      const prev = toks[i - 1];
      if (t.type === 'KEYWORD' && t.keyword === 'offset' && prev && ENDS_OPERAND.has(prev.type)) {
        const j = toks[i + 1]?.type === 'SUB' ? i + 2 : i + 1;
        const d = at(j);
        if (!isLiteral(d)) return fail(d, 'offset', e.literal);
      } else if (t.type === 'LEFT_BRACKET') {
        const range = at(i + 1);
        if (!isLiteral(range)) return fail(range, e.rangeContext, e.literal);
        const after = at(i + 2);
        if (after.type === 'RIGHT_BRACKET') continue;
        if (after.type !== 'COLON') return fail(after, 'subquery or range', '":" or "]"');
        const step = at(i + 3);
        if (step.type === 'RIGHT_BRACKET') continue;
        if (!isLiteral(step)) return fail(step, 'subquery selector', e.orBracket);
        const close = at(i + 4);
        if (close.type !== 'RIGHT_BRACKET') return fail(close, 'subquery selector', '"]"');
      }
    }
    return undefined;
  }

  /**
   * Before 2.51 (matchers) and 2.55 (grouping), a quoted label name is a syntax error where it
   * stands, and Prometheus, parsing left to right, reports it before anything after it; lezer's
   * grammar (3.x) accepts it and fails later, if at all.
   */
  protected quotedNameBefore(limit: number): PromQLError | undefined {
    const matchers = !atLeast(this.target, 2, 51);
    const grouping = !atLeast(this.target, 2, 55);
    if (!matchers && !grouping) return undefined;
    const open: ('braces' | 'grouping' | 'paren')[] = [];
    let prev: Token | undefined;
    for (const t of this.tokens) {
      if (t.start >= limit || t.type === 'EOF') break;
      if (t.type === 'LEFT_BRACE') open.push('braces');
      else if (t.type === 'LEFT_PAREN') {
        const kw = prev?.type === 'KEYWORD' ? prev.keyword : undefined;
        open.push(kw && GROUPING_KEYWORDS.has(kw) ? 'grouping' : 'paren');
      } else if (t.type === 'RIGHT_BRACE' || t.type === 'RIGHT_PAREN') open.pop();
      else if (
        t.type === 'STRING' &&
        (prev?.type === 'COMMA' || prev?.type === 'LEFT_BRACE' || prev?.type === 'LEFT_PAREN')
      ) {
        const inside = open[open.length - 1];
        const [context, expected] =
          inside === 'braces' && matchers
            ? ['label matching', 'identifier or "}"']
            : inside === 'grouping' && grouping
              ? ['grouping opts', 'label']
              : [];
        if (context)
          return {
            message: `unexpected ${describeToken(t, this.target.major < 3)} in ${context}, expected ${expected}`,
            start: t.start,
            end: t.end,
          };
      }
      prev = t;
    }
    return undefined;
  }

  protected describeLezerError(node: SyntaxNode): PromQLError {
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
  protected unknownFunctionBefore(limit: number): Token | undefined {
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

  /** Whether `node` is in the arguments of an aggregation (the nearest call or aggregation around it). */
  protected insideAggregation(node: SyntaxNode): boolean {
    for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
      if (p.name === 'AggregateExpr') return true;
      if (p.name === 'FunctionCall' || p.name === 'SubqueryExpr' || p.name === 'MatrixSelector') return false;
    }
    return false;
  }

  protected insideCall(node: SyntaxNode): boolean {
    for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
      if (p.name === 'FunctionCallBody') return true;
      if (p.name === 'ParenExpr' || p.name === 'LabelMatchers' || p.name === 'GroupingLabels') return false;
    }
    return false;
  }

  protected errorContext(node: SyntaxNode, prev: Token | undefined, tok: Token | undefined): [string, string] {
    // At the first token Prometheus's grammar is in its start rule (`start: error`), which names no context.
    if (!prev) return ['', ''];
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
          // Nor after the aggregation's closing parenthesis (`sum(foo) bar`): Prometheus has reduced
          // the aggregation by then.
          const op = child(p, 'AggregateOp');
          const body = child(p, 'FunctionCallBody');
          if (body && prev && prev.end >= body.to) return ['', ''];
          if (op && (prev?.end ?? 0) > op.to) return ['aggregation', ''];
          return ['', ''];
        }
      }
    }
    return ['', ''];
  }

  /** Prometheus's wording for what it expected in `offset`/`[...]`, which changed in 2.54, 3.6 and 3.10. */
  protected expectedDuration(): { literal: string; orBracket: string; rangeContext: string } {
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

  protected bracketContext(p: SyntaxNode, prev: Token | undefined): [string, string] {
    const e = this.expectedDuration();
    if (prev?.type === 'LEFT_BRACKET') return [e.rangeContext, e.literal];
    if (prev?.type === 'COLON') return ['subquery selector', e.orBracket];
    let colon = false;
    for (let t = this.tokenFrom(p.from); t && prev && t.start <= prev.start; t = this.tokenFrom(t.end))
      if (t.type === 'COLON') colon = true;
    if (colon) return ['subquery selector', '"]"'];
    return ['subquery or range', '":" or "]"'];
  }

  protected kids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }
}
