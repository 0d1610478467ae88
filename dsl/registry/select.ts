/**
 * The typed selector: `reg.sel('node_cpu_seconds_total', { mode: 'idle' })` is a PromQL fragment
 * for the `promql` template, and `tsc` refuses a metric, label or closed value the registry does
 * not have. The literal types come from the factories (see factories.ts).
 */
import type { ClosedValues, MetricDef, MetricType } from './types.ts';

interface Series<N extends string, L extends string, V> {
  readonly name: N;
  readonly labels: L;
  readonly values: V;
}

/** The series names a metric exposes, with their labels. */
type SeriesOf<N extends string, D> =
  D extends MetricDef<'histogram', infer L, infer V>
    ? Series<`${N}_bucket`, L | 'le', V> | Series<`${N}_sum` | `${N}_count`, L, V>
    : D extends MetricDef<'summary', infer L, infer V>
      ? | (D extends { readonly quantiles: false } ? never : Series<N, L | 'quantile', V>)
        | Series<`${N}_sum` | `${N}_count`, L, V>
      : D extends MetricDef<MetricType, infer L, infer V>
        ? Series<N, L, V>
        : never;

type AnyDefs = Readonly<Record<string, MetricDef<MetricType, string, ClosedValues<string>>>>;

type SeriesUnion<M extends AnyDefs> = { [N in keyof M & string]: SeriesOf<N, M[N]> }[keyof M & string];

/** Series name → its descriptor. */
export type SeriesMap<M extends AnyDefs> = { [S in SeriesUnion<M> as S['name']]: S };

export type SeriesName<M extends AnyDefs> = keyof SeriesMap<M> & string;

type ValueOf<V, K> = K extends keyof V
  ? NonNullable<V[K]> extends readonly (infer X extends string)[]
    ? X
    : string
  : string;

/** A matcher value: a plain value means `=`; the object forms are `=~`, `!=` and `!~`. */
export type MatcherValue<V extends string = string> =
  V | { readonly re: string } | { readonly not: V } | { readonly notRe: string };

export type Matchers<S, T extends string> =
  S extends Series<string, infer L, infer V> ? { readonly [K in L | T]?: MatcherValue<ValueOf<V, K>> } : never;

/** Structurally a `promql` fragment (dsl/promql/template.ts), which the template splices in. */
export interface SelectorText {
  readonly kind: 'promql';
  readonly text: string;
  toString(): string;
}

/**
 * PromQL string literal. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`, ...) are all valid Go escapes,
 * so a JSON string is a valid PromQL string with the same value.
 */
function quote(v: string): string {
  return JSON.stringify(v);
}

export function selectorText(
  name: string,
  matchers: Readonly<Record<string, MatcherValue | undefined>> = {},
): SelectorText {
  const parts: string[] = [];
  for (const [label, m] of Object.entries(matchers)) {
    if (m === undefined) continue;
    if (typeof m === 'string') parts.push(`${label}=${quote(m)}`);
    else if ('re' in m) parts.push(`${label}=~${quote(m.re)}`);
    else if ('notRe' in m) parts.push(`${label}!~${quote(m.notRe)}`);
    else parts.push(`${label}!=${quote(m.not)}`);
  }
  const text = parts.length ? `${name}{${parts.join(', ')}}` : name;
  return Object.freeze({ kind: 'promql' as const, text, toString: () => text });
}
