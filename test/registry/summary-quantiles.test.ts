/** A Python `Summary` exposes only `_sum` and `_count`: `quantiles: false` says so, and checks believe it. */
import { expect, it } from 'vitest';
import { alert, registry, ruleGroup, summary } from '../../dsl/index.ts';
import { indexRegistries } from '../../dsl/registry/index.ts';
import unknownMetric from '../../dsl/lint/checks/registry/unknown-metric.ts';
import { expectInvalid, expectValid } from '../helpers/check-tester.ts';

const app = registry({ name: 'app', metrics: {
  task_seconds: summary({ labels: ['task'], quantiles: false }),
  rpc_seconds: summary({ labels: ['method'] }),
} });

it('a summary without quantiles has only its _sum and _count series', () => {
  const idx = indexRegistries([app]);
  expect(['task_seconds', 'task_seconds_sum', 'task_seconds_count', 'rpc_seconds'].map((s) => idx.has(s))).toEqual([false, true, true, true]);
  expectValid(unknownMetric, { registries: [app], modules: [ruleGroup({ name: 'g', rules: [
    alert({ name: 'A', expr: 'rate(task_seconds_sum[5m]) / rate(task_seconds_count[5m]) > 1 or rpc_seconds{quantile="0.99"} > 1' }),
  ] })] });
  expectInvalid(unknownMetric, { registries: [app], modules: [ruleGroup({ name: 'g', rules: [
    alert({ name: 'A', expr: 'task_seconds{quantile="0.95"} > 1' }),
  ] })] }, ['unknown metric "task_seconds"']);
});
