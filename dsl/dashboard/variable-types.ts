/** Dashboard variables: `$name` in queries, titles and links. */
import type * as C from './closed-options.ts';
import type { Duration } from '../core/duration.ts';
import type { DatasourceRef, Expression, Extra, Stamped } from './base-types.ts';

export interface VariableCommon extends Extra {
  /** Referenced as `$name` in queries. */
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  /** Hide the label, or the whole variable, from the dashboard's controls. */
  readonly hide?: (typeof C.VARIABLE_HIDE)[number];
}

interface MultiValue {
  readonly multi?: boolean;
  /** Offer "All"; its value is `allValue` or every value joined into a regex. */
  readonly includeAll?: boolean;
  readonly allValue?: string;
}

export interface DatasourceVariableSpec extends VariableCommon, MultiValue {
  /** The data source plugin: `prometheus`, `loki`, ... */
  readonly plugin: 'prometheus' | 'loki' | (string & {});
  /** Only data sources whose name matches. */
  readonly regex?: string;
  /** Name of the data source selected by default. */
  readonly default?: string;
}

/** `label_values(<selector>, <label>)`: the values of `label` on the series the selector matches. */
export interface LabelValues extends Stamped<'label-values'> {
  readonly label: string;
  readonly selector?: Expression;
}

export interface QueryVariableSpec extends VariableCommon, MultiValue {
  /** `labelValues(...)`, or a Grafana Prometheus variable query (`query_result(...)`, `label_names()`, ...). */
  readonly query: LabelValues | string;
  readonly datasource?: DatasourceRef;
  /** When to reload the values (default: on time range change). */
  readonly refresh?: (typeof C.VARIABLE_REFRESH)[number];
  readonly sort?: (typeof C.VARIABLE_SORT)[number];
  /** Keep (and capture) only matching values. */
  readonly regex?: string;
  readonly default?: string | readonly string[];
}

export type CustomValue = string | { readonly text: string; readonly value: string };

export interface CustomVariableSpec extends VariableCommon, MultiValue {
  readonly values: readonly CustomValue[];
  readonly default?: string | readonly string[];
}

export interface IntervalVariableSpec extends VariableCommon {
  readonly values: readonly Duration[];
  /** Add an `auto` option: the range divided into `steps` steps of at least `min`. */
  readonly auto?: boolean | { readonly steps?: number; readonly min?: Duration };
  readonly default?: Duration | 'auto';
}

export interface ConstantVariableSpec extends VariableCommon {
  readonly value: string;
}

export interface TextboxVariableSpec extends VariableCommon {
  readonly default?: string;
}

type VariableOf<T extends string, S> = S & Stamped<'variable'> & { readonly type: T };

export type DatasourceVariable = VariableOf<'datasource', DatasourceVariableSpec>;
export type QueryVariable = VariableOf<'query', QueryVariableSpec>;
export type CustomVariable = VariableOf<'custom', CustomVariableSpec>;
export type IntervalVariable = VariableOf<'interval', IntervalVariableSpec>;
export type ConstantVariable = VariableOf<'constant', ConstantVariableSpec>;
export type TextboxVariable = VariableOf<'textbox', TextboxVariableSpec>;

export type Variable =
  DatasourceVariable | QueryVariable | CustomVariable | IntervalVariable | ConstantVariable | TextboxVariable;
