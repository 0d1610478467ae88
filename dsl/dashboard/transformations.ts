/**
 * `transform.merge()`, `transform.organize({...})`, ...: the typed transformations, and the JSON
 * Grafana stores for them. Also which column names a transformation reads, for the checks.
 */
import type { Reducer } from './field-types.ts';
import { jsonEqual, type JsonObject } from './json.ts';
import type {
  FilterFieldsByNameTransformation,
  JoinByFieldTransformation,
  LabelsToFieldsTransformation,
  LimitTransformation,
  OrganizeTransformation,
  ReduceTransformation,
  RenameByRegexTransformation,
  SortByTransformation,
  Transformation,
} from './transformation-types.ts';

type Options<T extends Transformation> = Omit<T, 'id'>;

const frozen = <T extends Transformation>(t: T): T => Object.freeze(t);

export const transform = Object.freeze({
  merge: () => frozen({ id: 'merge' as const }),
  organize: (o: Options<OrganizeTransformation>) => frozen({ id: 'organize' as const, ...o }),
  joinByField: (o: Options<JoinByFieldTransformation> = {}) => frozen({ id: 'joinByField' as const, ...o }),
  filterFieldsByName: (o: Options<FilterFieldsByNameTransformation>) =>
    frozen({ id: 'filterFieldsByName' as const, ...o }),
  labelsToFields: (o: Options<LabelsToFieldsTransformation> = {}) => frozen({ id: 'labelsToFields' as const, ...o }),
  sortBy: (o: Options<SortByTransformation>) => frozen({ id: 'sortBy' as const, ...o }),
  limit: (count: number) => frozen<LimitTransformation>({ id: 'limit', count }),
  seriesToRows: () => frozen({ id: 'seriesToRows' as const }),
  reduce: (o: Options<ReduceTransformation>) => frozen({ id: 'reduce' as const, ...o }),
  transpose: () => frozen({ id: 'transpose' as const }),
  renameByRegex: (o: Options<RenameByRegexTransformation>) => frozen({ id: 'renameByRegex' as const, ...o }),
});

const flags = (names: readonly string[]): JsonObject => Object.fromEntries(names.map((n) => [n, true]));

/** Grafana's `{ id, options }` for a transformation. */
export function transformationJson(t: Transformation): { readonly id: string; readonly options: JsonObject } {
  switch (t.id) {
    case 'merge':
    case 'seriesToRows':
    case 'transpose':
      return { id: t.id, options: {} };
    case 'organize':
      return {
        id: t.id,
        options: {
          ...(t.exclude ? { excludeByName: flags(t.exclude) } : {}),
          ...(t.order ? { indexByName: Object.fromEntries(t.order.map((n, i) => [n, i])) } : {}),
          ...(t.rename ? { renameByName: { ...t.rename } } : {}),
        },
      };
    case 'joinByField':
      return {
        id: t.id,
        options: { ...(t.field !== undefined ? { byField: t.field } : {}), ...(t.mode ? { mode: t.mode } : {}) },
      };
    case 'filterFieldsByName':
      return {
        id: t.id,
        options: {
          ...(t.include || t.pattern !== undefined
            ? {
                include: {
                  ...(t.include ? { names: [...t.include] } : {}),
                  ...(t.pattern !== undefined ? { pattern: t.pattern } : {}),
                },
              }
            : {}),
          ...(t.exclude ? { exclude: { names: [...t.exclude] } } : {}),
        },
      };
    case 'labelsToFields':
      return {
        id: t.id,
        options: {
          ...(t.mode ? { mode: t.mode } : {}),
          ...(t.valueLabel !== undefined ? { valueLabel: t.valueLabel } : {}),
          ...(t.keep ? { keepLabels: [...t.keep] } : {}),
        },
      };
    case 'sortBy':
      return { id: t.id, options: { sort: [{ field: t.field, desc: t.desc === true }] } };
    case 'limit':
      return { id: t.id, options: { limitField: t.count } };
    case 'reduce':
      return {
        id: t.id,
        options: {
          reducers: [...t.reducers],
          ...(t.mode ? { mode: t.mode } : {}),
          ...(t.includeTimeField !== undefined ? { includeTimeField: t.includeTimeField } : {}),
        },
      };
    case 'renameByRegex':
      return { id: t.id, options: { regex: t.regex, renamePattern: t.replace } };
  }
}

