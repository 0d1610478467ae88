import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/alerts/template-labels.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('alerts/template-labels', () => {
  it('accepts labels the result keeps: selectors, by labels, joins, label_replace, absent matchers, recorded labels', () => {
    expectValid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:errors:rate5m', expr: 'sum by (job, code) (rate(http_requests_total[5m]))' }),
      alert({ name: 'A', expr: 'up == 0', annotations: { summary: '{{ $labels.job }}/{{ $labels.instance }} is down' } }),
      alert({ name: 'B', expr: 'sum by (job) (rate(http_requests_total[5m])) > 1', annotations: { summary: '{{ $labels.job }}' } }),
      alert({ name: 'C', expr: 'label_replace(queue_depth, "team", "$1", "queue", "(.*)-.*") > 1', annotations: { summary: '{{ $labels.team }} {{ $labels.queue }}' } }),
      alert({ name: 'D', expr: 'absent(up{job="api", instance=~"a.*"})', labels: { job: '{{ $labels.job }}' } }),
      alert({ name: 'E', expr: 'queue_depth * on(instance) group_left(version) build_info > 1', annotations: { summary: '{{ $labels.version }} {{ $labels.queue }}' } }),
      alert({ name: 'F', expr: 'job:errors:rate5m{code="500"} > 1', annotations: { summary: '{{ $labels.code }} on {{ .Labels.job }}' } }),
      alert({ name: 'G', expr: 'some_unregistered_metric > 1', annotations: { summary: '{{ $labels.whatever }}' } }),
    ] })] });
  });

  it('reports labels the result can never carry', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'sum(rate(http_requests_total[5m])) > 1', annotations: { summary: '{{ $labels.job }} is failing' } }),
      alert({ name: 'B', expr: 'sum by (job) (rate(http_requests_total[5m])) > 1', labels: { instance: '{{ $labels.instance }}' } }),
      alert({ name: 'C', expr: 'absent(up{job=~"api.*"})', annotations: { summary: '{{ $labels.job }} is gone' } }),
      alert({ name: 'D', expr: 'queue_depth > 100', annotations: { summary: '{{ $labels.queu }}' } }),
      alert({ name: 'E', expr: 'histogram_quantile(0.9, sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m]))) > 1', annotations: { summary: '{{ $labels.le }}' } }),
    ] })] }, [
      { messageId: 'label', message: 'annotation "summary" of alert "A" uses $labels.job', line: 23, column: 102, text: '$labels' },
      { messageId: 'label', message: 'label "instance" of alert "B" uses $labels.instance', line: 24, column: 108, text: '$labels' },
      { messageId: 'label', message: 'annotation "summary" of alert "C" uses $labels.job', line: 25, column: 88, text: '$labels' },
      { messageId: 'label', message: 'annotation "summary" of alert "D" uses $labels.queu', line: 26, column: 81, text: '$labels' },
      { messageId: 'label', message: 'annotation "summary" of alert "E" uses $labels.le', line: 27, column: 162, text: '$labels' },
    ]);
    expect(ds.find((d) => d.message.includes('"B"'))?.hint).toBe('the result only has job; keep instance, e.g. sum by (job, instance) (...)');
    expect(ds[0]?.location?.file).toBe('test/lint/checks/alerts/template-labels.test.ts');
  });
});
