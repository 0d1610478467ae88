/**
 * Typed factories for registry entries. `const` type parameters keep the label names and closed
 * values as literal types, so `registry(...).sel()` can refuse a misspelt label or value at `tsc`.
 */
import type { ClosedValues, MetricDef, MetricSpec, MetricType } from './types.ts';

/** `values` may only name declared labels. */
type OnlyDeclared<L extends string, V> = V & { readonly [K in Exclude<keyof V, L>]: never };

function define<T extends MetricType, L extends string, V extends ClosedValues<L>>(
  type: T,
  spec: MetricSpec<L, V>,
): MetricDef<T, L, V> {
  return Object.freeze({
    kind: 'metric' as const,
    type,
    ...(spec.help !== undefined ? { help: spec.help } : {}),
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    labels: Object.freeze([...(spec.labels ?? [])]),
    values: Object.freeze({ ...(spec.values ?? {}) }) as V,
    ...(spec.native ? { native: true } : {}),
    ...(spec.quantiles === false ? { quantiles: false } : {}),
    ...(spec.labelFamilies?.length
      ? { labelFamilies: Object.freeze(spec.labelFamilies.map((f) => f.slice(0, -1))) }
      : {}),
    // +Inf is every histogram's last bucket, not a declared bound (Python's DEFAULT_BUCKETS ends in INF).
    ...(spec.buckets?.some(Number.isFinite)
      ? { buckets: Object.freeze([...new Set(spec.buckets.filter(Number.isFinite))].sort((a, b) => a - b)) }
      : {}),
  });
}

type Spec<L extends string, V extends ClosedValues<L>> = MetricSpec<L, V> & { readonly values?: OnlyDeclared<L, V> };

/** `container_label_*` → every label name `container_label_…`, so typed selectors accept them. */
type FamilyLabel<F> = F extends `${infer P}*` ? `${P}${string}` : never;
type FamilySpec<L extends string, V extends ClosedValues<L>, F extends `${string}*`> = Spec<L, V> & {
  readonly labelFamilies?: readonly F[];
};

/** A counter: only goes up (resets on restart); read it with `rate()`/`increase()`. */
export function counter<
  const L extends string = never,
  const V extends ClosedValues<L> = {},
  const F extends `${string}*` = never,
>(spec: FamilySpec<L, V, F> = {}): MetricDef<'counter', L | FamilyLabel<F>, V> {
  return define('counter', spec) as MetricDef<'counter', L | FamilyLabel<F>, V>;
}

/** A gauge: a value that goes up and down. */
export function gauge<
  const L extends string = never,
  const V extends ClosedValues<L> = {},
  const F extends `${string}*` = never,
>(spec: FamilySpec<L, V, F> = {}): MetricDef<'gauge', L | FamilyLabel<F>, V> {
  return define('gauge', spec) as MetricDef<'gauge', L | FamilyLabel<F>, V>;
}

/** A classic histogram: implies `<name>_bucket` (with `le`), `<name>_sum` and `<name>_count`. */
export function histogram<const L extends string = never, const V extends ClosedValues<L> = {}>(
  spec: Spec<L, V> = {},
): MetricDef<'histogram', L, V> {
  return define('histogram', spec);
}

/**
 * A summary: implies `<name>` (with `quantile`), `<name>_sum` and `<name>_count`; with
 * `quantiles: false` (Python's `Summary`) only `<name>_sum` and `<name>_count`.
 */
export function summary<const L extends string = never, const V extends ClosedValues<L> = {}>(
  spec: Spec<L, V> & { readonly quantiles: false },
): MetricDef<'summary', L, V> & { readonly quantiles: false };
export function summary<const L extends string = never, const V extends ClosedValues<L> = {}>(
  spec?: Spec<L, V>,
): MetricDef<'summary', L, V>;
export function summary<const L extends string, const V extends ClosedValues<L>>(
  spec: Spec<L, V> = {},
): MetricDef<'summary', L, V> {
  return define('summary', spec);
}

/** An info metric (`*_info`, value 1): carries labels to join onto other series. */
export function info<
  const L extends string = never,
  const V extends ClosedValues<L> = {},
  const F extends `${string}*` = never,
>(spec: FamilySpec<L, V, F> = {}): MetricDef<'info', L | FamilyLabel<F>, V> {
  return define('info', spec) as MetricDef<'info', L | FamilyLabel<F>, V>;
}

/** A stateset: one series per state, value 1 for the current state. */
export function stateset<const L extends string = never, const V extends ClosedValues<L> = {}>(
  spec: Spec<L, V> = {},
): MetricDef<'stateset', L, V> {
  return define('stateset', spec);
}

/** A metric of unknown type (`untyped`): type-based checks leave it alone. */
export function untyped<
  const L extends string = never,
  const V extends ClosedValues<L> = {},
  const F extends `${string}*` = never,
>(spec: FamilySpec<L, V, F> = {}): MetricDef<'unknown', L | FamilyLabel<F>, V> {
  return define('unknown', spec) as MetricDef<'unknown', L | FamilyLabel<F>, V>;
}
