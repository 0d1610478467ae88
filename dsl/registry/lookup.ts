/**
 * The merged view checks use: every series name of every registry (histograms and summaries
 * expanded into their implied series), looked up by the name a selector uses.
 */
import { parseDuration } from '../core/duration.ts';
import { jobsOf } from '../core/job-scope.ts';
import { suggester } from './edit-distance.ts';
import type { MetricDef, MetricType, RegistryData, SeriesInfo, SeriesPart } from './types.ts';

export interface RegistryIndex {
  readonly registries: readonly RegistryData[];
  /**
   * `job`: the job scope of the selector (`job="..."`, or `job=~"a|b"`: see core/job-scope.ts); the
   * registries listing one of its jobs in `jobs` answer alone (merged with each other), so one
   * service's labels and buckets are not blurred with another's.
   */
  lookup(series: string, job?: string): SeriesInfo | undefined;
  has(series: string): boolean;
  /** Known series names closest to a misspelt one. */
  suggest(series: string): string[];
  /** Every known series name, sorted. */
  names(): readonly string[];
}

function partsOf(metric: string, def: MetricDef): [string, SeriesPart][] {
  switch (def.type) {
    case 'histogram':
      return [
        ...(def.native ? [[metric, 'value'] as [string, SeriesPart]] : []),
        [`${metric}_bucket`, 'bucket'],
        [`${metric}_sum`, 'sum'],
        [`${metric}_count`, 'count'],
      ];
    case 'summary':
      return [
        ...(def.quantiles === false ? [] : [[metric, 'quantile'] as [string, SeriesPart]]),
        [`${metric}_sum`, 'sum'],
        [`${metric}_count`, 'count'],
      ];
    default:
      return [[metric, 'value']];
  }
}

function behavesAs(type: MetricType, part: SeriesPart): MetricType {
  if (part === 'bucket' || part === 'sum' || part === 'count') return 'counter';
  if (part === 'quantile') return 'gauge';
  return type;
}

const ms = (d: string | undefined): number | undefined => {
  const r = d !== undefined ? parseDuration(d) : undefined;
  return r?.ok ? r.ms : undefined;
};

/** The interval a job scrapes the registry's metrics at: its own, else the registry's. */
function jobIntervalMs(reg: RegistryData, job: string): number | undefined {
  return (
    ms(reg.jobIntervals && Object.hasOwn(reg.jobIntervals, job) ? reg.jobIntervals[job] : undefined) ??
    ms(reg.scrapeInterval)
  );
}

export function seriesInfos(reg: RegistryData): SeriesInfo[] {
  // Without a job it lists, the registry's own interval: its jobs with their own are checked when named
  // (taking the slowest for every selector made dashboards' `$job` queries errors because of one batch job).
  const interval = ms(reg.scrapeInterval);
  const out: SeriesInfo[] = [];
  for (const [metric, def] of Object.entries(reg.metrics)) {
    for (const [series, part] of partsOf(metric, def)) {
      const extra = part === 'bucket' ? ['le'] : part === 'quantile' ? ['quantile'] : [];
      out.push({
        series,
        metric,
        def,
        part,
        behavesAs: behavesAs(def.type, part),
        registry: reg,
        labels: [...new Set([...reg.targetLabels, ...def.labels, ...extra])].sort(),
        guaranteed: [...new Set([...reg.targetLabels, ...extra])].sort(),
        values: def.values,
        ...(def.labelFamilies ? { labelFamilies: def.labelFamilies } : {}),
        ...(part === 'bucket' && def.buckets ? { buckets: def.buckets } : {}),
        ...(interval !== undefined ? { scrapeIntervalMs: interval } : {}),
      });
    }
  }
  return out;
}

/**
 * One series name defined by several registries (five services each exporting
 * `http_requests_total` with their own labels): a selector may read any of them, so the view is
 * their union: every label any of them has, the labels all of them guarantee, a closed value set
 * only where every definition closes it, the type they agree on (else unknown) and the longest
 * scrape interval (a window must suit the slowest job).
 */
