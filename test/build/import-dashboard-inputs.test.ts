/** `obs import dashboard` on an export for sharing: the `${DS_…}` inputs it uses become variables that make them work. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';

let fixture: FixtureProject | undefined;
afterEach(() => fixture?.cleanup());

// Hand-written in the shape of grafana.com's Node Exporter Full (id 1860) as "Export for sharing
// externally" writes it: a datasource input used in the old string form by panels, targets and a
// query variable, a constant input, and an input nothing uses.
const EXPORT = {
  __inputs: [
    { name: 'DS_PROMETHEUS', label: 'Prometheus', description: '', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' },
    { name: 'VAR_JOB', type: 'constant', label: 'job', value: 'node', description: '' },
    { name: 'DS_LOKI', label: 'Loki', type: 'datasource', pluginId: 'loki', pluginName: 'Loki' },
  ],
  __requires: [{ type: 'grafana', id: 'grafana', name: 'Grafana', version: '9.4.3' }],
  title: 'Node Exporter Full (shape)', uid: 'rYdddlPWk', schemaVersion: 37,
  panels: [{
    type: 'timeseries', title: 'CPU Busy', datasource: '${DS_PROMETHEUS}', gridPos: { x: 0, y: 0, w: 12, h: 8 },
    targets: [{ datasource: '${DS_PROMETHEUS}', expr: 'sum(rate(node_cpu_seconds_total{job="$job", instance="$node", mode!="idle"}[$__rate_interval]))', refId: 'A' }],
  }],
  templating: { list: [
    { type: 'constant', name: 'job', query: '${VAR_JOB}', hide: 2 },
    { type: 'query', name: 'node', datasource: '${DS_PROMETHEUS}', query: { query: 'label_values(node_uname_info{job="$job"}, instance)', refId: 'A' }, refresh: 1 },
  ] },
};

describe('obs import dashboard: __inputs', () => {
  it('turns the used inputs into hidden variables of their names; an unused one is noted as dropped', async () => {
    fixture = createFixtureProject({ prefix: 'obs-import-inputs-' });
    fixture.write('node.json', JSON.stringify(EXPORT, null, 2));
    const run = await fixture.run(['import', 'dashboard', 'node.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: __inputs ${DS_PROMETHEUS}, ${VAR_JOB} became hidden variables of the same name');
    expect(run.stdout).toContain('note: __inputs dropped (${DS_LOKI})');
    const build = await fixture.run(['build']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const dir = join(fixture.root, 'out', 'dashboards');
    const file = readdirSync(dir, { recursive: true }).map(String).find((f) => f.endsWith('.json'))!;
    const built = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { templating: { list: Record<string, unknown>[] }; panels: { datasource: unknown; targets: { datasource: unknown }[] }[] };
    expect(built.templating.list.map((v) => [v.type, v.name, v.hide])).toEqual([
      ['datasource', 'DS_PROMETHEUS', 2], ['constant', 'VAR_JOB', 2], ['constant', 'job', 2], ['query', 'node', undefined],
    ]);
    expect(built.templating.list[0]).toMatchObject({ query: 'prometheus', label: 'Prometheus' });
    expect(built.templating.list[1]).toMatchObject({ query: 'node' });
    // The references stay as they were: the variables resolve them.
    expect(built.panels[0]?.datasource).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
    expect(built.templating.list[3]?.datasource).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
  });
});
