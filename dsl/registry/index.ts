export { counter, gauge, histogram, summary, info, stateset, untyped } from './factories.ts';
export { registry, isRegistry, DEFAULT_TARGET_LABELS, type Registry } from './registry.ts';
export {
  selectorText,
  type MatcherValue,
  type Matchers,
  type SelectorText,
  type SeriesMap,
  type SeriesName,
} from './select.ts';
export { bucketBounds, indexRegistries, seriesInfos, type RegistryIndex } from './lookup.ts';
export { closest, didYouMean, editDistance, suggester } from './edit-distance.ts';
export type * from './types.ts';