/** The column names a transformation names as its input (to check them against the panel's queries). */
export function columnsRead(t: Transformation): string[] {
  switch (t.id) {
    case 'organize':
      return [...(t.exclude ?? []), ...Object.keys(t.rename ?? {}), ...(t.order ?? [])];
    case 'filterFieldsByName':
      return [...(t.include ?? []), ...(t.exclude ?? [])];
    case 'joinByField':
      return t.field !== undefined ? [t.field] : [];
    case 'sortBy':
      return [t.field];
    default:
      return [];
  }
}

const OPTION_KEYS: Readonly<Record<string, (o: Record<string, unknown>) => Transformation | undefined>> = {
  merge: () => transform.merge(),
  seriesToRows: () => transform.seriesToRows(),
  transpose: () => transform.transpose(),
  // Reducer names are not checked here (the list is the SDK's, which authors' modules do not load):
  // the importer checks them, the build's dashboard/closed-options check too.
  reduce: (o) => {
    const reducers = Array.isArray(o.reducers) ? o.reducers.filter((r): r is Reducer => typeof r === 'string') : [];
    return reducers.length && reducers.length === (o.reducers as unknown[]).length
      ? transform.reduce({
          reducers,
          ...(o.mode === 'seriesToRows' || o.mode === 'reduceFields' ? { mode: o.mode } : {}),
          ...(typeof o.includeTimeField === 'boolean' ? { includeTimeField: o.includeTimeField } : {}),
        })
      : undefined;
  },
  organize: (o) =>
    transform.organize({
      ...(isFlags(o.excludeByName) ? { exclude: Object.keys(o.excludeByName) } : {}),
      ...(isRecordOf(o.indexByName, 'number')
        ? {
            order: Object.entries(o.indexByName)
              .sort((a, b) => a[1] - b[1])
              .map(([k]) => k),
          }
        : {}),
      ...(isRecordOf(o.renameByName, 'string') ? { rename: o.renameByName } : {}),
    }),
  joinByField: (o) =>
    transform.joinByField({
      ...(typeof o.byField === 'string' ? { field: o.byField } : {}),
      ...(o.mode === 'outer' || o.mode === 'inner' || o.mode === 'outerTabular' ? { mode: o.mode } : {}),
    }),
  sortBy: (o) => {
    const [s, ...more] = Array.isArray(o.sort) ? (o.sort as { field?: unknown; desc?: unknown }[]) : [];
    return s && more.length === 0 && typeof s.field === 'string'
      ? transform.sortBy({ field: s.field, ...(s.desc === true ? { desc: true } : {}) })
      : undefined;
  },
  limit: (o) => (typeof o.limitField === 'number' ? transform.limit(o.limitField) : undefined),
  renameByRegex: (o) =>
    typeof o.regex === 'string' && typeof o.renamePattern === 'string'
      ? transform.renameByRegex({ regex: o.regex, replace: o.renamePattern })
      : undefined,
};

function isFlags(v: unknown): v is Record<string, true> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === true);
}

function isRecordOf<T extends 'string' | 'number'>(
  v: unknown,
  type: T,
): v is Record<string, T extends 'string' ? string : number> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === type);
}

/**
 * The typed transformation Grafana's JSON stands for, when writing it back gives exactly that JSON
 * (importers use typed fields only where nothing is lost).
 */
export function typedTransformation(json: unknown): Transformation | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { id, options, ...rest } = json as { id?: unknown; options?: unknown };
  if (
    typeof id !== 'string' ||
    Object.keys(rest).length > 0 ||
    typeof options !== 'object' ||
    options === null ||
    Array.isArray(options)
  )
    return undefined;
  const t = OPTION_KEYS[id]?.(options as Record<string, unknown>);
  return t && jsonEqual(transformationJson(t), { id, options }) ? t : undefined;
}
