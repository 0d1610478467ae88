/**
 * Label flow: which labels the result of each sub-expression is guaranteed to carry, which it may
 * carry, and whether it may carry labels we do not know of (an input whose labels nobody declared).
 * It follows Prometheus's evaluation: aggregations keep their `by` labels or drop their `without`
 * ones, one-to-one matching with `on(...)` keeps only those labels, `group_left/right` copies the
 * included labels from the other side, `absent()` returns the labels of its equality matchers,
 * `label_replace`/`label_join` add their target label. Checks read it to find label references that
 * can never be satisfied (templates, `by`, `on`, joins).
 */
import { type BinaryExpr, type Expr, type LabelMatcher, type VectorSelector } from '../promql/index.ts';

export interface LabelFlow {
  /** Labels every result series carries. */
  readonly guaranteed: ReadonlySet<string>;
  /** Labels a result series may carry (a superset of `guaranteed`). */
  readonly possible: ReadonlySet<string>;
  /** Labels beyond `possible` may be present too, because an input's labels are unknown. */
  readonly open: boolean;
  /** Labels known to be absent, even when `open`. */
  readonly excluded: ReadonlySet<string>;
  /** The value is a scalar or a string: it has no labels at all. */
  readonly scalar: boolean;
}

/** What is known about the series a selector reads, from the registry or a recording rule. */
export interface SeriesLabels {
  readonly labels: readonly string[];
  readonly guaranteed: readonly string[];
  /** Series of this name may carry labels not in `labels` (e.g. `ALERTS`, or a rule reading unknown metrics). */
  readonly open?: boolean;
  /** Prefixes of label families the series may carry any member of (`container_label_`); implies `open` for flows. */
  readonly families?: readonly string[];
}

export type SeriesLookup = (metric: string) => SeriesLabels | undefined;

const NONE: ReadonlySet<string> = new Set();

export const SCALAR_FLOW: LabelFlow = { guaranteed: NONE, possible: NONE, open: false, excluded: NONE, scalar: true };

export function canCarry(f: LabelFlow, label: string): boolean {
  return !f.scalar && !f.excluded.has(label) && (f.open || f.possible.has(label));
}

/**
 * Flows are interned: a project's expressions produce few distinct flows, and each expression
 * keeps one per sub-expression for the whole run, so sharing them keeps the checks' memory (and
 * the garbage collector's work) small. Their sets are read-only and sorted, hence deterministic.
 */
// Module-level, not in the session (core/session.ts): a pure function of its key, so no edit or project can make an entry wrong, and bounded
// (MAX_INTERNED). Measured on this repository's build: 5,249 flows built, 230 distinct.
const interned = new Map<string, LabelFlow>();
const MAX_INTERNED = 100_000;

/**
 * Sorts a fresh array in place and drops repeats. Flows hold a handful of labels and are built for
 * every sub-expression: `Array#sort` and `new Set` allocated most of a lint run's garbage here.
 */
function sortedUnique(a: string[]): string[] {
  if (a.length > 32) return [...new Set(a)].sort();
  for (let i = 1; i < a.length; i++) {
    const v = a[i] as string;
    let j = i - 1;
    for (; j >= 0 && (a[j] as string) > v; j--) a[j + 1] = a[j] as string;
    a[j + 1] = v;
  }
  let w = 0;
  for (let i = 0; i < a.length; i++) if (w === 0 || a[i] !== a[w - 1]) a[w++] = a[i] as string;
  a.length = w;
  return a;
}

function flow(
  guaranteed: Iterable<string>,
  possible: Iterable<string>,
  open: boolean,
  excluded: Iterable<string> = [],
): LabelFlow {
  const g = sortedUnique([...guaranteed]);
  const p = sortedUnique([...possible, ...g]);
  const x = sortedUnique([...excluded].filter((l) => !p.includes(l)));
  const key = `${open ? 1 : 0}\u0001${g.join('\u0000')}\u0001${p.join('\u0000')}\u0001${x.join('\u0000')}`;
  let f = interned.get(key);
  if (!f) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    interned.set(
      key,
      (f = {
        guaranteed: g.length ? new Set(g) : NONE,
        possible: p.length ? new Set(p) : NONE,
        open,
        excluded: x.length ? new Set(x) : NONE,
        scalar: false,
      }),
    );
  }
  return f;
}

/** A matcher that only series with a non-empty value of the label satisfy. */
function requiresLabel(m: LabelMatcher): boolean {
  if (m.op === '=') return m.value !== '';
  if (m.op === '!=') return m.value === '';
  if (m.op === '=~') return m.value === '.+' || (m.value !== '' && !/[*?|()[\]\\^$.{}]/.test(m.value));
  return m.op === '!~' && (m.value === '' || m.value === '^$');
}

