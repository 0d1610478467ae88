/** The checks that need to know what expressions mean: registry, label flow and rule-quality checks. */
import type { Check } from '../check.ts';
import absentWithoutFor from './alerts/absent-without-for.ts';
import comparison from './alerts/comparison.ts';
import rawCounter from './alerts/raw-counter.ts';
import templateLabels from './alerts/template-labels.ts';
import topk from './alerts/topk.ts';
import groupingLabels from './promql/grouping-labels.ts';
import histogramQuantile from './promql/histogram-quantile.ts';
import impossibleJoin from './promql/impossible-join.ts';
import nanDivision from './promql/nan-division.ts';
import regexEquality from './promql/regex-equality.ts';
import gaugeFunctionOnCounter from './registry/gauge-function-on-counter.ts';
import labelValue from './registry/label-value.ts';
import histogramBucket from './registry/histogram-bucket.ts';
import quantileBeyondBuckets from './registry/quantile-beyond-buckets.ts';
import rangeWindow from './registry/range-window.ts';
import rateOnNonCounter from './registry/rate-on-non-counter.ts';
import unknownLabel from './registry/unknown-label.ts';
import unknownMetric from './registry/unknown-metric.ts';

export const SEMANTIC_CHECKS: readonly Check[] = [
  unknownMetric,
  unknownLabel,
  labelValue,
  histogramBucket,
  quantileBeyondBuckets,
  rateOnNonCounter,
  gaugeFunctionOnCounter,
  rangeWindow,
  histogramQuantile,
  groupingLabels,
  impossibleJoin,
  regexEquality,
  nanDivision,
  rawCounter,
  absentWithoutFor,
  comparison,
  topk,
  templateLabels,
];
