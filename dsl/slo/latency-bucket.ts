/**
 * A classic-histogram latency SLI counts requests at or under its threshold with the `le` bucket of
 * exactly that bound. A threshold between two bounds selects no bucket series at all, and the SLI
 * silently has no data, so when the bounds are known the threshold must be one of them.
 *
 * The bounds come from a lookup the caller provides: the buckets the metric registries declare
 * (`histogram({ buckets })`). Without a lookup, or for a histogram it does not know, nothing is checked.
 */
import { formatNumber } from '../promql/template.ts';
import type { ResolvedSlo } from './resolve.ts';

/** The bucket upper bounds (`le`, without +Inf) of a classic histogram by base name, when known. */
export type BucketLookup = (histogram: string, job?: string) => readonly number[] | undefined;

/** Why the SLO's latency threshold is not a bucket bound of its histogram, or undefined. */
export function latencyBucketProblem(r: ResolvedSlo, buckets: BucketLookup | undefined): string | undefined {
  const h = r.sli.histogram;
  if (!h || h.native || !buckets) return undefined;
  const bounds = buckets(h.metric, h.job);
  if (!bounds || bounds.includes(h.threshold)) return undefined;
  const below = bounds.filter((b) => b < h.threshold).at(-1);
  const above = bounds.find((b) => b > h.threshold);
  const near = [below, above].filter((b): b is number => b !== undefined).map((b) => formatNumber(b));
  return (
    `sli.latency.threshold ${formatNumber(h.threshold)} is not a bucket bound of ${h.metric} (${bounds.map(formatNumber).join(', ')}): ` +
    `no ${h.metric}_bucket series has le="${formatNumber(h.threshold)}"${near.length ? `; the nearest bounds are ${near.join(' and ')}` : ''}`
  );
}
