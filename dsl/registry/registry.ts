/** `registry({...})`: one authored registry module's metrics, with the typed selector helper. */
import { captureCallSite } from '../core/call-site.ts';
import { selectorText, type Matchers, type SelectorText, type SeriesMap, type SeriesName } from './select.ts';
import type { ClosedValues, MetricDef, MetricType, RegistryData, RegistrySpec } from './types.ts';

export const DEFAULT_TARGET_LABELS = ['job', 'instance'] as const;

type Defs = Readonly<Record<string, MetricDef<MetricType, string, ClosedValues<string>>>>;

export interface Registry<M extends Defs, T extends string> extends RegistryData {
  readonly metrics: M;
  /** A selector of a series this registry knows, e.g. `sel('node_cpu_seconds_total', { mode: 'idle' })`. */
  sel<S extends SeriesName<M>>(series: S, matchers?: Matchers<SeriesMap<M>[S], T>): SelectorText;
  /** The series name itself, checked by `tsc` (for `name()` positions, `by` lists and such). */
  series<S extends SeriesName<M>>(series: S): S;
}

export function registry<const M extends Defs, const T extends string = (typeof DEFAULT_TARGET_LABELS)[number]>(
  spec: RegistrySpec<M, T>,
): Registry<M, T> {
  const site = captureCallSite();
  return Object.freeze({
    kind: 'registry' as const,
    name: spec.name,
    ...(spec.scrapeInterval !== undefined ? { scrapeInterval: spec.scrapeInterval } : {}),
    ...(spec.jobs !== undefined
      ? { jobs: Object.freeze(spec.jobs.map((j) => (typeof j === 'string' ? j : j.name))) }
      : {}),
    ...(spec.jobs?.some((j) => typeof j !== 'string')
      ? {
          jobIntervals: Object.freeze(
            Object.fromEntries(spec.jobs.flatMap((j) => (typeof j === 'string' ? [] : [[j.name, j.scrapeInterval]]))),
          ),
        }
      : {}),
    targetLabels: Object.freeze([...(spec.targetLabels ?? DEFAULT_TARGET_LABELS)]),
    ...(spec.complete === false ? { complete: false } : {}),
    ...(spec.families?.length ? { families: Object.freeze(spec.families.map((f) => f.slice(0, -1))) } : {}),
    metrics: Object.freeze({ ...spec.metrics }) as M,
    ...(site ? { site } : {}),
    sel: <S extends SeriesName<M>>(series: S, matchers?: Matchers<SeriesMap<M>[S], T>) =>
      selectorText(series, matchers as Record<string, never> | undefined),
    series: <S extends SeriesName<M>>(series: S) => series,
  });
}

export function isRegistry(v: unknown): v is RegistryData {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { kind?: unknown }).kind === 'registry' &&
    typeof (v as { metrics?: unknown }).metrics === 'object'
  );
}
