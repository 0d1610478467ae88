/**
 * Grafana transformations, typed: the ones teams use to turn Prometheus results into tables. The
 * SDK types them as `{ id: string; options: any }`; these are the options Grafana's own editors
 * write (`packages/grafana-data/src/transformations/transformers`).
 */
import type * as C from './closed-options.ts';
import type { Reducer } from './field-types.ts';

/** One row per shared label set: the results of several instant `format: 'table'` queries side by side. */
export interface MergeTransformation {
  readonly id: 'merge';
}

/** Hide, rename and order columns. Columns of table queries are their labels, `Time` and `Value #<refId>`. */
export interface OrganizeTransformation {
  readonly id: 'organize';
  readonly exclude?: readonly string[];
  readonly rename?: Readonly<Record<string, string>>;
  /** Columns in this order (others follow). */
  readonly order?: readonly string[];
}

/** Join frames on a field (time series on `Time` by default). */
export interface JoinByFieldTransformation {
  readonly id: 'joinByField';
  readonly field?: string;
  readonly mode?: (typeof C.JOIN_MODES)[number];
}

export interface FilterFieldsByNameTransformation {
  readonly id: 'filterFieldsByName';
  readonly include?: readonly string[];
  /** A regex of names to keep (with `include`: either). */
  readonly pattern?: string;
  readonly exclude?: readonly string[];
}

/** Series labels as columns (`columns`) or rows. */
export interface LabelsToFieldsTransformation {
  readonly id: 'labelsToFields';
  readonly mode?: (typeof C.LABELS_TO_FIELDS_MODES)[number];
  /** The label whose values name the value columns. */
  readonly valueLabel?: string;
  /** Only these labels become columns. */
  readonly keep?: readonly string[];
}

export interface SortByTransformation {
  readonly id: 'sortBy';
  readonly field: string;
  readonly desc?: boolean;
}

export interface LimitTransformation {
  readonly id: 'limit';
  readonly count: number;
}

/** Several time series as one table of (Time, Metric, Value) rows. */
export interface SeriesToRowsTransformation {
  readonly id: 'seriesToRows';
}

/** Each series reduced to values (`seriesToRows`: a row per series with a column per reducer). */
export interface ReduceTransformation {
  readonly id: 'reduce';
  readonly reducers: readonly Reducer[];
  readonly mode?: (typeof C.REDUCE_TRANSFORMATION_MODES)[number];
  readonly includeTimeField?: boolean;
}

/** Rows become columns and columns rows (after `reduce`: one column per series, for a bar chart). */
export interface TransposeTransformation {
  readonly id: 'transpose';
}

export interface RenameByRegexTransformation {
  readonly id: 'renameByRegex';
  readonly regex: string;
  /** The new name; `$1` is the first group. */
  readonly replace: string;
}

export type Transformation =
  | MergeTransformation
  | OrganizeTransformation
  | JoinByFieldTransformation
  | FilterFieldsByNameTransformation
  | LabelsToFieldsTransformation
  | SortByTransformation
  | LimitTransformation
  | SeriesToRowsTransformation
  | ReduceTransformation
  | TransposeTransformation
  | RenameByRegexTransformation;
