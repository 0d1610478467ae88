/**
 * The type checker: a port of Prometheus's `checkAST` (promql/parser/parse.go). It runs only when
 * the expression parsed without errors, and raises errors in the same order Prometheus does, so the
 * first one is what promtool prints.
 */
import type { Span } from '../core/diagnostic.ts';
import { COMPARISON_OPS, SET_OPS, documentedType, type Expr, type ValueType } from './ast.ts';
import { goQuote } from './go-format.ts';
import type { PromQLError } from './parse.ts';
import { compileMatcherRegex } from './regex.ts';
import { lookupFunction, type Target } from './target.ts';

const typeCache = new WeakMap<Expr, ValueType>();

/** The value type of an expression (memoized: a chain of binary operators would otherwise cost O(n²)). */
export function typeOf(e: Expr, target: Target): ValueType {
  const hit = typeCache.get(e);
  if (hit !== undefined) return hit;
  const t = computeType(e, target);
  typeCache.set(e, t);
  return t;
}

function computeType(e: Expr, target: Target): ValueType {
  switch (e.kind) {
    case 'NumberLiteral': return 'scalar';
    case 'StringLiteral': return 'string';
    case 'VectorSelector': case 'AggregateExpr': return 'vector';
    case 'MatrixSelector': case 'SubqueryExpr': return 'matrix';
    case 'Call': return lookupFunction(e.func, target)?.returns ?? 'none';
    case 'ParenExpr': case 'UnaryExpr': return typeOf(e.expr, target);
    case 'BinaryExpr': return typeOf(e.lhs, target) === 'scalar' && typeOf(e.rhs, target) === 'scalar' ? 'scalar' : 'vector';
  }
}

export function checkTypes(root: Expr, source: string, target: Target): PromQLError[] {
  const errors: PromQLError[] = [];
  const add = (span: Span, message: string): void => {
    errors.push({ message, start: span.start, end: span.end });
  };

  const expectType = (node: Expr, want: ValueType, context: string): void => {
    const t = check(node);
    if (t !== want) add(node, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  };

  /** The operator's text span, found like Prometheus does: between the operands, spaces trimmed. */
  const opRange = (lhs: Span, rhs: Span): Span => {
    let start = lhs.end;
    while (start < source.length && /\s/.test(source[start] ?? '')) start++;
    let end = rhs.start - 1;
    while (end > start && /\s/.test(source[end] ?? '')) end--;
    return { start, end };
  };

  function check(n: Expr): ValueType {
    const typ = typeOf(n, target);
    switch (n.kind) {
      case 'AggregateExpr':
        expectType(n.expr, 'vector', 'aggregation expression');
        if (n.param && (n.op === 'topk' || n.op === 'bottomk' || n.op === 'quantile' || n.op === 'limitk' || n.op === 'limit_ratio')) {
          expectType(n.param, 'scalar', 'aggregation parameter');
        }
        if (n.param && n.op === 'count_values') expectType(n.param, 'string', 'aggregation parameter');
        break;
      case 'BinaryExpr': {
        const lt = check(n.lhs);
        const rt = check(n.rhs);
        const isCmp = COMPARISON_OPS.has(n.op) || n.op === ('</' as never) || n.op === ('>/' as never);
        const isSet = SET_OPS.has(n.op);
        if (n.returnBool && !isCmp) add(opRange(n.lhs, n.rhs), 'bool modifier can only be used on comparison operators');
        if (isCmp && !n.returnBool && rt === 'scalar' && lt === 'scalar') add(opRange(n.lhs, n.rhs), 'comparisons between scalars must use BOOL modifier');
        const m = n.matching;
        const card = isSet && m.card === 'one-to-one' ? 'many-to-many' : m.card;
        if (m.on) {
          for (const l1 of m.labels) {
            for (const l2 of m.include) {
              if (l1 === l2) add(opRange(n.lhs, n.rhs), `label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
            }
          }
        }
        if (lt !== 'scalar' && lt !== 'vector') add(n.lhs, 'binary expression must contain only scalar and instant vector types');
        if (rt !== 'scalar' && rt !== 'vector') add(n.rhs, 'binary expression must contain only scalar and instant vector types');
        if (lt !== 'vector' || rt !== 'vector') {
          if (m.labels.length > 0) add(n, 'vector matching only allowed between instant vectors');
          if (m.fill) add(n, 'filling in missing series only allowed between instant vectors');
        } else if (isSet) {
          if (card === 'one-to-many' || card === 'many-to-one') add(n, `no grouping allowed for ${goQuote(n.op)} operation`);
          if (m.fill) add(n, 'filling in missing series not allowed for set operators');
        }
        if ((lt === 'scalar' || rt === 'scalar') && isSet) add(n, `set operator ${goQuote(n.op)} not allowed in binary scalar expression`);
        break;
      }
      case 'Call': {
        const fn = lookupFunction(n.func, target);
        if (!fn) break;
        const nargs = fn.args.length;
        if (fn.variadic === 0) {
          if (nargs !== n.args.length) add(n, `expected ${nargs} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`);
        } else {
          const na = nargs - 1;
          if (na > n.args.length) add(n, `expected at least ${na} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`);
          else if (fn.variadic > 0 && na + fn.variadic < n.args.length) {
            add(n, `expected at most ${na + fn.variadic} argument(s) in call to ${goQuote(fn.name)}, got ${n.args.length}`);
          }
        }
        if (fn.name === 'info' && n.args.length > 1) checkInfoSelector(n.args[1] as Expr);
        for (let i = 0; i < n.args.length; i++) {
          let j = i;
          if (j >= nargs) {
            if (fn.variadic === 0) break;
            j = nargs - 1;
          }
          const want = fn.args[j];
          if (want !== undefined) expectType(n.args[i] as Expr, want, `call to function ${goQuote(fn.name)}`);
        }
        break;
      }
      case 'ParenExpr':
        check(n.expr);
        break;
      case 'UnaryExpr': {
        const t = check(n.expr);
        if (t !== 'scalar' && t !== 'vector') {
          add(n, `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`);
        }
        break;
      }
      case 'SubqueryExpr': {
        const t = check(n.expr);
        if (t !== 'vector') add(n, `subquery is only allowed on instant vector, got ${t} instead`);
        break;
      }
      case 'MatrixSelector':
        check(n.selector);
        break;
      case 'VectorSelector': {
        if (n.name !== undefined) {
          for (const m of n.matchers) {
            if (m.name === '__name__') add(n, `metric name must not be set twice: ${goQuote(n.name)} or ${goQuote(m.value)}`);
          }
          break;
        }
        const notEmpty = n.matchers.some((m) => !matchesEmpty(m.op, m.value));
        if (!notEmpty) add(n, 'vector selector must contain at least one non-empty matcher');
        break;
      }
      case 'NumberLiteral': case 'StringLiteral':
        break;
    }
    return typ;
  }

  function matchesEmpty(op: string, value: string): boolean {
    switch (op) {
      case '=': return value === '';
      case '!=': return value !== '';
      default: {
        const re = compileMatcherRegex(value, target);
        const m = re.ok ? re.regex.matchesEmpty : false;
        return op === '=~' ? m : !m;
      }
    }
  }

  function checkInfoSelector(arg: Expr): void {
    if (arg.kind !== 'VectorSelector') return;
    if (arg.name !== undefined || arg.matchers.some((m) => m.name === '__name__')) {
      add(arg, 'expected label selectors only, got vector selector instead');
    }
  }

  check(root);
  return errors;
}
