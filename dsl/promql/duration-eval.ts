/**
 * Durations in `[...]`, subquery steps and `offset`: a single literal before Prometheus 3.4, an
 * expression (`5m + 1m`, `step()`, `min_of(...)`) from 3.4, evaluated with Prometheus's errors.
 */
import type { SyntaxNode } from '@lezer/common';
import { parseDuration } from '../core/duration.ts';
import { goQuote } from '../core/go-format.ts';
import { parseGoNumber } from './numbers.ts';
import { ErrorReporter } from './parse-errors.ts';
import { atLeast } from './target.ts';

/** `1<<63/1e9`: the longest duration literal, in seconds, Prometheus accepts (3.4+). */
const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

export class DurationEvaluator extends ErrorReporter {
  /** A duration in `[...]` or after `offset`: milliseconds, or undefined after reporting an error. */
  protected durationValue(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
    return atLeast(this.target, 3, 4) ? this.durationExpression(node, context) : this.durationLiteral(node, context);
  }

  /** Before 3.4 a range, step or offset is one literal (offsets may be negated). */
  protected durationLiteral(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
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
  protected durationExpression(node: SyntaxNode, context: 'range' | 'step' | 'offset'): number | undefined {
    const errorsBefore = this.errors.length;
    const r = this.evalDuration(node);
    if (this.errors.length > errorsBefore) return undefined;
    if (r.literal && context !== 'offset' && r.seconds <= 0) {
      this.err('duration must be greater than 0', r.start, node.to);
      return undefined;
    }
    return r.literal ? Math.round(r.seconds * 1000) : 1;
  }

  protected experimentalDuration(start: number, end: number): void {
    if (!this.target.features.has('promql-duration-expr'))
      this.err('experimental duration expression is not enabled', start, end);
  }

  /**
   * `sign` is the unary operator of an offset's `-<literal>`: from 3.5 Prometheus reads it with the
   * literal (offset_duration_expr) and reports an out-of-range value at the operator.
   */
  protected evalDuration(node: SyntaxNode, sign?: SyntaxNode): { seconds: number; literal: boolean; start: number } {
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
}
