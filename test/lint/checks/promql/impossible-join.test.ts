import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/impossible-join.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('promql/impossible-join', () => {
  it('accepts joins whose sides can match', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))' }),
      record({ name: 'b', expr: 'queue_depth / on(instance) group_left sum by (instance) (queue_depth)' }),
      record({ name: 'c', expr: 'up == 0 unless on(job) absent(up{job="api"}) or vector(0)' }),
      record({ name: 'd', expr: 'unregistered_a / unregistered_b' }),
      alert({ name: 'E', expr: 'queue_depth > 10 and on() sum(queue_depth) > 100' }),
    ] })] });
  });

  it('reports joins where one side always has a label the other never has', () => {
    expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'queue_depth / sum(queue_depth)' }),
      record({ name: 'b', expr: 'sum by (job) (queue_depth) / on(instance) sum by (instance) (queue_depth)' }),
      alert({ name: 'C', expr: 'up{job="api"} == 0 unless sum(up)' }),
      alert({ name: 'D', expr: 'sum by (job) (queue_depth) > 1 and sum by (queue) (queue_depth)' }),
      // Without a registry, only what matchers and aggregations prove counts: x may lack job.
      alert({ name: 'E', expr: 'sum by (job) (x) > 1 and sum by (cluster) (y)' }),
    ] })] }, [
      { messageId: 'impossible', message: '"/" never matches a pair and is always empty: the left side always has a "instance" label', line: 20, column: 46, endColumn: 47, text: '/' },
      { messageId: 'impossible', message: '"/" never matches a pair and is always empty: the right side always has a "instance" label', line: 21, column: 61, endColumn: 62, text: '/' },
      { messageId: 'impossible', message: '"unless" removes nothing: the left side always has a "job" label', line: 22, column: 52, endColumn: 58, text: 'unless' },
      { messageId: 'impossible', message: '"and" is always empty: the left side always has a "job" label', line: 23, column: 64, endColumn: 67, text: 'and' },
    ]);
  });
});
