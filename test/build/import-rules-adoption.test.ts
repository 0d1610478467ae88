/**
 * `obs import rules` gives a project that builds on day one: a PrometheusRule manifest is written
 * back as the same object (metadata included), and what obs finds wrong in a file that was already
 * in production is suppressed where it is, with a reason naming the file, and listed by the build.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

// In the shape of kube-prometheus's manifests/nodeExporter-prometheusRule.yaml (a rule cut down),
// as `kubectl get -o yaml` returns it (server-set fields and the last-applied annotation).
const MANIFEST = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"monitoring.coreos.com/v1"}'
    team.example.com/owner: platform
  creationTimestamp: "2024-01-01T00:00:00Z"
  generation: 3
  labels:
    app.kubernetes.io/component: exporter
    app.kubernetes.io/name: node-exporter
    app.kubernetes.io/part-of: kube-prometheus
    prometheus: k8s
    role: alert-rules
  name: node-exporter-rules
  namespace: monitoring
  resourceVersion: "12345"
  uid: 0b7f2d0e-4c1a-4a59-9a57-0d6b1d1c9f00
spec:
  groups:
  - name: node-exporter
    rules:
    - alert: NodeFilesystemAlmostOutOfSpace
      annotations:
        description: Filesystem on {{ $labels.device }}, mounted on {{ $labels.mountpoint }}, at {{ $labels.instance }} has only {{ printf "%.2f" $value }}% available space left.
        summary: Filesystem has less than 5% space left.
      expr: |
        (
          node_filesystem_avail_bytes{job="node-exporter",fstype!="",mountpoint!=""} / node_filesystem_size_bytes{job="node-exporter",fstype!="",mountpoint!=""} * 100 < 5
        and
          node_filesystem_readonly{job="node-exporter",fstype!="",mountpoint!=""} == 0
        )
      for: 30m
      labels:
        severity: warning
`;

// In the shape of a mixin's rule file (a template naming a label the aggregation drops, the kind
// the public mixins have by the hundred, and a join one side of which always has a label the other
// lacks), with one sound rule that must stay untouched.
const MIXIN = `groups:
  - name: api.alerts
    rules:
      - alert: ApiErrorRatio
        expr: sum by (job) (rate(http_requests_total{job="api",code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.1
        labels: { severity: page }
        annotations: { summary: "errors on {{ $labels.pod }}" }
      - alert: ApiDown
        expr: up{job="api"} == 0
        labels: { severity: page }
        annotations: { summary: "api down on {{ $labels.instance }}" }
`;

const KUBE_OBJECT = (yaml: string): unknown => {
  const o = parse(yaml) as { metadata: Record<string, unknown>; spec: { groups: { rules: { expr: string }[] }[] } };
  const { name, namespace, labels, annotations } = o.metadata;
  const kept = { ...(annotations as Record<string, string>) };
  delete kept['kubectl.kubernetes.io/last-applied-configuration'];
  return {
    apiVersion: (o as { apiVersion?: string }).apiVersion, kind: (o as { kind?: string }).kind,
    metadata: { name, namespace, labels, annotations: kept },
    groups: o.spec.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: r.expr.replace(/\n+$/, '') })) })),
  };
};

let fixture: FixtureProject | undefined;
afterEach(() => fixture?.cleanup());

describe('obs import rules for adoption', () => {
  it('writes a PrometheusRule manifest back as the same object: name, namespace, labels, annotations', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-', config: "export default { rules: { outputs: ['prometheus-operator'] } };\n" });
    fixture.write('k8s/nodeExporter-prometheusRule.yaml', MANIFEST);
    const run = await fixture.run(['import', 'rules', 'k8s/nodeExporter-prometheusRule.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('PrometheusRule monitoring/node-exporter-rules');
    expect(run.stdout).toContain('note: metadata fields the API server sets were left out: uid, resourceVersion, generation, creationTimestamp');
    const module = fixture.read('alerts/nodeexporter-prometheusrule.ts');
    expect(module).toContain("export const manifest = prometheusRule({\n  name: 'node-exporter-rules',\n  namespace: 'monitoring',\n");
    const build = await fixture.run(['build']);
    expect(build.code, build.stderr).toBe(0);
    const built = fixture.read('out/prometheus-operator/alerts-nodeexporter-prometheusrule.yaml');
    expect(KUBE_OBJECT(built)).toEqual(KUBE_OBJECT(MANIFEST));
  });

  it('suppresses the problems the file already had on their rules, says where from, and the build lists them', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-' });
    fixture.write('mixin/api.yml', MIXIN);
    // Without the import's suppressions the module would not build: obs lint on the file fails.
    const lint = await fixture.run(['lint', 'mixin/api.yml']);
    expect(lint.code).toBe(1);
    expect(lint.stdout + lint.stderr).toMatch(/alerts\/template-labels[\s\S]*promql\/impossible-join|promql\/impossible-join[\s\S]*alerts\/template-labels/);
    const run = await fixture.run(['import', 'rules', 'mixin/api.yml']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: 1 problem(s) of alerts/template-labels were in the file already');
    expect(run.stdout).toContain('note: 1 problem(s) of promql/impossible-join were in the file already');
    const module = fixture.read('alerts/api.ts');
    const reason = 'present in the imported file mixin/api.yml: fix it, then remove this line';
    expect(module).toContain(`      suppress: [\n        { check: 'alerts/template-labels', reason: '${reason}' },\n        { check: 'promql/impossible-join', reason: '${reason}' },\n      ],\n    }),\n    alert({\n      name: 'ApiDown',`);
    // The sound rule gets none.
    expect(module.split('suppress:').length).toBe(2);
    const build = await fixture.run(['build']);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout + build.stderr).toMatch(/suppressed alerts\/template-labels at alerts\/api\.ts:\d+: present in the imported file mixin\/api\.yml/);
    expect(build.stdout + build.stderr).toMatch(/suppressed promql\/impossible-join at alerts\/api\.ts:\d+: present in the imported file mixin\/api\.yml/);
  });

  it("applies the project's policy: what it requires and the file lacks is a to-do item too", async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-', config: "export default { policy: { requiredAnnotations: ['runbook_url'] } };\n" });
    fixture.write('api.yml', 'groups:\n  - name: g\n    rules:\n      - alert: ApiDown\n        expr: up{job="api"} == 0\n');
    expect((await fixture.run(['import', 'rules', 'api.yml'])).code).toBe(0);
    expect(fixture.read('alerts/api.ts')).toMatch(/suppress: \[\n\s+\{ check: 'rules\/policy', reason: 'present in the imported file api\.yml/);
    const build = await fixture.run(['build']);
    expect(build.code, build.stderr).toBe(0);
  });

  it('keeps every object of a multi-object file: several documents, or a kind: List, one manifest each', async () => {
    // In the shape of kube-prometheus's manifests (kubernetesControlPlane-prometheusRule.yaml and
    // kubeStateMetrics-prometheusRule.yaml) concatenated into one file, as a kustomize build or a
    // Helm chart's rendered output gives them: two objects of their own metadata.
    const second = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  labels:
    app.kubernetes.io/name: kube-state-metrics
    prometheus: k8s
    role: alert-rules
  name: kube-state-metrics-rules
  namespace: observability
spec:
  groups:
  - name: kube-state-metrics
    rules:
    - alert: KubeStateMetricsListErrors
      expr: |
        (sum(rate(kube_state_metrics_list_total{job="kube-state-metrics",result="error"}[5m])) by (cluster)
          /
        sum(rate(kube_state_metrics_list_total{job="kube-state-metrics"}[5m])) by (cluster))
        > 0.01
      for: 15m
      labels:
        severity: critical
  - name: kube-state-metrics.rules
    rules:
    - record: cluster:kube_state_metrics_list:rate5m
      expr: sum by (cluster) (rate(kube_state_metrics_list_total[5m]))
`;
    const docs = `${MANIFEST}---\n${second}`;
    // kubectl get prometheusrules -o yaml: a List of the same objects.
    const list = `apiVersion: v1\nkind: List\nitems:\n${[MANIFEST, second].map((m) => `- ${m.trimEnd().split('\n').join('\n  ')}\n`).join('')}`;
    for (const [file, text] of [['k8s/rules.yaml', docs], ['k8s/list.yaml', list]] as const) {
      fixture = createFixtureProject({ prefix: 'obs-import-' });
      fixture.write(file, text);
      const run = await fixture.run(['import', 'rules', file]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('2 PrometheusRule objects');
      expect(run.stdout).not.toContain('written as the first');
      const stem = file === 'k8s/rules.yaml' ? 'rules' : 'list';
      const module = fixture.read(`alerts/${stem}.ts`);
      expect(module).toMatch(/export const manifest1 = prometheusRule\(\{\n  name: 'node-exporter-rules',[\s\S]*  groups: \[nodeExporter\],\n\}\);/);
      expect(module).toMatch(/export const manifest2 = prometheusRule\(\{\n  name: 'kube-state-metrics-rules',\n  namespace: 'observability',[\s\S]*  groups: \[kubeStateMetrics, kubeStateMetricsRules\],\n\}\);/);
      const build = await fixture.run(['build']);
      expect(build.code, build.stderr).toBe(0);
      // One manifest per object, each the object of the file: metadata and its own groups.
      expect(KUBE_OBJECT(fixture.read(`out/prometheus-operator/alerts-${stem}.node-exporter-rules.yaml`))).toEqual(KUBE_OBJECT(MANIFEST));
      expect(KUBE_OBJECT(fixture.read(`out/prometheus-operator/alerts-${stem}.kube-state-metrics-rules.yaml`))).toEqual(KUBE_OBJECT(second));
      // The plain rule file still holds every group, in the file's order.
      const plain = parse(fixture.read(`out/rules/alerts/${stem}.yml`)) as { groups: { name: string }[] };
      expect(plain.groups.map((g) => g.name)).toEqual(['node-exporter', 'kube-state-metrics', 'kube-state-metrics.rules']);
      // obs lint reads the List's rules as the documents' ones.
      const lint = await fixture.run(['lint', file, '--format', 'json']);
      expect((JSON.parse(lint.stdout) as { summary: { files: number } }).summary.files).toBe(1);
      fixture.cleanup();
    }
  });

  it('a module of several objects says which object a group is in, once', async () => {
    fixture = createFixtureProject({
      prefix: 'obs-import-',
      files: {
        'alerts/two.ts': `import { alert, prometheusRule, ruleGroup } from '../dsl/index.ts';
export const a = ruleGroup({ name: 'a', rules: [alert({ name: 'A', expr: 'up == 0' })] });
export const b = ruleGroup({ name: 'b', rules: [alert({ name: 'B', expr: 'up == 0' })] });
export const one = prometheusRule({ name: 'one', groups: [a] }); // ONE
export const two = prometheusRule({ name: 'two', groups: [a] }); // TWO
`,
      },
    });
    const build = await fixture.run(['build']);
    expect(build.code).toBe(1);
    const text = build.stdout + build.stderr;
    expect(text).toContain(`alerts/two.ts:${fixture.lineOf('alerts/two.ts', '// TWO')}:`);
    expect(text).toContain('group "a" is in two prometheusRule objects (one, two)');
    expect(text).toContain('group "b" is in none of the module\'s prometheusRule objects');
  });
});