function mergedInfo(defs: readonly SeriesInfo[]): SeriesInfo {
  const [first] = defs as [SeriesInfo, ...SeriesInfo[]];
  if (defs.length === 1) return first;
  const labels = [...new Set(defs.flatMap((d) => d.labels))].sort();
  const guaranteed = first.guaranteed.filter((l) => defs.every((d) => d.guaranteed.includes(l)));
  const values: Record<string, readonly string[]> = {};
  for (const l of labels) {
    const sets = defs
      .filter((d) => d.labels.includes(l))
      .map((d) => (Object.hasOwn(d.values, l) ? d.values[l] : undefined));
    if (sets.every((v): v is readonly string[] => v !== undefined)) values[l] = [...new Set(sets.flat())].sort();
  }
  const families = [...new Set(defs.flatMap((d) => d.labelFamilies ?? []))].sort();
  // Bounds are known only when every histogram behind the name declares them (another service's
  // series may have any).
  const bucketDefs = defs.filter((d) => d.part === 'bucket');
  const buckets =
    bucketDefs.length && bucketDefs.every((d) => d.buckets)
      ? [...new Set(bucketDefs.flatMap((d) => d.buckets ?? []))].sort((a, b) => a - b)
      : undefined;
  const types = new Set(defs.map((d) => d.behavesAs));
  // Definitions of different kinds (a gauge here, a histogram's series there): no check may rely
  // on the kind, whichever registry loaded first.
  const agree = types.size === 1 && defs.every((d) => d.part === first.part && d.def.type === first.def.type);
  const intervals = defs.flatMap((d) => (d.scrapeIntervalMs === undefined ? [] : [d.scrapeIntervalMs]));
  const { scrapeIntervalMs: _, buckets: __, ...rest } = first;
  return {
    ...rest,
    labels,
    guaranteed,
    values,
    ...(families.length ? { labelFamilies: families } : {}),
    ...(buckets ? { buckets } : {}),
    ...(agree
      ? {}
      : { behavesAs: 'unknown' as const, part: 'value' as const, def: { ...first.def, type: 'unknown' as const } }),
    ...(intervals.length ? { scrapeIntervalMs: Math.max(...intervals) } : {}),
  };
}

export function indexRegistries(registries: readonly RegistryData[]): RegistryIndex {
  const defsBySeries = new Map<string, SeriesInfo[]>();
  for (const r of registries) {
    for (const s of seriesInfos(r)) {
      const defs = defsBySeries.get(s.series);
      if (defs) defs.push(s);
      else defsBySeries.set(s.series, [s]);
    }
  }
  const bySeries = new Map<string, SeriesInfo>();
  for (const [series, defs] of defsBySeries) bySeries.set(series, mergedInfo(defs));
  const byJob = new Map<string, SeriesInfo | null>();
  const forJob = (series: string, job: string): SeriesInfo | undefined => {
    const key = `${job}\u0000${series}`;
    let r = byJob.get(key);
    if (r === undefined) {
      const jobs = jobsOf(job);
      const defs = (defsBySeries.get(series) ?? [])
        .filter((d) => jobs.some((j) => d.registry.jobs?.includes(j)))
        .map((d): SeriesInfo => {
          const { scrapeIntervalMs: _, ...rest } = d;
          // Several jobs: the window must suit the slowest of those this registry serves.
          const own = Math.max(
            ...jobs.filter((j) => d.registry.jobs?.includes(j)).map((j) => jobIntervalMs(d.registry, j) ?? -1),
          );
          return own >= 0 ? { ...rest, scrapeIntervalMs: own } : rest;
        });
      byJob.set(key, (r = defs.length ? mergedInfo(defs) : null));
    }
    return r ?? bySeries.get(series);
  };
  let sorted: string[] | undefined;
  let suggest: ((series: string) => string[]) | undefined;
  return {
    registries,
    lookup: (s, job) => (job === undefined ? bySeries.get(s) : forJob(s, job)),
    has: (s) => bySeries.has(s),
    suggest: (s) => (suggest ??= suggester(bySeries.keys()))(s),
    names: () => (sorted ??= [...bySeries.keys()].sort()),
  };
}

/**
 * The bucket bounds registries declare for a classic histogram (by its base name), for `job` as a
 * selector naming it sees them: the lookup of its `_bucket` series (see `mergedInfo`).
 */
export function bucketBounds(
  registries: readonly RegistryData[],
): (histogram: string, job?: string) => readonly number[] | undefined {
  const index = indexRegistries(registries);
  return (histogram, job) => index.lookup(`${histogram}_bucket`, job)?.buckets;
}
