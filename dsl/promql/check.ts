/**
 * The type checker: a port of Prometheus's `checkAST` (promql/parser/parse.go). It runs only when
 * the expression parsed without errors, and raises errors in the same order Prometheus does, so the
 * first one is what promtool prints. Types are computed bottom-up in the same walk.
 */
import type { Span } from '../core/diagnostic.ts';
import {
  COMPARISON_OPS,
  SET_OPS,
  documentedType,
  foldBinary,
  recurse,
  type BinaryExpr,
  type Call,
  type Expr,
  type ValueType,
  type VectorSelector,
} from './ast.ts';
import { goQuote } from '../core/go-format.ts';
import type { PromQLError } from './parse.ts';
import { compileMatcherRegex } from './regex.ts';
import { atLeast, lookupFunction, type Target } from './target.ts';

export interface TypeCheck {
  readonly type: ValueType;
  readonly errors: PromQLError[];
}

export function checkTypes(root: Expr, source: string, target: Target): TypeCheck {
  const checker = new Checker(source, target);
  const type = checker.check(root);
  return { type, errors: checker.errors };
}

const SCALAR_PARAM_AGGREGATIONS = new Set(['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio']);

class Checker {
  readonly errors: PromQLError[] = [];
  /** `info`'s label-matcher argument: exempt from the non-empty matcher rule (BypassEmptyMatcherCheck). */
  private readonly infoLabelSelectors = new Set<VectorSelector>();

  constructor(
    private readonly source: string,
    private readonly target: Target,
  ) {}

  private add(span: Span, message: string): void {
    this.errors.push({ message, start: span.start, end: span.end });
  }

