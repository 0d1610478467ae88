/**
 * Every PromQL function with its signature and the Prometheus versions that have it, read from
 * `promql/parser/functions.go` at each release tag v2.42.0 ... v3.14.0 and the development head
 * (listed as 3.15). A function whose signature or experimental status changed has one row per span.
 * Regenerate by diffing functions.go between tags when a new Prometheus minor is released.
 */
import type { ValueType } from './ast.ts';

export interface FunctionSignature {
  readonly name: string;
  readonly args: readonly ValueType[];
  /** 0: exactly args.length; n>0: the last arg is optional/repeatable up to n more; -1: unbounded. */
  readonly variadic: number;
  readonly returns: ValueType;
  /** Needs --enable-feature=promql-experimental-functions. */
  readonly experimental: boolean;
  /** First minor version that has this row, e.g. [2, 49]. */
  readonly since: readonly [number, number];
  /** First minor version that no longer has this row. */
  readonly until?: readonly [number, number];
}

const V = 'vector',
  M = 'matrix',
  S = 'scalar',
  Str = 'string';

type Row = [
  name: string,
  args: ValueType[],
  variadic: number,
  returns: ValueType,
  experimental: boolean,
  since: string,
  until?: string,
];

const ROWS: Row[] = [
  ['abs', [V], 0, V, false, '2.42'],
  ['absent', [V], 0, V, false, '2.42'],
  ['absent_over_time', [M], 0, V, false, '2.42'],
  ['acos', [V], 0, V, false, '2.42'],
  ['acosh', [V], 0, V, false, '2.42'],
  ['asin', [V], 0, V, false, '2.42'],
  ['asinh', [V], 0, V, false, '2.42'],
  ['atan', [V], 0, V, false, '2.42'],
  ['atanh', [V], 0, V, false, '2.42'],
  ['avg_over_time', [M], 0, V, false, '2.42'],
  ['ceil', [V], 0, V, false, '2.42'],
  ['changes', [M], 0, V, false, '2.42'],
  ['clamp', [V, S, S], 0, V, false, '2.42'],
  ['clamp_max', [V, S], 0, V, false, '2.42'],
  ['clamp_min', [V, S], 0, V, false, '2.42'],
  ['cos', [V], 0, V, false, '2.42'],
  ['cosh', [V], 0, V, false, '2.42'],
  ['count_over_time', [M], 0, V, false, '2.42'],
  ['day_of_month', [V], 1, V, false, '2.42'],
  ['day_of_week', [V], 1, V, false, '2.42'],
  ['day_of_year', [V], 1, V, false, '2.42'],
  ['days_in_month', [V], 1, V, false, '2.42'],
  ['deg', [V], 0, V, false, '2.42'],
  ['delta', [M], 0, V, false, '2.42'],
  ['deriv', [M], 0, V, false, '2.42'],
  ['double_exponential_smoothing', [M, S, S], 0, V, true, '3.0'],
  ['end', [], 0, S, true, '3.12'],
  ['exp', [V], 0, V, false, '2.42'],
  ['first_over_time', [M], 0, V, true, '3.7', '3.14'],
  ['first_over_time', [M], 0, V, false, '3.14'],
  ['floor', [V], 0, V, false, '2.42'],
  ['histogram_avg', [V], 0, V, false, '2.51'],
  ['histogram_count', [V], 0, V, false, '2.42'],
  ['histogram_fraction', [S, S, V], 0, V, false, '2.42'],
  ['histogram_quantile', [S, V], 0, V, false, '2.42'],
  ['histogram_quantiles', [V, Str, S, S], 9, V, true, '3.11'],
  ['histogram_stddev', [V], 0, V, false, '2.47'],
  ['histogram_stdvar', [V], 0, V, false, '2.47'],
  ['histogram_sum', [V], 0, V, false, '2.42'],
  ['holt_winters', [M, S, S], 0, V, false, '2.42', '3.0'],
  ['hour', [V], 1, V, false, '2.42'],
  ['idelta', [M], 0, V, false, '2.42'],
  ['increase', [M], 0, V, false, '2.42'],
  ['info', [V, V], 1, V, true, '2.55'],
  ['irate', [M], 0, V, false, '2.42'],
  ['label_join', [V, Str, Str, Str], -1, V, false, '2.42'],
  ['label_replace', [V, Str, Str, Str, Str], 0, V, false, '2.42'],
  ['last_over_time', [M], 0, V, false, '2.42'],
  ['ln', [V], 0, V, false, '2.42'],
  ['log10', [V], 0, V, false, '2.42'],
  ['log2', [V], 0, V, false, '2.42'],
  ['mad_over_time', [M], 0, V, true, '2.49'],
  ['max_of', [S, S], 0, S, true, '3.13'],
  ['max_over_time', [M], 0, V, false, '2.42'],
  ['min_of', [S, S], 0, S, true, '3.13'],
  ['min_over_time', [M], 0, V, false, '2.42'],
  ['minute', [V], 1, V, false, '2.42'],
  ['month', [V], 1, V, false, '2.42'],
  ['pi', [], 0, S, false, '2.42'],
  ['predict_linear', [M, S], 0, V, false, '2.42'],
  ['present_over_time', [M], 0, V, false, '2.42'],
  ['quantile_over_time', [S, M], 0, V, false, '2.42'],
  ['rad', [V], 0, V, false, '2.42'],
  ['range', [], 0, S, true, '3.12'],
  ['rate', [M], 0, V, false, '2.42'],
  ['resets', [M], 0, V, false, '2.42'],
  ['round', [V, S], 1, V, false, '2.42'],
  ['scalar', [V], 0, S, false, '2.42'],
  ['sgn', [V], 0, V, false, '2.42'],
  ['sin', [V], 0, V, false, '2.42'],
  ['sinh', [V], 0, V, false, '2.42'],
  ['sort', [V], 0, V, false, '2.42'],
  ['sort_by_label', [V, Str], -1, V, true, '2.49'],
  ['sort_by_label_desc', [V, Str], -1, V, true, '2.49'],
  ['sort_desc', [V], 0, V, false, '2.42'],
  ['sqrt', [V], 0, V, false, '2.42'],
  ['start', [], 0, S, true, '3.12'],
  ['start_timestamp', [V], 0, V, true, '3.14'],
  ['stddev_over_time', [M], 0, V, false, '2.42'],
  ['stdvar_over_time', [M], 0, V, false, '2.42'],
  ['step', [], 0, S, true, '3.12'],
  ['sum_over_time', [M], 0, V, false, '2.42'],
  ['tan', [V], 0, V, false, '2.42'],
  ['tanh', [V], 0, V, false, '2.42'],
  ['time', [], 0, S, false, '2.42'],
  ['timestamp', [V], 0, V, false, '2.42'],
  ['ts_of_first_over_time', [M], 0, V, true, '3.7'],
  ['ts_of_last_over_time', [M], 0, V, true, '3.5'],
  ['ts_of_max_over_time', [M], 0, V, true, '3.5'],
  ['ts_of_min_over_time', [M], 0, V, true, '3.5'],
  ['vector', [S], 0, V, false, '2.42'],
  ['year', [V], 1, V, false, '2.42'],
];

const ver = (s: string): [number, number] => {
  const [major = 0, minor = 0] = s.split('.').map(Number);
  return [major, minor];
};

export const FUNCTION_ROWS: readonly FunctionSignature[] = ROWS.map(
  ([name, args, variadic, returns, experimental, since, until]) => ({
    name,
    args,
    variadic,
    returns,
    experimental,
    since: ver(since),
    ...(until === undefined ? {} : { until: ver(until) }),
  }),
);
