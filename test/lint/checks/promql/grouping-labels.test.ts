import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/grouping-labels.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('promql/grouping-labels', () => {
  it('accepts grouping by labels the input has, and inputs of unknown labels', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:requests:rate5m', expr: 'sum by (job, code) (rate(http_requests_total[5m]))' }),
      record({ name: 'a', expr: 'sum by (job) (job:requests:rate5m) / on(job) group_left sum by (job) (rate(http_requests_total[5m]))' }),
      record({ name: 'b', expr: 'queue_depth * on(instance) group_left(version) build_info' }),
      record({ name: 'c', expr: 'sum by (cluster, anything) (unregistered_metric) + ignoring(x) sum without (y) (unregistered_metric)' }),
      alert({ name: 'D', expr: 'sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m])) > 1' }),
    ] })] });
  });

  it('reports by/on/group_left labels the input cannot have, and warns on useless without/ignoring', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'sum by (instnace) (rate(http_requests_total[5m]))' }),
      record({ name: 'b', expr: 'sum by (cluster) (sum(unregistered_metric))' }),
      record({ name: 'c', expr: 'queue_depth / on(team) queue_depth' }),
      record({ name: 'd', expr: 'queue_depth * on(instance) group_left(versoin) build_info' }),
      record({ name: 'e', expr: 'sum without (cluster) (queue_depth)' }),
    ] })] }, [
      { messageId: 'grouping', message: 'sum by (instnace): the input never has a "instnace" label', line: 20, column: 38, endColumn: 51, text: 'by (instnace)' },
      { messageId: 'grouping', message: 'sum by (cluster): the input never has a "cluster" label', line: 21, column: 38, endColumn: 50, text: 'by (cluster)' },
      { messageId: 'matching', message: '/ on (team): neither side ever has a "team" label', line: 22, column: 46, endColumn: 47, text: '/' },
      { messageId: 'include', message: 'group_left (versoin): the right side never has a "versoin" label to copy', line: 23, column: 46, endColumn: 47, text: '*' },
      { messageId: 'grouping', message: 'sum without (cluster): the input never has a "cluster" label', line: 24, column: 38, endColumn: 55, text: 'without (cluster)' },
    ]);
    expect(ds.find((d) => d.message.includes('instnace'))?.hint).toBe('did you mean "instance"?');
    expect(ds.find((d) => d.message.includes('without'))?.severity).toBe('warning');
  });
});
