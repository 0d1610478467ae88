/**
 * The merged view checks use: every series name of every registry (histograms and summaries
 * expanded into their implied series), looked up by the name a selector uses.
 */
import { parseDuration } from '../core/duration.ts';
import { suggester } from './edit-distance.ts';
import type { MetricDef, MetricType, RegistryData, SeriesInfo, SeriesPart } from './types.ts';

export interface RegistryIndex {
  readonly registries: readonly RegistryData[];
  lookup(series: string): SeriesInfo | undefined;
  has(series: string): boolean;
  /** Known series names closest to a misspelt one. */
  suggest(series: string): string[];
  /** Every known series name, sorted. */
  names(): readonly string[];
}

function partsOf(metric: string, def: MetricDef): [string, SeriesPart][] {
  switch (def.type) {
    case 'histogram': return [
      ...(def.native ? [[metric, 'value'] as [string, SeriesPart]] : []),
      [`${metric}_bucket`, 'bucket'], [`${metric}_sum`, 'sum'], [`${metric}_count`, 'count'],
    ];
    case 'summary': return [[metric, 'quantile'], [`${metric}_sum`, 'sum'], [`${metric}_count`, 'count']];
    default: return [[metric, 'value']];
  }
}

function behavesAs(type: MetricType, part: SeriesPart): MetricType {
  if (part === 'bucket' || part === 'sum' || part === 'count') return 'counter';
  if (part === 'quantile') return 'gauge';
  return type;
}

export function seriesInfos(reg: RegistryData): SeriesInfo[] {
  const interval = reg.scrapeInterval !== undefined ? parseDuration(reg.scrapeInterval) : undefined;
  const out: SeriesInfo[] = [];
  for (const [metric, def] of Object.entries(reg.metrics)) {
    for (const [series, part] of partsOf(metric, def)) {
      const extra = part === 'bucket' ? ['le'] : part === 'quantile' ? ['quantile'] : [];
      out.push({
        series, metric, def, part, behavesAs: behavesAs(def.type, part), registry: reg,
        labels: [...new Set([...reg.targetLabels, ...def.labels, ...extra])].sort(),
        guaranteed: [...new Set([...reg.targetLabels, ...extra])].sort(),
        values: def.values,
        ...(interval?.ok ? { scrapeIntervalMs: interval.ms } : {}),
      });
    }
  }
  return out;
}

/** Later registries do not replace a series an earlier one defines; the first definition wins. */
export function indexRegistries(registries: readonly RegistryData[]): RegistryIndex {
  const bySeries = new Map<string, SeriesInfo>();
  for (const r of registries) for (const s of seriesInfos(r)) if (!bySeries.has(s.series)) bySeries.set(s.series, s);
  let sorted: string[] | undefined;
  let suggest: ((series: string) => string[]) | undefined;
  return {
    registries,
    lookup: (s) => bySeries.get(s),
    has: (s) => bySeries.has(s),
    suggest: (s) => (suggest ??= suggester(bySeries.keys()))(s),
    names: () => (sorted ??= [...bySeries.keys()].sort()),
  };
}
