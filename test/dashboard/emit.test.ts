import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dashboardsOf, type DashboardEntry } from '../../dsl/collect/dashboards.ts';
import { transformationJson, typedTransformation, type Dashboard } from '../../dsl/dashboard/index.ts';
import { dashboardJson, emitDashboards } from '../../dsl/emit/dashboards.ts';
import { emitProject, type Artifact } from '../../dsl/emit/index.ts';
import { Session } from '../../dsl/core/session.ts';
import {
  constantVariable, customVariable, dashboard, datasourceVariable, intervalVariable, link, pieChart, prometheusQuery, row, stat, standardVariables, table,
  textboxVariable, timeseries, transform,
} from '../../dsl/index.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading emitted JSON in tests

const entries = (module: string, ...ds: Dashboard[]): DashboardEntry[] => dashboardsOf(module, Object.fromEntries(ds.map((d, i) => [`d${i}`, d])));
const json = (d: Dashboard, module = 'dashboards/team/x.ts'): Json => {
  const es = entries(module, d);
  return dashboardJson(es[0] as DashboardEntry, es) as Json;
};
const panel = (title: string, extra: Partial<Parameters<typeof timeseries>[0]> = {}) => timeseries({ title, unit: 's', queries: ['up'], ...extra });

describe('classic dashboard JSON', () => {
  it('numbers panels and rows in reading order and assigns refIds around explicit ones', () => {
    const d = json(dashboard({
      title: 'd',
      panels: [timeseries({ title: 'a', queries: ['up', prometheusQuery({ expr: 'up', refId: 'A' }), 'up'] })],
      rows: [row({ title: 'r', panels: [panel('b'), panel('c')] })],
    }));
    expect(d.panels.map((p: Json) => [p.id, p.type, p.title])).toEqual([[1, 'timeseries', 'a'], [2, 'row', 'r'], [3, 'timeseries', 'b'], [4, 'timeseries', 'c']]);
    expect(d.panels[0].targets.map((t: Json) => t.refId)).toEqual(['B', 'A', 'C']);
  });

  it('shows legends unless told not to, and lays out with our grid', () => {
    const d = json(dashboard({ title: 'd', panels: [panel('a', { width: 16 }), panel('b', { width: 16, legend: { show: false } })] }));
    expect(d.panels[0].options.legend).toMatchObject({ showLegend: true, displayMode: 'list', placement: 'bottom' });
    expect(d.panels[1].options.legend).toMatchObject({ showLegend: false, displayMode: 'hidden' });
    expect(d.panels.map((p: Json) => p.gridPos)).toEqual([{ x: 0, y: 0, w: 16, h: 8 }, { x: 0, y: 8, w: 16, h: 8 }]);
  });

  it('points every query at the datasource variable of its plugin', () => {
    const d = json(dashboard({ title: 'd', variables: standardVariables(), panels: [panel('a')] }));
    expect(d.panels[0].datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(d.panels[0].targets[0].datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(d.templating.list.map((v: Json) => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['job', 'query'], ['instance', 'query']]);
    expect(d.templating.list[2]).toMatchObject({ query: 'label_values(up{job=~"$job"}, instance)', multi: true, includeAll: true, allValue: '.+', refresh: 2 });
  });

  it('nests the panels of collapsed rows and puts those of open rows after them', () => {
    const d = json(dashboard({ title: 'd', rows: [row({ title: 'open', panels: [panel('a')] }), row({ title: 'closed', collapsed: true, panels: [panel('b')] })] }));
    expect(d.panels.map((p: Json) => p.title)).toEqual(['open', 'a', 'closed']);
    expect(d.panels[0]).toMatchObject({ collapsed: false, panels: [] });
    expect(d.panels[2]).toMatchObject({ collapsed: true, gridPos: { x: 0, y: 9, w: 24, h: 1 } });
    expect(d.panels[2].panels.map((p: Json) => [p.title, p.gridPos])).toEqual([['b', { x: 0, y: 10, w: 12, h: 8 }]]);
  });

  it('is read-only with a shared crosshair by default, and the current schemaVersion', () => {
    const d = json(dashboard({ title: 'd' }));
    expect(d).toMatchObject({ editable: false, graphTooltip: 1, schemaVersion: 42, uid: 'team-x', time: { from: 'now-6h', to: 'now' } });
    expect(d.annotations.list[0]).toMatchObject({ builtIn: 1, name: 'Annotations & Alerts' });
  });

  it('merges the escape hatch last, deeply, on dashboard, panel, query and variable', () => {
    const d = json(dashboard({
      title: 'd', extra: { liveNow: true, timepicker: { hidden: true } },
      variables: [textboxVariable({ name: 't', extra: { skipUrlSync: true } })],
      panels: [panel('a', { extra: { pluginVersion: '11.6.0', options: { tooltip: { hideZeros: true } } }, queries: [prometheusQuery({ expr: 'up', extra: { editorMode: 'code' } })] })],
    }));
    expect(d).toMatchObject({ liveNow: true, timepicker: { hidden: true } });
    expect(d.templating.list[0].skipUrlSync).toBe(true);
    expect(d.panels[0]).toMatchObject({ pluginVersion: '11.6.0', options: { tooltip: { hideZeros: true, mode: 'multi' } } });
    expect(d.panels[0].targets[0].editorMode).toBe('code');
  });

  it('emits every variable kind with its options', () => {
    const d = json(dashboard({
      title: 'd',
      variables: [
        datasourceVariable({ name: 'logs', plugin: 'loki', default: 'Loki' }),
        customVariable({ name: 'c', values: ['a,b', { text: 'Prod', value: 'prod' }], multi: true }),
        intervalVariable({ name: 'i', values: ['1m', '5m'], auto: { steps: 50, min: '30s' }, default: '5m' }),
        constantVariable({ name: 'k', value: '0.99' }),
      ],
    }));
    const [ds, c, i, k] = d.templating.list as Json[];
    expect(ds).toMatchObject({ type: 'datasource', query: 'loki', current: { text: 'Loki', value: 'Loki' } });
    expect(c).toMatchObject({ type: 'custom', query: 'a\\,b,Prod : prod', multi: true, options: [{ text: 'a,b', value: 'a,b' }, { text: 'Prod', value: 'prod' }] });
    expect(i).toMatchObject({ type: 'interval', query: '1m,5m', auto: true, auto_count: 50, auto_min: '30s', current: { value: '5m' } });
    expect(k).toMatchObject({ type: 'constant', query: '0.99', hide: 2 });
  });

  it('links to dashboards of the project by uid, carrying time and variables', () => {
    const target = dashboard({ title: 'other', uid: 'other-uid' });
    const d = dashboard({ title: 'd', links: [link({ title: 'o', to: target })], panels: [panel('a', { links: [link({ title: 'o', to: target })] })] });
    const es = [...entries('dashboards/a.ts', d), ...entries('dashboards/b.ts', target)];
    const out = dashboardJson(es[0] as DashboardEntry, es) as Json;
    expect(out.links[0]).toMatchObject({ url: '/d/other-uid', includeVars: true, keepTime: true, type: 'link' });
    expect(out.panels[0].links[0].url).toBe('/d/other-uid?${__url_time_range}&${__all_variables}');
  });
});

describe('emitted files', () => {
  it('writes out/dashboards/<folder>/<uid>.json and a provisioning file with one provider per folder', () => {
    const es = [...entries('dashboards/top.ts', dashboard({ title: 'top' })), ...entries('dashboards/payments/api.ts', dashboard({ title: 'api', folder: 'Payments Team' }))];
    const files = emitDashboards(es);
    expect(files.map((f) => f.path)).toEqual(['dashboards/general/top.json', 'dashboards/payments-team/payments-api.json', 'grafana/provisioning/dashboards.yaml']);
    const prov = parse(files[2]?.content ?? '') as Json;
    expect(prov.providers).toEqual([
      { name: 'obs-general', orgId: 1, folder: '', type: 'file', disableDeletion: true, allowUiUpdates: false, updateIntervalSeconds: 30, options: { path: '/var/lib/grafana/dashboards/general', foldersFromFilesStructure: false } },
      { name: 'obs-payments-team', orgId: 1, folder: 'Payments Team', folderUid: 'payments-team', type: 'file', disableDeletion: true, allowUiUpdates: false, updateIntervalSeconds: 30, options: { path: '/var/lib/grafana/dashboards/payments-team', foldersFromFilesStructure: false } },
    ]);
  });

  it('is byte-identical on every emit, and a panel shared by two dashboards is laid out in each independently', () => {
    const shared = panel('shared', { width: 12 });
    const a = dashboard({ title: 'a', panels: [shared] });
    const b = dashboard({ title: 'b', panels: [panel('first', { width: 12 }), shared] });
    const es = entries('dashboards/x.ts', a, b);
    const first = emitDashboards(es);
    expect(emitDashboards(es)).toEqual(first);
    const [ja, jb] = first.slice(0, 2).map((f) => JSON.parse(f.content) as Json);
    expect(ja?.panels[0].gridPos).toEqual({ x: 0, y: 0, w: 12, h: 8 });
    expect(jb?.panels[1].gridPos).toEqual({ x: 12, y: 0, w: 12, h: 8 });
    expect(first[0]?.content.endsWith('}\n')).toBe(true);
  });

  it('writes v2 resources when configured', () => {
    const es = entries('dashboards/team/x.ts', dashboard({
      title: 'd', variables: standardVariables(),
      panels: [stat({ title: 's', unit: 'none', queries: ['up'] })],
      rows: [row({ title: 'r', collapsed: true, panels: [panel('a', { repeat: { variable: 'instance' } })] })],
    }));
    const [file] = emitDashboards(es, { format: 'v2', provisioningPath: '/dash' });
    const m = JSON.parse(file?.content ?? '{}') as Json;
    expect(m).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'team-x', annotations: { 'grafana.app/folder': 'team' } } });
    expect(Object.keys(m.spec.elements)).toEqual(['panel-1', 'panel-3']);
    expect(m.spec.layout.kind).toBe('RowsLayout');
    expect(m.spec.layout.spec.rows.map((r: Json) => [r.spec.title, r.spec.hideHeader, r.spec.collapse])).toEqual([[undefined, true, undefined], ['r', undefined, true]]);
    expect(m.spec.layout.spec.rows[1].spec.layout.spec.items[0].spec).toMatchObject({ x: 0, y: 0, width: 12, height: 8, repeat: { mode: 'variable', value: 'instance' } });
    expect(m.spec.elements['panel-1'].spec.data.spec.queries[0].spec.query).toMatchObject({ group: 'prometheus', datasource: { name: '${datasource}' }, spec: { expr: 'up' } });
    expect(m.spec.variables.map((v: Json) => v.kind)).toEqual(['DatasourceVariable', 'QueryVariable', 'QueryVariable']);
  });

  it('writes typed transformations as Grafana stores them, in classic and v2 (also those given through extra)', () => {
    const t = table({
      title: 't', queries: [prometheusQuery({ expr: 'up', format: 'table', mode: 'instant' }), prometheusQuery({ expr: 'up', format: 'table', mode: 'instant' })],
      transformations: [
        transform.merge(),
        transform.organize({ exclude: ['Time'], order: ['job', 'Value #A'], rename: { 'Value #A': 'Up' } }),
        transform.filterFieldsByName({ include: ['job'], pattern: 'Value.*', exclude: ['instance'] }),
        transform.joinByField({ field: 'job', mode: 'inner' }), transform.labelsToFields({ mode: 'columns', valueLabel: 'le', keep: ['job'] }),
        transform.sortBy({ field: 'Up', desc: true }), transform.limit(5), transform.seriesToRows(),
        transform.reduce({ reducers: ['max', 'mean'], mode: 'reduceFields', includeTimeField: false }),
        transform.renameByRegex({ regex: 'Value #(.*)', replace: '$1' }),
      ],
    });
    const expected = [
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { Time: true }, indexByName: { job: 0, 'Value #A': 1 }, renameByName: { 'Value #A': 'Up' } } },
      { id: 'filterFieldsByName', options: { include: { names: ['job'], pattern: 'Value.*' }, exclude: { names: ['instance'] } } },
      { id: 'joinByField', options: { byField: 'job', mode: 'inner' } },
      { id: 'labelsToFields', options: { mode: 'columns', valueLabel: 'le', keepLabels: ['job'] } },
      { id: 'sortBy', options: { sort: [{ field: 'Up', desc: true }] } },
      { id: 'limit', options: { limitField: 5 } },
      { id: 'seriesToRows', options: {} },
      { id: 'reduce', options: { reducers: ['max', 'mean'], mode: 'reduceFields', includeTimeField: false } },
      { id: 'renameByRegex', options: { regex: 'Value #(.*)', renamePattern: '$1' } },
    ];
    expect(json(dashboard({ title: 'd', panels: [t] })).panels[0].transformations).toEqual(expected);
    const viaExtra = timeseries({ title: 'x', queries: ['up'], extra: { transformations: [{ id: 'seriesToRows', options: {}, disabled: true }] } });
    const [file] = emitDashboards(entries('dashboards/team/x.ts', dashboard({ title: 'd', panels: [t, viaExtra] })), { format: 'v2', provisioningPath: '/dash' });
    const els = (JSON.parse(file?.content ?? '{}') as Json).spec.elements;
    expect(els['panel-1'].spec.data.spec.transformations).toEqual(expected.map((x) => ({ kind: 'Transformation', group: x.id, spec: { options: x.options } })));
    expect(els['panel-2'].spec.data.spec.transformations).toEqual([{ kind: 'Transformation', group: 'seriesToRows', spec: { disabled: true, options: {} } }]);
  });

  it('reads back from Grafana JSON exactly the transformations it writes, and nothing it would write differently', () => {
    const all = [
      transform.merge(), transform.organize({ exclude: ['Time'], order: ['b', 'a'], rename: { a: 'A' } }), transform.joinByField({ field: 'job', mode: 'outerTabular' }),
      transform.sortBy({ field: 'x', desc: true }), transform.limit(7), transform.seriesToRows(), transform.renameByRegex({ regex: '(.*)', replace: '$1!' }),
    ];
    for (const t of all) expect(typedTransformation(transformationJson(t))).toEqual(t);
    for (const json of [{ id: 'merge', options: {}, disabled: true }, { id: 'calculateField', options: {} }, { id: 'organize', options: { excludeByName: { Time: false } } }, { id: 'limit', options: {} }]) {
      expect(typedTransformation(json)).toBeUndefined();
    }
  });

  it('writes pie charts: reduced slices, a legend at the right with percentages unless told otherwise', () => {
    const pie = (spec: Partial<Parameters<typeof pieChart>[0]>) => json(dashboard({ title: 'd', panels: [pieChart({ title: 'p', unit: 'reqps', queries: ['sum by (code) (rate(x[5m]))'], ...spec })] })).panels[0];
    expect(pie({})).toMatchObject({
      type: 'piechart', gridPos: { w: 8, h: 8 },
      options: { reduceOptions: { calcs: ['lastNotNull'], values: false }, legend: { showLegend: true, displayMode: 'list', placement: 'right', values: ['percent'] } },
    });
    expect(pie({ pieType: 'donut', labels: ['name', 'percent'], reduce: 'mean', legend: { show: false } }).options).toMatchObject({
      pieType: 'donut', displayLabels: ['name', 'percent'], reduceOptions: { calcs: ['mean'] }, legend: { showLegend: false, displayMode: 'hidden' },
    });
  });

  it('puts transformations given in extra after the typed ones instead of dropping those', () => {
    const both = timeseries({ title: 'x', queries: ['up'], transformations: [transform.limit(3)], extra: { transformations: [{ id: 'calculateField', options: { mode: 'reduceRow' } }] } });
    expect(json(dashboard({ title: 'd', panels: [both] })).panels[0].transformations).toEqual([
      { id: 'limit', options: { limitField: 3 } }, { id: 'calculateField', options: { mode: 'reduceRow' } },
    ]);
  });
});