/** A matcher that only series without the label satisfy. */
function forbidsLabel(m: LabelMatcher): boolean {
  return (m.op === '=' && m.value === '') || (m.op === '!~' && m.value === '.+');
}

export function metricNameOfSelector(sel: VectorSelector): string | undefined {
  return sel.name ?? sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
}

/**
 * Flows of selectors by metric name and the labels their matchers require and forbid, for one
 * lookup whose answers do not change (see labelFlows): large rule files read few distinct selectors.
 */
export type SelectorFlows = Map<string, LabelFlow>;

/**
 * What a selector's matchers require and forbid, as the memo's key: one string built in one pass
 * over the matchers (the arrays are made only when the memo misses).
 */
function selectorKey(sel: VectorSelector, name: string | undefined): string {
  let required = '';
  let forbidden = '';
  let r = 0;
  let f = 0;
  for (const m of sel.matchers) {
    if (m.name === '__name__') continue;
    if (requiresLabel(m)) required += (r++ ? '\u0001' : '') + m.name;
    if (forbidsLabel(m)) forbidden += (f++ ? '\u0001' : '') + m.name;
  }
  return `${name ?? ''}\u0000${required}\u0000${forbidden}`;
}

function selectorFlow(sel: VectorSelector, lookup: SeriesLookup, memo: SelectorFlows | undefined): LabelFlow {
  const name = metricNameOfSelector(sel);
  const key = memo && selectorKey(sel, name);
  let f = key === undefined ? undefined : memo?.get(key);
  if (f) return f;
  const matchers = sel.matchers.filter((m) => m.name !== '__name__');
  const required = matchers.filter(requiresLabel).map((m) => m.name);
  const forbidden = matchers.filter(forbidsLabel).map((m) => m.name);
  const known = name !== undefined ? lookup(name) : undefined;
  if (!known) f = flow(required, required, true, forbidden);
  else {
    const g = [...known.guaranteed, ...required].filter((l) => !forbidden.includes(l));
    const p = [...known.labels, ...required].filter((l) => !forbidden.includes(l));
    f = flow(g, p, known.open === true, forbidden);
  }
  if (key !== undefined) memo?.set(key, f);
  return f;
}

function stringArg(e: Expr | undefined): string | undefined {
  while (e?.kind === 'ParenExpr') e = e.expr;
  return e?.kind === 'StringLiteral' ? e.value : undefined;
}

function selectorOf(e: Expr | undefined): VectorSelector | undefined {
  while (e?.kind === 'ParenExpr') e = e.expr;
  if (e?.kind === 'VectorSelector') return e;
  if (e?.kind === 'MatrixSelector') return e.selector;
  return undefined;
}

const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi', 'start', 'end', 'range', 'step', 'min_of', 'max_of']);

/**
 * The flows of one expression's sub-expressions. Each query's table is kept for the whole lint run
 * (checks of rules and alerts read them after the walk), so it is compact: node and flow pairs in
 * one array of exactly their size, in post-order (the root last). A map per query (about 600 bytes
 * on 20,000 recording rules, 14 MB) was a tenth of the checks' live heap, copied by every scavenge.
 */
export class FlowTable {
  static readonly EMPTY = new FlowTable([]);
  /** Tables of at most this many nodes are searched; a larger one builds a map on its first lookup. */
  static readonly SCANNED = 24;
  readonly #pairs: readonly (Expr | LabelFlow)[];
  #index: Map<Expr, LabelFlow> | undefined;

  /** `pairs`: node, flow, node, flow, ... */
  constructor(pairs: readonly (Expr | LabelFlow)[]) {
    this.#pairs = pairs;
  }

  /** The flow of `e`, a node of the expression; undefined for any other node. */
  get(e: Expr): LabelFlow | undefined {
    const p = this.#pairs;
    if (p.length > 2 * FlowTable.SCANNED) {
      if (!this.#index) {
        this.#index = new Map();
        for (let i = 0; i < p.length; i += 2) this.#index.set(p[i] as Expr, p[i + 1] as LabelFlow);
      }
      return this.#index.get(e);
    }
    // From the root down: checks ask for the result's flow most.
    for (let i = p.length - 2; i >= 0; i -= 2) if (p[i] === e) return p[i + 1] as LabelFlow;
    return undefined;
  }
}

/**
 * Computes the flow of every sub-expression of `root`; the table's entry for `root` is the result's.
 * `selectors` keeps selector flows between calls: only for a lookup that answers every name the
 * same from one call to the next (not while a recorded series' own labels are being worked out).
 * `memo` keeps what does not depend on the lookup (the flows out of `by`/`without`), for any lookup.
 */
