/**
 * The semantic diff on real git repositories: a base commit of out/, then changes in the working
 * tree, compared with `git ls-tree`/`cat-file` (never a checkout) as `obs diff` does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffArtifacts, readGitTree, readWorkTree, type EntityChange, type SemanticDiff } from '../../dsl/diff/index.ts';
import { createGitFixture, type GitFixture } from './git-fixture.ts';
import { dashboardJson, ruleFile, type RuleSpec } from './fixtures.ts';
import { join } from 'node:path';

let repo: GitFixture | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function diffOf(base: Record<string, string>, head: Record<string, string | null>): SemanticDiff {
  repo?.cleanup();
  repo = createGitFixture();
  repo.write(Object.fromEntries(Object.entries(base).map(([p, c]) => [`out/${p}`, c])));
  repo.commit('base');
  repo.write(Object.fromEntries(Object.entries(head).map(([p, c]) => [`out/${p}`, c])));
  return diffArtifacts(readGitTree(repo.root, 'HEAD', 'out'), readWorkTree(join(repo.root, 'out')), { base: 'HEAD', head: 'working tree' });
}

const ERRORS: RuleSpec = {
  alert: 'ApiHighErrorRate',
  expr: 'sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m])) > 0.05',
  for: '10m',
  labels: { severity: 'page', team: 'web' },
  annotations: { summary: 'errors at {{ $value }}' },
};
const DOWN: RuleSpec = { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '2m', labels: { severity: 'page' }, annotations: { summary: 'down' } };
const RATE: RuleSpec = { record: 'job:requests:rate5m', expr: 'sum by (job) (rate(requests_total[5m]))' };

const fields = (c: EntityChange | undefined): string[] => (c?.fields ?? []).map((f) => f.field);
const find = (cs: readonly EntityChange[], name: string): EntityChange | undefined => cs.find((c) => c.name === name);

describe('obs diff engine: rules', () => {
  it('reports nothing for identical trees and for whitespace-only expression changes', () => {
    const base = { 'rules/alerts/api.yml': ruleFile([{ name: 'api', rules: [ERRORS, DOWN] }]) };
    const reflowed = { ...ERRORS, expr: 'sum by (job) (\n  rate(errors_total[5m])\n)\n/ sum by (job) (rate(requests_total[5m]))\n> 0.05' };
    const d = diffOf(base, { 'rules/alerts/api.yml': ruleFile([{ name: 'api', rules: [reflowed, DOWN] }]) });
    expect(d.changes).toEqual([]);
    expect(d.summary.impact).toEqual({ identity: 0, behaviour: 0, presentation: 0 });
  });

  it('names changed fields: threshold, for, labels, annotations, with impact classes', () => {
    const base = { 'rules/alerts/api.yml': ruleFile([{ name: 'api', rules: [ERRORS, DOWN] }]) };
    const changed = { ...ERRORS, expr: ERRORS.expr.replace('0.05', '0.1'), for: '5m', labels: { severity: 'ticket', team: 'web' }, annotations: { summary: 'error ratio {{ $value }}' } };
    const d = diffOf(base, { 'rules/alerts/api.yml': ruleFile([{ name: 'api', rules: [changed, DOWN] }]) });
    expect(d.changes).toHaveLength(1);
    const group = d.changes[0] as EntityChange;
    expect(group).toMatchObject({ entity: 'rule-group', change: 'changed', name: 'api', file: 'rules/alerts/api.yml', impact: 'behaviour' });
    const rule = find(group.children, 'ApiHighErrorRate');
    expect(rule).toMatchObject({ entity: 'alert', change: 'changed', impact: 'behaviour' });
    expect(fields(rule)).toEqual(['expr', 'for', 'labels.severity', 'annotations.summary']);
    expect(rule?.fields[0]).toMatchObject({ note: 'threshold > 0.05 → > 0.1', impact: 'behaviour' });
    expect(rule?.fields[1]).toMatchObject({ before: '10m', after: '5m', impact: 'behaviour' });
    expect(rule?.fields[3]?.impact).toBe('presentation');
    expect(d.summary.counts.alert).toEqual({ changed: 1 });
    expect(d.summary.impact).toEqual({ identity: 0, behaviour: 1, presentation: 0 });
  });

  it('treats equal durations as equal (5m = 300s) and names keep_firing_for', () => {
    const base = { 'rules/a.yml': ruleFile([{ name: 'g', interval: '1m', rules: [DOWN] }]) };
    const d = diffOf(base, { 'rules/a.yml': ruleFile([{ name: 'g', interval: '60s', rules: [{ ...DOWN, for: '120s' }] }]) });
    expect(d.changes).toEqual([]);
  });

  it('reports rules added, removed and renamed, and group interval changes', () => {
    const base = { 'rules/a.yml': ruleFile([{ name: 'g', interval: '30s', rules: [ERRORS, DOWN, RATE] }]) };
    const head = ruleFile([{ name: 'g', interval: '1m', rules: [ERRORS, { ...DOWN, alert: 'ApiInstanceDown' }, { record: 'job:errors:rate5m', expr: 'sum by (job) (rate(errors_total[5m]))' }] }]);
    const d = diffOf(base, { 'rules/a.yml': head });
    const g = d.changes[0] as EntityChange;
    expect(g.fields).toEqual([{ field: 'interval', before: '30s', after: '1m', impact: 'behaviour' }]);
    expect(g.children.map((c) => [c.entity, c.change, c.name, c.from ?? '', c.impact])).toEqual([
      ['alert', 'renamed', 'ApiInstanceDown', 'ApiDown', 'identity'],
      ['record', 'removed', 'job:requests:rate5m', '', 'identity'],
      ['record', 'added', 'job:errors:rate5m', '', 'behaviour'],
    ]);
  });

  it('keys repeated alert names by their labels', () => {
    const warn = { ...DOWN, labels: { severity: 'ticket' }, for: '1m' };
    const base = { 'rules/a.yml': ruleFile([{ name: 'g', rules: [DOWN, warn] }]) };
    const d = diffOf(base, { 'rules/a.yml': ruleFile([{ name: 'g', rules: [warn, { ...DOWN, for: '3m' }] }]) });
    const rules = (d.changes[0] as EntityChange).children;
    expect(rules).toHaveLength(1);
    expect(rules[0]?.fields).toEqual([{ field: 'for', before: '2m', after: '3m', impact: 'behaviour' }]);
  });

  it('reports groups added and removed with their rules, and a group moved to another file', () => {
    const base = { 'rules/a.yml': ruleFile([{ name: 'g1', rules: [DOWN] }, { name: 'g2', rules: [RATE] }]) };
    const d = diffOf(base, { 'rules/a.yml': ruleFile([{ name: 'g1', rules: [DOWN] }, { name: 'g3', rules: [ERRORS] }]), 'rules/b.yml': null });
    expect(d.changes.map((c) => [c.change, c.name, c.children.length])).toEqual([['removed', 'g2', 1], ['added', 'g3', 1]]);
    const moved = diffOf(base, { 'rules/a.yml': ruleFile([{ name: 'g1', rules: [DOWN] }]), 'rules/b.yml': ruleFile([{ name: 'g2', rules: [RATE] }]) });
    expect(moved.changes.map((c) => [c.change, c.name, c.file, c.from, c.impact])).toEqual([['moved', 'g2', 'rules/b.yml', 'rules/a.yml', 'presentation']]);
  });

  it('diffs one rule flavour only, and other files as whole files', () => {
    const file = ruleFile([{ name: 'g', rules: [DOWN] }]);
    const base = { 'rules/a.yml': file, 'mimir/a.yaml': `namespace: a\n${file.split('\n').slice(1).join('\n')}`, 'tests/a.test.yml': 'tests: []\n' };
    const changedFile = ruleFile([{ name: 'g', rules: [{ ...DOWN, for: '9m' }] }]);
    const d = diffOf(base, { 'rules/a.yml': changedFile, 'mimir/a.yaml': `namespace: a\n${changedFile.split('\n').slice(1).join('\n')}`, 'tests/a.test.yml': 'tests: [1]\n' });
    expect(d.summary.counts.alert).toEqual({ changed: 1 });
    expect(d.changes.filter((c) => c.entity === 'file').map((c) => [c.name, c.change])).toEqual([['mimir/a.yaml', 'changed'], ['tests/a.test.yml', 'changed']]);
  });

  it('reads the base from any ref, not the checkout', () => {
    repo = createGitFixture();
    repo.write({ 'out/rules/a.yml': ruleFile([{ name: 'g', rules: [DOWN] }]) });
    const first = repo.commit('one');
    repo.write({ 'out/rules/a.yml': ruleFile([{ name: 'g', rules: [{ ...DOWN, for: '5m' }] }]) });
    repo.commit('two');
    const d = diffArtifacts(readGitTree(repo.root, first, 'out'), readWorkTree(join(repo.root, 'out')), { base: first, head: 'working tree' });
    expect(find((d.changes[0] as EntityChange).children, 'ApiDown')?.fields).toEqual([{ field: 'for', before: '2m', after: '5m', impact: 'behaviour' }]);
    expect(() => readGitTree(repo?.root ?? '', 'no-such-ref', 'out')).toThrow(/no-such-ref/);
  });
});

describe('obs diff engine: dashboards (Grafana classic JSON model)', () => {
  const BASE = dashboardJson({
    uid: 'checkout', title: 'Checkout',
    panels: [
      { id: 1, title: 'Error rate', grid: [0, 0, 12, 8], exprs: ['sum(rate(errors_total{job="$job"}[$__rate_interval]))'], unit: 'percentunit', thresholds: [null, 0.05] },
      { id: 2, title: 'Latency', grid: [12, 0, 12, 8], exprs: ['histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))'], unit: 's' },
      { id: 3, title: 'Details', type: 'row', grid: [0, 8, 24, 1], panels: [{ id: 4, title: 'Saturation', exprs: ['avg(cpu)'] }] },
    ],
    variables: [{ name: 'job', query: 'label_values(up, job)' }, { name: 'env', query: 'label_values(up, env)' }],
  });

  it('reports panels changed (queries, unit, thresholds, title), moved, added, removed and variables', () => {
    const head = dashboardJson({
      uid: 'checkout', title: 'Checkout service',
      panels: [
        { id: 1, title: 'Error ratio', grid: [0, 0, 12, 8], exprs: ['sum(rate(errors_total{job="$job"}[$__rate_interval]))'], unit: 'percent', thresholds: [null, 0.1] },
        { id: 2, title: 'Latency', grid: [0, 9, 24, 8], exprs: ['histogram_quantile(0.9, sum by (le) (rate(latency_bucket[5m])))'], unit: 's' },
        { id: 5, title: 'Requests', grid: [12, 0, 12, 8], exprs: ['sum(rate(requests_total[5m]))'] },
        { id: 3, title: 'Details', type: 'row', grid: [0, 8, 24, 1], panels: [] },
      ],
      variables: [{ name: 'job', query: 'label_values(up,  job)', label: 'Job' }, { name: 'cluster', query: 'label_values(up, cluster)' }],
    });
    const d = diffOf({ 'dashboards/team-a/checkout.json': BASE }, { 'dashboards/team-a/checkout.json': head });
    expect(d.changes).toHaveLength(1);
    const dash = d.changes[0] as EntityChange;
    expect(dash).toMatchObject({ entity: 'dashboard', change: 'changed', name: 'Checkout service', file: 'dashboards/team-a/checkout.json' });
    expect(dash.fields).toEqual([{ field: 'title', before: 'Checkout', after: 'Checkout service', impact: 'presentation' }]);
    const byName = Object.fromEntries(dash.children.map((c) => [`${c.entity} ${c.name}`, c]));
    // A new title over the same query is a rename of the panel, not a removal and an addition.
    expect(byName['panel Error ratio']).toMatchObject({ change: 'renamed', from: 'Error rate', impact: 'presentation' });
    expect(fields(byName['panel Error ratio'])).toEqual(['unit', 'thresholds']);
    const latency = byName['panel Latency'];
    expect(latency?.change).toBe('changed');
    expect(latency?.fields.find((f) => f.field === 'query A')).toMatchObject({ note: '0.99 → 0.9', impact: 'behaviour' });
    expect(latency?.fields.find((f) => f.field === 'gridPos')).toMatchObject({ before: 'x=12 y=0 w=12 h=8', after: 'x=0 y=9 w=24 h=8' });
    expect(latency?.fields.find((f) => f.field === 'row')).toMatchObject({ before: '(top)', after: 'Details' });
    expect(byName['panel Saturation']).toMatchObject({ change: 'removed' });
    expect(byName['panel Requests']).toMatchObject({ change: 'added' });
    expect(byName['variable job']?.fields.map((f) => f.field)).toEqual(['label']);
    expect(byName['variable env']).toMatchObject({ change: 'removed', impact: 'identity' });
    expect(byName['variable cluster']).toMatchObject({ change: 'added' });
  });

  it('reports a pure move as moved, dashboards added/removed, and a new uid for the same title as a rename', () => {
    const moved = BASE.replace('"x": 12,\n        "y": 0', '"x": 12,\n        "y": 20');
    const d = diffOf({ 'dashboards/a/checkout.json': BASE }, { 'dashboards/a/checkout.json': moved });
    expect(d.changes[0]?.children.map((c) => [c.change, c.name, c.impact])).toEqual([['moved', 'Latency', 'presentation']]);

    const other = dashboardJson({ uid: 'payments', title: 'Payments', panels: [{ id: 1, title: 'p', exprs: ['up'] }] });
    const d2 = diffOf({ 'dashboards/a/checkout.json': BASE }, { 'dashboards/a/checkout.json': null, 'dashboards/b/payments.json': other });
    expect(d2.changes.map((c) => [c.change, c.name, c.impact])).toEqual([['removed', 'Checkout', 'identity'], ['added', 'Payments', 'presentation']]);
    expect(d2.summary.counts.dashboard).toEqual({ removed: 1, added: 1 });

    const renamed = BASE.replace('"uid": "checkout"', '"uid": "checkout-v2"');
    const d3 = diffOf({ 'dashboards/a/checkout.json': BASE }, { 'dashboards/a/checkout.json': null, 'dashboards/a/checkout-v2.json': renamed });
    expect(d3.changes.map((c) => [c.change, c.from, c.impact])).toEqual([['renamed', 'checkout', 'identity']]);
  });

  it('names any other setting that changed by its path: a renamed column, a moved legend, an override', () => {
    const base = JSON.parse(BASE) as { panels: Record<string, unknown>[] };
    const panel = base.panels[0] as Record<string, unknown>;
    panel.transformations = [{ id: 'organize', options: { renameByName: { 'Value #A': 'p95' } } }];
    panel.options = { legend: { placement: 'bottom' } };
    const head = structuredClone(base) as typeof base;
    const changed = head.panels[0] as { transformations: { options: { renameByName: Record<string, string> } }[]; options: { legend: { placement: string } }; fieldConfig: { overrides: unknown[] } };
    (changed.transformations[0] as { options: { renameByName: Record<string, string> } }).options.renameByName['Value #A'] = 'p95 (s)';
    changed.options.legend.placement = 'right';
    changed.fieldConfig.overrides = [{ matcher: { id: 'byName', options: 'x' }, properties: [] }];
    const d = diffOf({ 'dashboards/a/checkout.json': JSON.stringify(base) }, { 'dashboards/a/checkout.json': JSON.stringify(head) });
    expect(d.changes[0]?.children.map((c) => [c.name, c.fields.map((f) => [f.field, f.before, f.after])])).toEqual([['Error rate', [
      ['fieldConfig.overrides', '[]', '[{"matcher":{"id":"byName","options":"x"},"properties":[]}]'],
      ['options.legend.placement', 'bottom', 'right'],
      ['transformations[0].options.renameByName.Value #A', 'p95', 'p95 (s)'],
    ]]]);
  });

  it('names changed query settings (instant, format, hidden) as behaviour, and no noise for a new unit or schemaVersion', () => {
    const base = JSON.parse(BASE) as { schemaVersion?: number; panels: { targets?: Record<string, unknown>[]; fieldConfig?: unknown }[] };
    const head = structuredClone(base);
    (head.panels[1]?.targets?.[0] as Record<string, unknown>).instant = true;
    head.schemaVersion = 99;
    const p5 = { id: 9, title: 'New', type: 'timeseries', gridPos: { x: 0, y: 30, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'up' }] };
    const d = diffOf({ 'dashboards/a/checkout.json': JSON.stringify({ ...base, panels: [...base.panels, p5] }) },
      { 'dashboards/a/checkout.json': JSON.stringify({ ...head, panels: [...head.panels, { ...p5, fieldConfig: { defaults: { unit: 's' } } }] }) });
    const dash = d.changes[0] as EntityChange;
    expect(dash.fields).toEqual([]);
    expect(dash.children.map((c) => [c.name, c.fields.map((f) => [f.field, f.before, f.after, f.impact])])).toEqual([
      ['Latency', [['query A instant', undefined, 'true', 'behaviour']]],
      ['New', [['unit', undefined, 's', 'presentation']]],
    ]);
  });

  it('names changed dashboard settings by their path too', () => {
    const base = JSON.parse(BASE) as Record<string, unknown>;
    const d = diffOf({ 'dashboards/a/checkout.json': JSON.stringify({ ...base, refresh: '1m' }) }, { 'dashboards/a/checkout.json': JSON.stringify({ ...base, refresh: '5m' }) });
    expect(d.changes.map((c) => [c.name, c.fields.map((f) => [f.field, f.before, f.after])])).toEqual([['Checkout', [['refresh', '1m', '5m']]]]);
  });

  it('reads the dashboard out of the HTTP API wrapper and moves between folders', () => {
    const wrapped = `{"dashboard": ${BASE}, "meta": {"folderTitle": "x"}}`;
    const d = diffOf({ 'dashboards/a/checkout.json': BASE }, { 'dashboards/a/checkout.json': null, 'dashboards/b/checkout.json': wrapped });
    expect(d.changes.map((c) => [c.change, fields(c)])).toEqual([['changed', ['folder']]]);
  });
});

describe('obs diff markdown for a huge change', () => {
  it('stays under GitHub comment size, closing open blocks and saying what was cut', async () => {
    const { formatDiffMarkdown, MAX_COMMENT } = await import('../../dsl/diff/format-markdown.ts');
    const rules = Array.from({ length: 1500 }, (_, i) => ({ alert: `Alert${i}`, expr: `sum(rate(x_${i}[5m])) > ${i}`, for: '5m' }));
    const changed = rules.map((r) => ({ ...r, expr: `sum by (job) (rate(y_${r.alert}[5m])) > 1`, for: '10m' }));
    const d = diffOf({ 'rules/a.yml': ruleFile([{ name: 'g', rules }]) }, { 'rules/a.yml': ruleFile([{ name: 'g', rules: changed }]) });
    const md = formatDiffMarkdown(d);
    expect(md.length).toBeLessThan(MAX_COMMENT + 500);
    expect(md).toMatch(/_… \d+ more lines cut \(GitHub's comment limit\); run `obs diff --format text` for all of it\._\n$/);
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});

describe('obs diff engine: identity, not position', () => {
  const panels = (n: number, first = 0) => Array.from({ length: n }, (_, i) => ({ id: i + 1 + first, title: `Panel ${i}`, grid: [(i % 2) * 12, 1 + Math.floor(i / 2) * 8, 12, 8] as [number, number, number, number], exprs: [`sum(rate(metric_${i}_total[5m]))`] }));

  it('a panel inserted first (ids and positions of all others shifted) is one addition', () => {
    const base = dashboardJson({ uid: 'd', title: 'D', panels: panels(8) });
    const shifted = panels(8, 1).map((p) => ({ ...p, grid: [p.grid[0], p.grid[1] + 4, p.grid[2], p.grid[3]] as [number, number, number, number] }));
    const head = dashboardJson({ uid: 'd', title: 'D', panels: [{ id: 1, title: 'New', grid: [0, 0, 24, 4], exprs: ['up'] }, ...shifted] });
    const d = diffOf({ 'dashboards/a/d.json': base }, { 'dashboards/a/d.json': head });
    expect(d.changes[0]?.children.map((c) => [c.change, c.name])).toEqual([['added', 'New']]);
  });

  it('a row renamed is one row change: its panels did not move', () => {
    const row = (title: string) => dashboardJson({ uid: 'd', title: 'D', panels: [{ id: 1, title, type: 'row', grid: [0, 0, 24, 1] }, ...panels(4).map((p) => ({ ...p, grid: [p.grid[0], p.grid[1] + 1, 12, 8] as [number, number, number, number] }))] });
    const d = diffOf({ 'dashboards/a/d.json': row('availability: 99.9% over 30d') }, { 'dashboards/a/d.json': row('availability: 99.95% over 30d') });
    expect(d.changes[0]?.children.map((c) => [c.entity, c.change, c.name, c.fields.map((f) => `${f.field}: ${f.before} → ${f.after}`)])).toEqual([
      ['row', 'changed', 'availability: 99.95% over 30d', ['title: availability: 99.9% over 30d → availability: 99.95% over 30d']],
    ]);
  });

  it('panels are paired by similarity when title and query both changed a little, above the documented threshold only', () => {
    const base = dashboardJson({ uid: 'd', title: 'D', panels: [{ id: 1, title: 'Network received by node', exprs: ['sum by (node) (rate(node_network_receive_bytes_total{device!="lo"}[5m]))'] }] });
    const similar = dashboardJson({ uid: 'd', title: 'D', panels: [{ id: 7, title: 'Network received per node', exprs: ['sum by (node) (rate(node_network_receive_bytes_total{device!~"lo|veth.*"}[5m]))'] }] });
    expect(diffOf({ 'dashboards/a/d.json': base }, { 'dashboards/a/d.json': similar }).changes[0]?.children.map((c) => [c.change, c.from, c.fields.map((f) => f.field)])).toEqual([['renamed', 'Network received by node', ['query A']]]);
    const other = dashboardJson({ uid: 'd', title: 'D', panels: [{ id: 1, title: 'Disk written by node', exprs: ['sum by (node) (rate(node_disk_written_bytes_total[5m]))'] }] });
    expect(diffOf({ 'dashboards/a/d.json': base }, { 'dashboards/a/d.json': other }).changes[0]?.children.map((c) => c.change)).toEqual(['removed', 'added']);
  });

  it('settings Grafana writes with their default values are no change; a real one is', () => {
    const base = JSON.parse(dashboardJson({ uid: 'd', title: 'D', panels: panels(1) })) as { panels: Record<string, unknown>[] };
    const head = structuredClone(base);
    Object.assign(head.panels[0] as Record<string, unknown>, {
      fieldConfig: { defaults: { custom: { lineWidth: 1, fillOpacity: 0, spanNulls: false, axisColorMode: 'text' } }, overrides: [] },
      options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'single', sort: 'none' } },
    });
    ((head.panels[0] as { targets: Record<string, unknown>[] }).targets[0] as Record<string, unknown>).editorMode = 'code';
    ((head.panels[0] as { targets: Record<string, unknown>[] }).targets[0] as Record<string, unknown>).range = true;
    expect(diffOf({ 'dashboards/a/d.json': JSON.stringify(base) }, { 'dashboards/a/d.json': JSON.stringify(head) }).changes).toEqual([]);
    (head.panels[0] as { options: { legend: { placement: string } } }).options.legend.placement = 'right';
    expect(diffOf({ 'dashboards/a/d.json': JSON.stringify(base) }, { 'dashboards/a/d.json': JSON.stringify(head) }).changes[0]?.children.map((c) => c.fields.map((f) => [f.field, f.before, f.after]))).toEqual([[['options.legend.placement', undefined, 'right']]]);
  });

  it('a rule renamed with its threshold changed is a rename naming the threshold; a rule reordered is no change', () => {
    const base = { 'rules/a.yml': ruleFile([{ name: 'g', rules: [ERRORS, DOWN, RATE] }]) };
    const d = diffOf(base, { 'rules/a.yml': ruleFile([{ name: 'g', rules: [RATE, { ...ERRORS, alert: 'ApiErrorRatioHigh', expr: ERRORS.expr.replace('0.05', '0.02') }, DOWN] }]) });
    expect((d.changes[0] as EntityChange).children.map((c) => [c.change, c.name, c.from, c.fields.map((f) => f.note)])).toEqual([
      ['renamed', 'ApiErrorRatioHigh', 'ApiHighErrorRate', ['threshold > 0.05 → > 0.02']],
    ]);
  });
});

describe('obs diff engine: SLOs', () => {
  // The shape dsl/slo generates (out/rules/slos/checkout-api.yml): SLI recordings, burn-rate alerts, slo:info.
  const sloGroups = (slo: string, objective: string, threshold: string): { name: string; rules: RuleSpec[] }[] => [
    { name: `api.${slo}.slo`, rules: [
      { record: 'slo:error_ratio:rate1h', expr: `sum(rate(errors_total[1h])) / sum(rate(requests_total[1h]))`, labels: { service: 'api', slo } },
      { alert: 'ApiBudgetBurn', expr: `slo:error_ratio:rate1h{service="api", slo="${slo}"} > ${threshold}`, labels: { severity: 'page' } },
    ] },
    { name: `api.${slo}.budget`, rules: [{ record: 'slo:info', expr: 'vector(1)', labels: { objective, period: '30d', service: 'api', slo } }] },
  ];

  it('an SLO added is one SLO addition holding its groups, not N rules added', () => {
    const other = { name: 'other', rules: [DOWN] };
    const d = diffOf({ 'rules/slos/api.yml': ruleFile([other]) }, { 'rules/slos/api.yml': ruleFile([other, ...sloGroups('availability', '99.9', '0.0144')]) });
    expect(d.changes.map((c) => [c.entity, c.change, c.name, c.children.map((g) => g.name)])).toEqual([['slo', 'added', 'api availability', ['api.availability.budget', 'api.availability.slo']]]);
    expect(d.summary.counts).toEqual({ slo: { added: 1 } });
  });

  it('an objective raised names the burn-rate thresholds by their factor of the old budget', () => {
    const d = diffOf({ 'rules/slos/api.yml': ruleFile(sloGroups('availability', '99.9', '0.0144')) }, { 'rules/slos/api.yml': ruleFile(sloGroups('availability', '99.5', '0.072')) });
    const slo = d.changes[0] as EntityChange;
    expect(slo.fields).toEqual([{ field: 'objective', before: '99.9 %', after: '99.5 %', note: 'burn-rate thresholds of 1 alert loosened (14.4×: 0.0144 → 0.072)', impact: 'behaviour' }]);
  });
});