  private *expectType(node: Expr, want: ValueType, context: string): Generator<Expr, void, ValueType> {
    const t = yield node;
    if (t !== want) this.add(node, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  }

  /** The operator's text span, found like Prometheus does: between the operands, spaces trimmed. */
  private opRange(lhs: Span, rhs: Span): Span {
    const src = this.source;
    let start = lhs.end;
    while (start < src.length && isSpace(src.charCodeAt(start))) start++;
    let end = rhs.start - 1;
    while (end > start && isSpace(src.charCodeAt(end))) end--;
    return { start, end };
  }

  /** The type of `root`, its errors recorded; without recursion (`recurse`): nesting has no limit. */
  check(root: Expr): ValueType {
    return recurse(root, (n) => this.steps(n));
  }

  /** One node: yields each operand to check and receives its type, in checkAST's order. */
  private *steps(n: Expr): Generator<Expr, ValueType, ValueType> {
    switch (n.kind) {
      case 'NumberLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'string';
      case 'AggregateExpr':
        yield* this.expectType(n.expr, 'vector', 'aggregation expression');
        if (n.param && SCALAR_PARAM_AGGREGATIONS.has(n.op))
          yield* this.expectType(n.param, 'scalar', 'aggregation parameter');
        if (n.param && n.op === 'count_values') yield* this.expectType(n.param, 'string', 'aggregation parameter');
        return 'vector';
      case 'BinaryExpr':
        return this.binaryStep(n, yield n.lhs, yield n.rhs);
      case 'Call':
        return yield* this.call(n);
      case 'ParenExpr':
        return yield n.expr;
      case 'UnaryExpr': {
        const t = yield n.expr;
        if (t !== 'scalar' && t !== 'vector') {
          this.add(
            n,
            `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`,
          );
        }
        return t;
      }
      case 'SubqueryExpr': {
        const t = yield n.expr;
        if (t !== 'vector') this.add(n, `subquery is only allowed on instant vector, got ${t} instead`);
        return 'matrix';
      }
      case 'MatrixSelector':
        this.selector(n.selector);
        return 'matrix';
      case 'VectorSelector':
        this.selector(n);
        return 'vector';
    }
  }

  private binaryStep(n: BinaryExpr, lt: ValueType, rt: ValueType): ValueType {
    const isCmp = COMPARISON_OPS.has(n.op) || n.op === ('</' as never) || n.op === ('>/' as never);
    const isSet = SET_OPS.has(n.op);
    if (n.returnBool && !isCmp)
      this.add(this.opRange(n.lhs, n.rhs), 'bool modifier can only be used on comparison operators');
    if (isCmp && !n.returnBool && rt === 'scalar' && lt === 'scalar')
      this.add(this.opRange(n.lhs, n.rhs), 'comparisons between scalars must use BOOL modifier');
    const m = n.matching;
    const card = isSet && m.card === 'one-to-one' ? 'many-to-many' : m.card;
    if (m.on) {
      for (const l1 of m.labels) {
        for (const l2 of m.include) {
          if (l1 === l2)
            this.add(this.opRange(n.lhs, n.rhs), `label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
        }
      }
    }
    if (lt !== 'scalar' && lt !== 'vector')
      this.add(n.lhs, 'binary expression must contain only scalar and instant vector types');
    if (rt !== 'scalar' && rt !== 'vector')
      this.add(n.rhs, 'binary expression must contain only scalar and instant vector types');
    if (lt !== 'vector' || rt !== 'vector') {
      if (m.labels.length > 0) this.add(n, 'vector matching only allowed between instant vectors');
      if (m.fill) this.add(n, 'filling in missing series only allowed between instant vectors');
    } else if (isSet) {
      if (card === 'one-to-many' || card === 'many-to-one')
        this.add(n, `no grouping allowed for ${goQuote(n.op)} operation`);
      if (m.fill) this.add(n, 'filling in missing series not allowed for set operators');
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSet)
      this.add(n, `set operator ${goQuote(n.op)} not allowed in binary scalar expression`);
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  private *call(n: Call): Generator<Expr, ValueType, ValueType> {
    const fn = lookupFunction(n.func, this.target);
    if (!fn) return 'none';
    const nargs = fn.args.length;
    if (fn.variadic === 0) {
      if (nargs !== n.args.length)
        this.add(n, `expected ${nargs} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`);
    } else {
      const na = nargs - 1;
      if (na > n.args.length)
        this.add(n, `expected at least ${na} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`);
      else if (fn.variadic > 0 && na + fn.variadic < n.args.length) {
        this.add(
          n,
          `expected at most ${na + fn.variadic} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`,
        );
      }
    }
    if (fn.name === 'info' && n.args.length > 1) this.infoSelector(n, n.args[1] as Expr);
    for (let i = 0; i < n.args.length; i++) {
      let j = i;
      if (j >= nargs) {
        if (fn.variadic === 0) break;
        j = nargs - 1;
      }
      const want = fn.args[j];
      if (want !== undefined) yield* this.expectType(n.args[i] as Expr, want, `call to function ${goQuote(fn.name)}`);
    }
    return fn.returns;
  }

  private selector(n: VectorSelector): void {
    if (n.name !== undefined) {
      for (const m of n.matchers) {
        if (m.name === '__name__')
          this.add(n, `metric name must not be set twice: ${goQuote(n.name)} or ${goQuote(m.value)}`);
      }
      return;
    }
    const notEmpty = n.matchers.some((m) => !this.matchesEmpty(m.op, m.value));
    if (!notEmpty && !this.infoLabelSelectors.has(n))
      this.add(n, 'vector selector must contain at least one non-empty matcher');
  }

  private matchesEmpty(op: string, value: string): boolean {
    switch (op) {
      case '=':
        return value === '';
      case '!=':
        return value !== '';
      default: {
        const re = compileMatcherRegex(value, this.target);
        const m = re.ok ? re.regex.matchesEmpty : false;
        return op === '=~' ? m : !m;
      }
    }
  }

  /**
   * `info`'s second argument must be label matchers alone (`{k8s_cluster_id=~".+"}`). Prometheus
   * checks the type first (reported at the call), then the node: a named selector, and from 3.8
   * anything that is not a selector (before 3.8 its parser panicked there, which it reports as
   * "unexpected error").
   */
  private infoSelector(call: Call, arg: Expr): void {
    const t = staticType(arg, this.target);
    if (t !== 'vector')
      this.add(
        call,
        `expected type ${documentedType('vector')} in call to function ${goQuote(call.func)}, got ${documentedType(t)}`,
      );
    if (arg.kind === 'VectorSelector') {
      if (arg.name !== undefined) this.add(arg, 'expected label selectors only, got vector selector instead');
      else this.infoLabelSelectors.add(arg);
    } else {
      this.add(arg, atLeast(this.target, 3, 8) ? 'expected label selectors only' : 'unexpected error');
    }
  }
}

/** The type of an expression, without checking it (Prometheus's `Expr.Type()`). */
function staticType(e: Expr, target: Target): ValueType {
  let n = e;
  for (;;) {
    switch (n.kind) {
      case 'NumberLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'string';
      case 'VectorSelector':
      case 'AggregateExpr':
        return 'vector';
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return 'matrix';
      case 'Call':
        return lookupFunction(n.func, target)?.returns ?? 'none';
      case 'ParenExpr':
      case 'UnaryExpr':
        n = n.expr;
        continue;
      case 'BinaryExpr':
        return foldBinary(
          n,
          (o) => staticType(o, target),
          (_, l, r) => (l === 'scalar' && r === 'scalar' ? 'scalar' : 'vector'),
        );
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
