/** SLOs: `slo({...})` and its expansion into rules, tests and dashboards. */
export { slo, isSlo } from './slo.ts';
export { expandSlo, sloSubject, type ExpandOptions, type SloExpansion } from './expand.ts';
export { latencyBucketProblem, type BucketLookup } from './latency-bucket.ts';
export { resolveSlo, type ResolvedSlo, type SloAlert } from './resolve.ts';
export { burnTiers, alertWindows, MIN_PERIOD_DAYS, FACTOR_PLACES, type BurnTier } from './windows.ts';
export { sloNames, RESERVED_LABELS, type SloNames } from './naming.ts';
export { serviceDashboard, sloDashboard } from './dashboard.ts';
export type * from './types.ts';
