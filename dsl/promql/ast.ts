/**
 * Our typed PromQL AST. It mirrors Prometheus's `promql/parser/ast.go` (offset and `@` live on the
 * selector or subquery they modify), and every node keeps its offsets in the checked text.
 */
import type { Span } from '../core/diagnostic.ts';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string' | 'none';

/** How Prometheus names types in messages ("instant vector", "range vector"). */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher extends Span {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
  readonly nameSpan: Span;
  readonly valueSpan: Span;
}

/** Offset/`@` modifiers of a selector or subquery. */
export interface Modifiers {
  /** Offset in milliseconds, when set (can be negative). */
  offsetMs?: number;
  offsetSpan?: Span;
  /** `@ <timestamp>` in milliseconds, or `start()`/`end()`. */
  at?: { readonly timestampMs?: number; readonly preprocessor?: 'start' | 'end'; readonly span: Span };
  /** Prometheus 3.7+ extended range selectors. */
  anchored?: boolean;
  smoothed?: boolean;
}

interface Base extends Span {
  readonly kind: string;
}

export interface NumberLiteral extends Base {
  readonly kind: 'NumberLiteral';
  readonly value: number;
}

export interface StringLiteral extends Base {
  readonly kind: 'StringLiteral';
  readonly value: string;
}

export interface VectorSelector extends Base, Modifiers {
  readonly kind: 'VectorSelector';
  /** The metric name written before the braces (`foo` in `foo{a="b"}`), if any. */
  readonly name?: string;
  readonly nameSpan?: Span;
  readonly matchers: readonly LabelMatcher[];
}

export interface MatrixSelector extends Base {
  readonly kind: 'MatrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
  readonly rangeSpan: Span;
}

export interface SubqueryExpr extends Base, Modifiers {
  readonly kind: 'SubqueryExpr';
  readonly expr: Expr;
  readonly rangeMs: number;
  readonly rangeSpan: Span;
  /** Resolution; undefined means the default evaluation interval. */
  readonly stepMs?: number;
}

export interface Call extends Base {
  readonly kind: 'Call';
  readonly func: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export interface Grouping {
  readonly without: boolean;
  readonly labels: readonly string[];
  readonly span: Span;
}

export interface AggregateExpr extends Base {
  readonly kind: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly opSpan: Span;
  readonly param?: Expr;
  readonly expr: Expr;
  readonly grouping?: Grouping;
}

export type BinaryOp =
  '+' | '-' | '*' | '/' | '%' | '^' | 'atan2' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: Cardinality;
  /** True for `on(...)`, false for `ignoring(...)` or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Extra labels named in `group_left(...)`/`group_right(...)`. */
  readonly include: readonly string[];
  /** Whether the author wrote an `on`/`ignoring` clause at all. */
  readonly explicit: boolean;
  /** A `fill(...)`/`fill_left(...)`/`fill_right(...)` modifier (Prometheus 3.10+, experimental). */
  readonly fill?: boolean;
}

export interface BinaryExpr extends Base {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  readonly matching: VectorMatching;
}

export interface UnaryExpr extends Base {
  readonly kind: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
}

export interface ParenExpr extends Base {
  readonly kind: 'ParenExpr';
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** Children in source order, for walking. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'MatrixSelector':
      return [e.selector];
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      return [e.expr];
    case 'Call':
      return [...e.args];
    case 'AggregateExpr':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    default:
      return [];
  }
}

/**
 * Depth-first pre-order walk; return false from the visitor to skip a node's children. Iterative:
 * an operator chain of thousands of terms is as deep as it is long.
 */
export function walk(
  root: Expr,
  visit: (node: Expr, parents: readonly Expr[]) => boolean | void,
  parents: Expr[] = [],
): void {
  const base = parents.length;
  // Frames: a node to visit, or EXIT to pop its parent once its children are done.
  const todo: (Expr | typeof EXIT)[] = [root];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    if (n === EXIT) {
      parents.pop();
      continue;
    }
    if (visit(n, parents) === false) continue;
    parents.push(n);
    todo.push(EXIT);
    // Pushed in reverse so they are visited in source order, the order of children().
    switch (n.kind) {
      case 'MatrixSelector':
        todo.push(n.selector);
        break;
      case 'SubqueryExpr':
      case 'UnaryExpr':
      case 'ParenExpr':
        todo.push(n.expr);
        break;
      case 'Call':
        for (let i = n.args.length - 1; i >= 0; i--) todo.push(n.args[i] as Expr);
        break;
      case 'AggregateExpr':
        todo.push(n.expr);
        if (n.param) todo.push(n.param);
        break;
      case 'BinaryExpr':
        todo.push(n.rhs, n.lhs);
        break;
      default:
        break;
    }
  }
  parents.length = base;
}

const EXIT = Symbol('exit');

/**
 * Folds the operators directly under `root` (a chain: `a + b + c`, `a ^ b ^ c`, `a or b * c`) bottom
 * up, without recursion: `operand` for each operand that is not itself an operator expression (in
 * source order), `combine` for each operator after both of its sides, in the order a recursive
 * post-order walk would call them. A chain of 100,000 terms is as deep as it is long, to the left
 * (`+`, `or`, ...) or to the right (`^`).
 */
export function foldBinary<T>(
  root: BinaryExpr,
  operand: (e: Expr) => T,
  combine: (n: BinaryExpr, lhs: T, rhs: T) => T,
): T {
  const values: T[] = [];
  // Frames: an expression to fold, or an operator whose two sides are folded (on `values`).
  const todo: (Expr | { readonly done: BinaryExpr })[] = [root];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    if ('done' in x) {
      const rhs = values.pop() as T;
      const lhs = values.pop() as T;
      values.push(combine(x.done, lhs, rhs));
    } else if (x.kind === 'BinaryExpr') {
      todo.push({ done: x }, x.rhs, x.lhs);
    } else {
      values.push(operand(x));
    }
  }
  return values[0] as T;
}

/**
 * Runs a recursive computation over a tree on a stack of its own instead of the call stack: `step`
 * is a generator that yields each subtree it needs and receives that subtree's result, in the
 * order a recursive function would call itself, and returns its own result. 100,000 nested
 * parentheses, calls or unary operators make a tree as deep as the expression is long.
 */
export function recurse<N, R>(root: N, step: (n: N) => Generator<N, R, R>): R {
  const stack: Generator<N, R, R>[] = [step(root)];
  let value: R | undefined;
  for (;;) {
    const r = (stack[stack.length - 1] as Generator<N, R, R>).next(value as R);
    if (r.done) {
      stack.pop();
      if (stack.length === 0) return r.value;
      value = r.value;
    } else {
      stack.push(step(r.value));
      value = undefined;
    }
  }
}