export function labelFlows(root: Expr, lookup: SeriesLookup, selectors?: SelectorFlows, memo?: FlowMemo): FlowTable {
  // Post-order on a stack of its own, children left to right (the order a recursive walk looks
  // series up in): 100,000 nested parentheses or calls must not overflow the call stack. A
  // generator per node (promql's `recurse`) cost more than the flows themselves on 20,000 rules.
  // Each finished node leaves its flow on `values`, so a node's children's flows are the values
  // pushed since it was entered (`bases`); node and flow pairs are kept in post-order. The stacks
  // are the run's (a lookup may compute a recorded series' flows inside this call: above ours).
  const { todo, bases, values, pairs } = memo ?? new FlowMemo();
  const t0 = todo.length;
  const p0 = pairs.length;
  todo.push(root);
  bases.push(-1);
  while (todo.length > t0) {
    const top = todo.length - 1;
    const e = todo[top] as Expr;
    if (bases[top] === -1) {
      bases[top] = values.length;
      if (pushChildren(e, todo) > 0) {
        while (bases.length < todo.length) bases.push(-1);
        continue;
      }
    }
    const base = bases[top] as number;
    todo.pop();
    bases.pop();
    const f = compute(e, values, base, lookup, selectors, memo);
    // Its children's flows replaced by its own (pop, not a shorter length: that is a runtime call).
    if (values.length > base) {
      while (values.length > base + 1) values.pop();
      values[base] = f;
    } else values.push(f);
    pairs.push(e, f);
  }
  values.pop();
  // Taken off at exactly its size: a grown array would keep its spare room for the run.
  return new FlowTable(pairs.splice(p0));
}

/** The flow of `e` (see labelFlows), from its children's flows: `values` from `base` on, in source order. */
function compute(
  e: Expr,
  values: readonly LabelFlow[],
  base: number,
  lookup: SeriesLookup,
  selectors: SelectorFlows | undefined,
  memo: FlowMemo | undefined,
): LabelFlow {
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return SCALAR_FLOW;
    case 'VectorSelector':
      return selectorFlow(e, lookup, selectors);
    case 'MatrixSelector':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return values[base] as LabelFlow;
    case 'Call': {
      let input: LabelFlow | undefined;
      for (let i = base; i < values.length && !input; i++) if (!(values[i] as LabelFlow).scalar) input = values[i];
      return callFlow(e.func, input, e.args);
    }
    case 'AggregateExpr': {
      // The aggregated expression is the last child (after a parameter).
      const input = values[values.length - 1] as LabelFlow;
      if (input.scalar) return input;
      if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') return input;
      const grouped = memo ? memo.grouping(input, e.grouping) : grouping(input, e.grouping);
      if (e.op !== 'count_values') return grouped;
      const label = stringArg(e.param);
      return label === undefined
        ? grouped
        : flow([...grouped.guaranteed, label], [...grouped.possible, label], grouped.open, grouped.excluded);
    }
    case 'BinaryExpr':
      return binaryFlow(e, values[base] as LabelFlow, values[base + 1] as LabelFlow);
  }
}

/** `vectorArg`: the flow of the first argument that is no scalar. */
function callFlow(func: string, vectorArg: LabelFlow | undefined, argExprs: readonly Expr[]): LabelFlow {
  if (SCALAR_FUNCTIONS.has(func)) return SCALAR_FLOW;
  if (func === 'vector') return flow([], [], false);
  if (func === 'absent' || func === 'absent_over_time') {
    const sel = selectorOf(argExprs[0]);
    const eq = sel
      ? sel.matchers.filter((m) => m.op === '=' && m.name !== '__name__' && m.value !== '').map((m) => m.name)
      : [];
    return flow(eq, eq, false);
  }
  const input = vectorArg ?? flow([], [], true);
  if (func === 'histogram_quantile' || func === 'histogram_fraction') {
    return flow(
      [...input.guaranteed].filter((x) => x !== 'le'),
      [...input.possible].filter((x) => x !== 'le'),
      input.open,
      [...input.excluded, 'le'],
    );
  }
  if (func === 'label_replace') {
    const dst = stringArg(argExprs[1]);
    const repl = stringArg(argExprs[2]);
    const regex = stringArg(argExprs[4]);
    if (dst === undefined) return { ...input, open: true };
    // The target is set on every series only when the regex matches any value and the replacement is a constant.
    const always = repl !== undefined && repl !== '' && !repl.includes('$') && (regex === '.*' || regex === '(.*)');
    const excluded = [...input.excluded].filter((x) => x !== dst);
    return flow(always ? [...input.guaranteed, dst] : input.guaranteed, [...input.possible, dst], input.open, excluded);
  }
  if (func === 'label_join') {
    const dst = stringArg(argExprs[1]);
    if (dst === undefined) return { ...input, open: true };
    const sources = argExprs.slice(3).map(stringArg);
    const always = sources.some((s) => s !== undefined && input.guaranteed.has(s));
    return flow(
      always ? [...input.guaranteed, dst] : input.guaranteed,
      [...input.possible, dst],
      input.open,
      [...input.excluded].filter((x) => x !== dst),
    );
  }
  if (func === 'info') return { ...input, open: true };
  return input;
}

