/**
 * cAdvisor writes one `container_label_<k>` label per Docker label, kube-state-metrics one `label_<k>`
 * per Kubernetes label: names that are data. A registry declares them as families; their members
 * are known labels, any other label is still checked, and label flows take the series as open.
 */
import { describe, expect, it } from 'vitest';
import { alert, counter, gauge, registry, ruleGroup } from '../../dsl/index.ts';
import unknownLabel from '../../dsl/lint/checks/registry/unknown-label.ts';
import groupingLabels from '../../dsl/lint/checks/promql/grouping-labels.ts';
import { expectInvalid, expectValid } from '../helpers/check-tester.ts';

const cadvisor = registry({ name: 'cadvisor', metrics: {
  container_cpu_usage_seconds_total: counter({ labels: ['id', 'name', 'image', 'cpu'], labelFamilies: ['container_label_*', 'container_env_*'] }),
  container_memory_working_set_bytes: gauge({ labels: ['id', 'name', 'image'] }),
} });

describe('label families', () => {
  it('accept any member, and flows keep it', () => {
    expect(cadvisor.metrics.container_cpu_usage_seconds_total.labelFamilies).toEqual(['container_label_', 'container_env_']);
    const modules = [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'sum by (container_label_com_docker_compose_service) (rate(container_cpu_usage_seconds_total{container_label_com_docker_compose_service="api"}[5m])) > 1' }),
    ] })];
    expectValid(unknownLabel, { registries: [cadvisor], modules });
    expectValid(groupingLabels, { registries: [cadvisor], modules });
  });

  it('still report a label outside the declared labels and families, and on metrics without families', () => {
    expectInvalid(unknownLabel, { registries: [cadvisor], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(container_cpu_usage_seconds_total{nmae="web"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'container_memory_working_set_bytes{container_label_app="x"} > 1' }),
    ] })] }, ['container_cpu_usage_seconds_total has no label "nmae"', 'container_memory_working_set_bytes has no label "container_label_app"']);
  });
});