describe('emitted files kept between the runs of a session (watch mode)', () => {
  /** Emits in a new run of `session` with a memo kept across runs; says which dashboards were made again. */
  const emitIn = (session: Session, memo: Map<string, readonly Artifact[]>, es: DashboardEntry[]) => {
    session.beginRun();
    const made = new Set<string>();
    const files = session.run(() =>
      emitProject({ root: '/p', modules: [], diagnostics: [], dashboards: es }, { rules: { outputs: ['prometheus'], operator: { labels: {} }, mimir: {} } }, {
        get: (k) => memo.get(k),
        set: (k, v) => (memo.set(k, v), v.forEach((f) => made.add(f.path))),
      }),
    );
    // Equal to a run with nothing kept.
    expect(files).toEqual(emitProject({ root: '/p', modules: [], diagnostics: [], dashboards: es }, { rules: { outputs: ['prometheus'], operator: { labels: {} }, mimir: {} } }));
    return made;
  };

  it('makes again only the dashboards that changed, and those whose links name a uid that changed', () => {
    const session = new Session('/p');
    const memo = new Map<string, readonly Artifact[]>();
    const target = (uid: string) => dashboard({ title: 'target', uid });
    const project = (t: Dashboard, other = 'other') => [
      ...entries('dashboards/a.ts', dashboard({ title: 'a', links: [link({ title: 'o', to: t })] })),
      ...entries('dashboards/b.ts', t),
      ...entries('dashboards/c.ts', dashboard({ title: other })),
    ];
    expect(emitIn(session, memo, project(target('t1'))).size).toBe(3);
    expect([...emitIn(session, memo, project(target('t1')))]).toEqual([]);
    expect([...emitIn(session, memo, project(target('t1'), 'renamed'))]).toEqual(['dashboards/general/c.json']);
    // The target's uid changes: its file, and the file of the dashboard that links to it.
    expect([...emitIn(session, memo, project(target('t2')))].sort()).toEqual(['dashboards/general/a.json', 'dashboards/general/t2.json']);
  });

  it('a link to a copy of a project dashboard keeps the copy uid, not the project one', () => {
    const session = new Session('/p');
    const memo = new Map<string, readonly Artifact[]>();
    // No uid: the project's dashboard gets one from its path; the copy has none (an empty link).
    const spec = { title: 'target' };
    const real = dashboard(spec);
    const copy = { ...real };
    const es = (to: Dashboard) => [...entries('dashboards/a.ts', dashboard({ title: 'a', links: [link({ title: 'o', to })] })), ...entries('dashboards/b.ts', real)];
    emitIn(session, memo, es(real));
    expect([...emitIn(session, memo, es(copy))]).toEqual(['dashboards/general/a.json']);
  });
});