/** Pushes `e`'s children in reverse (so they are taken in source order); how many. */
function pushChildren(e: Expr, todo: Expr[]): number {
  switch (e.kind) {
    case 'MatrixSelector':
      todo.push(e.selector);
      return 1;
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      todo.push(e.expr);
      return 1;
    case 'Call':
      for (let i = e.args.length - 1; i >= 0; i--) todo.push(e.args[i] as Expr);
      return e.args.length;
    case 'AggregateExpr':
      todo.push(e.expr);
      if (e.param) todo.push(e.param);
      return e.param ? 2 : 1;
    case 'BinaryExpr':
      todo.push(e.rhs, e.lhs);
      return 2;
    default:
      return 0;
  }
}

/** The flow out of one binary operator, from its operands'. */
function binaryFlow(e: BinaryExpr, l: LabelFlow, r: LabelFlow): LabelFlow {
  if (l.scalar && r.scalar) return SCALAR_FLOW;
  if (l.scalar) return r;
  if (r.scalar) return l;
  if (e.op === 'and' || e.op === 'unless') return l;
  if (e.op === 'or') {
    return flow(
      [...l.guaranteed].filter((x) => r.guaranteed.has(x)),
      [...l.possible, ...r.possible],
      l.open || r.open,
      [...l.excluded].filter((x) => r.excluded.has(x)),
    );
  }
  const m = e.matching;
  if (m.card === 'one-to-one') {
    // Without `on(...)` and with no `ignoring` labels the result keeps the left side's labels as they
    // are: its flow (most operators; interned flows would make the same one).
    if (!m.on && m.labels.length === 0) return l;
    if (m.on)
      return flow(
        [...l.guaranteed].filter((x) => m.labels.includes(x)),
        m.labels.filter((x) => canCarry(l, x)),
        false,
      );
    return flow(
      [...l.guaranteed].filter((x) => !m.labels.includes(x)),
      [...l.possible].filter((x) => !m.labels.includes(x)),
      l.open,
      [...l.excluded, ...m.labels],
    );
  }
  const [many, one] = m.card === 'many-to-one' ? [l, r] : [r, l];
  const inc = m.include;
  return flow(
    [...many.guaranteed, ...inc.filter((x) => one.guaranteed.has(x))],
    [...many.possible, ...inc.filter((x) => canCarry(one, x))],
    many.open,
    [...many.excluded].filter((x) => !inc.includes(x) || !canCarry(one, x)),
  );
}

function grouping(
  input: LabelFlow,
  g: { readonly without: boolean; readonly labels: readonly string[] } | undefined,
): LabelFlow {
  if (!g) return flow([], [], false);
  if (g.without) {
    return flow(
      [...input.guaranteed].filter((x) => !g.labels.includes(x)),
      [...input.possible].filter((x) => !g.labels.includes(x)),
      input.open,
      [...input.excluded, ...g.labels],
    );
  }
  return flow(
    g.labels.filter((x) => input.guaranteed.has(x)),
    g.labels.filter((x) => canCarry(input, x)),
    false,
  );
}

/**
 * What labelFlows may keep from one query to the next of a run, whatever the lookup: the flow out
 * of a `by`/`without` clause depends only on its input's flow (interned, so compared by identity)
 * and the clause, and 20,000 rules aggregate a few dozen distinct inputs.
 */
export class FlowMemo {
  readonly #grouped = new Map<LabelFlow, Map<string, LabelFlow>>();
  /** labelFlows's stacks, kept for the run's calls: 40,000 calls grew four arrays each. */
  readonly todo: Expr[] = [];
  readonly bases: number[] = [];
  readonly values: LabelFlow[] = [];
  readonly pairs: (Expr | LabelFlow)[] = [];

  grouping(
    input: LabelFlow,
    g: { readonly without: boolean; readonly labels: readonly string[] } | undefined,
  ): LabelFlow {
    if (!g) return grouping(input, g);
    let byClause = this.#grouped.get(input);
    if (!byClause) this.#grouped.set(input, (byClause = new Map()));
    const key = `${g.without ? '-' : '+'}${g.labels.join('\u0000')}`;
    let f = byClause.get(key);
    if (!f) byClause.set(key, (f = grouping(input, g)));
    return f;
  }
}

/** The flow of an expression's result. */
export function resultFlow(root: Expr, lookup: SeriesLookup): LabelFlow {
  return labelFlows(root, lookup).get(root) ?? SCALAR_FLOW;
}
