import { describe, expect, it } from 'vitest';
import { isPromQL } from '../../dsl/promql/template.ts';
import { dashboard, labelValues, prometheusQuery, promql, row, runbookLink, stat, timeseries } from '../../dsl/index.ts';

const HERE = 'test/dashboard/factories.test.ts';

describe('dashboard factories', () => {
  it('remember where they were called', () => {
    const p = timeseries({ title: 'p', queries: ['up'] }); const line = new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1];
    expect(p.site).toMatchObject({ file: HERE, line: Number(line) });
    expect(p.kind).toBe('panel');
    expect(p.type).toBe('timeseries');
  });

  it('turn shorthand queries into Prometheus queries located at the panel', () => {
    const t = promql`sum(up)`;
    const p = stat({ title: 's', queries: ['up', t, prometheusQuery({ expr: 'x', legend: 'l' })] });
    expect(p.queries.map((q) => q.kind)).toEqual(['prometheus-query', 'prometheus-query', 'prometheus-query']);
    expect(p.queries[0]?.site).toEqual(p.site);
    expect(isPromQL(p.queries[1]?.expr)).toBe(true);
    expect(p.queries[2]).toMatchObject({ expr: 'x', legend: 'l' });
  });

  it('return frozen values whose lists cannot change after the fact', () => {
    const panels = [stat({ title: 's', queries: ['up'] })];
    const d = dashboard({ title: 'd', panels });
    panels.push(stat({ title: 'later', queries: ['up'] }));
    expect(d.panels).toHaveLength(1);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.panels)).toBe(true);
    expect(() => (d.panels as unknown as unknown[]).push(1)).toThrow();
    expect(Object.isFrozen(row({ title: 'r', panels: [] }))).toBe(true);
  });

  it('labelValues renders Grafana\'s label_values query', () => {
    expect(labelValues('job').kind).toBe('label-values');
    expect(labelValues('instance', 'up{job=~"$job"}')).toMatchObject({ label: 'instance', selector: 'up{job=~"$job"}' });
  });

  it('helpers stamp the author\'s call site, not the library\'s', () => {
    const l = runbookLink('https://x.example');
    expect(l.site?.file).toBe(HERE);
  });
});
