/** The preview's pieces without a browser: Grafana's substitutions, units, layout, change marks, when alerts fire. */
import { describe, expect, it } from 'vitest';
import { barChartData, formatValue, histogramBins, layout, reduce, tableRows, thresholdColor, type LayoutItem } from '../../dsl/preview/assets/preview.js';
import { alertChanges, alertRules, dashboardChanges, firingsFromSamples, historyText, interpolate, legendName, roundInterval, verdict, type AlertReview } from '../../dsl/preview/index.ts';
import type { VariableValue } from '../../dsl/preview/interpolate.ts';
import { showcaseDashboard, ruleYaml } from './fixtures.ts';

const ctx = (vars: Record<string, VariableValue>, intervalSeconds = 30, scrapeSeconds = 15) => ({
  variables: new Map(Object.entries(vars)), from: 1_700_000_000 - 6 * 3600, to: 1_700_000_000, intervalSeconds, scrapeSeconds,
});

describe('Grafana substitutions', () => {
  it('replaces $__rate_interval, $__interval and $__range as Grafana does', () => {
    // rate interval = max(interval + scrape, 4 × scrape): 30s + 15s = 45s < 60s → 1m
    expect(interpolate('rate(x[$__rate_interval])', ctx({}))).toBe('rate(x[1m])');
    expect(interpolate('rate(x[$__rate_interval])', ctx({}, 120))).toBe('rate(x[135s])');
    expect(interpolate('avg_over_time(x[$__interval]) $__interval_ms', ctx({}, 60))).toBe('avg_over_time(x[1m]) 60000');
    expect(interpolate('increase(x[$__range]) / $__range_s', ctx({}))).toBe('increase(x[21600s]) / 21600');
  });

  it('formats variables with the Prometheus data source escaping', () => {
    const v = ctx({
      job: { values: ['api'], multiOrAll: false },
      inst: { values: ['a.b:9090', 'c'], multiOrAll: true },
      all: { values: ['x', 'y'], multiOrAll: true, allValue: '.+' },
    });
    expect(interpolate('up{job="$job", instance=~"$inst", x=~"${all}"}', v)).toBe('up{job="api", instance=~"(a\\\\.b:9090|c)", x=~".+"}');
    expect(interpolate('[[job]] ${inst:pipe} ${inst:csv} $unknown', v)).toBe('api a.b:9090|c a.b:9090,c $unknown');
  });

  it('rounds the query interval like rangeutil.roundInterval', () => {
    expect(roundInterval(21600 / 900)).toBe(20); // 6h at 900 px → 24 s → 20 s
    expect(roundInterval(3600 / 1800)).toBe(2);
    expect(roundInterval(7 * 86400 / 1000)).toBe(600);
  });

  it('names series with legendFormat, else by their selector', () => {
    expect(legendName({ job: 'api', instance: 'a:1' }, '{{job}} on {{ instance }}', 'up')).toBe('api on a:1');
    expect(legendName({ __name__: 'up', job: 'api' }, undefined, 'up')).toBe('up{job="api"}');
    expect(legendName({}, '__auto', 'sum(up)')).toBe('sum(up)');
  });
});

describe('page script formatting', () => {
  it.each([
    [0.9512, 'percentunit', undefined, '95.1%'],
    [0.995, 'percentunit', 3, '99.500%'],
    [45.2, 'percent', undefined, '45.2%'],
    [1536, 'bytes', undefined, '1.5 KiB'],
    [18_874_368, 'bytes', undefined, '18 MiB'],
    [1200, 'reqps', undefined, '1.2 K req/s'],
    [0.25, 's', undefined, '250 ms'],
    [90, 's', undefined, '1.5 min'],
    [3_400_000, 'short', undefined, '3.4 Mil'],
    [12, 'suffix:x', undefined, '12x'],
    [2.5, 'Bps', undefined, '2.5 B/s'],
    [1234.5, 'currencyUSD', undefined, '$1.23K'],
    [null, 'short', undefined, 'No data'],
  ])('%s in %s → %s', (v, unit, decimals, want) => {
    expect(formatValue(v, unit, decimals)).toBe(want);
  });

  it('colours by the last threshold step at or below the value', () => {
    const t = { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] };
    expect(thresholdColor(t, 79)).toBe('#73BF69');
    expect(thresholdColor(t, 80)).toBe('#F2495C');
  });

  it('reduces like Grafana calcs', () => {
    expect(reduce([1, null, 3, null], 'lastNotNull')).toBe(3);
    expect(reduce([1, null, 3, null], 'last')).toBe(null);
    expect(reduce([1, 2, 6], 'mean')).toBe(3);
  });

  it('joins table queries on labels, one Value #refId column each', () => {
    const t = tableRows([
      { refId: 'A', labels: { job: 'a' }, values: [1] },
      { refId: 'B', labels: { job: 'a' }, values: [0.5] },
      { refId: 'A', labels: { job: 'b' }, values: [0] },
    ]);
    expect(t.columns).toEqual(['job', 'Value #A', 'Value #B']);
    expect(t.rows).toEqual([{ job: 'a', 'Value #A': 1, 'Value #B': 0.5 }, { job: 'b', 'Value #A': 0 }]);
  });

  it('makes a bar chart\'s table: a category per series (or per xField label), a value field per query, reduced', () => {
    const frames = [
      { refId: 'A', name: '500', labels: { code: '500', job: 'api' }, values: [1, 4, null] },
      { refId: 'B', name: '500', labels: { code: '500', job: 'api' }, values: [7] },
      { refId: 'A', name: '200', labels: { code: '200', job: 'api' }, values: [9, 3] },
    ];
    expect(barChartData(frames, {})).toEqual({ fields: ['Value #A', 'Value #B'], categories: [{ name: '500', values: [4, 7] }, { name: '200', values: [3, null] }] });
    // The imported graph's reduce transformation decides the value; xField names the label of the categories.
    expect(barChartData(frames.filter((f) => f.refId === 'A'), { options: { xField: 'job' }, transformations: [{ id: 'reduce', options: { reducers: ['max'] } }] })).toEqual({ fields: ['Value'], categories: [{ name: 'api', values: [9] }] });
  });

  it('bins a histogram as Grafana does: a nice bucket size over 30 buckets, or the panel\'s, empty buckets kept', () => {
    // Range 1 over 30 buckets is 0.0333: the next nice size is 0.04 (1, 2, 2.5, 4, 5 times a power of ten).
    const h = histogramBins([{ name: 'a', values: [0, 0, 1, 1, 1, null] }, { name: 'b', values: [0.5] }]);
    expect(h.size).toBe(0.04);
    expect(h.bins.length).toBe(26);
    expect(h.bins.filter((b) => b.counts.some((c) => c > 0)).map((b) => [b.from, b.to, b.counts])).toEqual([[0, 0.04, [2, 0]], [0.48, 0.52, [0, 1]], [1, 1.04, [3, 0]]]);
    // A given size and offset; 0.7 / 0.1 is 6.999... in binary but in the bucket from 0.7.
    const g = histogramBins([{ name: 'a', values: [0.1, 0.2, 0.3, 0.7] }], { bucketSize: 0.1, bucketOffset: 0 });
    expect(g.bins.map((b) => [b.from, b.counts[0]])).toEqual([[0.1, 1], [0.2, 1], [0.3, 1], [0.4, 0], [0.5, 0], [0.6, 0], [0.7, 1]]);
    expect(histogramBins([{ name: 'a', values: [12, 17] }, { name: 'b', values: [14] }], { bucketSize: 5, bucketOffset: 2, combine: true })).toEqual({ size: 5, series: ['Count'], bins: [{ from: 12, to: 17, counts: [2] }, { from: 17, to: 22, counts: [1] }] });
    // A size that would make millions of buckets falls back to the automatic one, and says so.
    const huge = histogramBins([{ name: 'a', values: [0, 1e6] }], { bucketSize: 1e-3 });
    expect(huge).toMatchObject({ size: 40000, resized: true });
    expect(histogramBins([{ name: 'a', values: [null] }]).bins).toEqual([]);
  });

  it('expands a collapsed row in place and pushes what is below it down', () => {
    const items: LayoutItem[] = [
      { key: 'r', panel: { type: 'row', collapsed: true, gridPos: { x: 0, y: 4, w: 24, h: 1 } }, children: [
        { key: 'a', panel: { gridPos: { x: 0, y: 20, w: 12, h: 6 } } },
        { key: 'b', panel: { gridPos: { x: 12, y: 20, w: 12, h: 8 } } },
      ] },
      { key: 'below', panel: { gridPos: { x: 0, y: 5, w: 24, h: 3 } } },
    ];
    expect(layout(items, new Set()).map((b) => [b.key, b.pos.y])).toEqual([['r', 4], ['below', 5]]);
    expect(layout(items, new Set(['r'])).map((b) => [b.key, b.pos.y])).toEqual([['r', 4], ['a', 5], ['b', 5], ['below', 13]]);
  });
});

describe('change marks', () => {
  it('an inserted panel is one addition; panels it pushes down are not moved', () => {
    const c = dashboardChanges(showcaseDashboard() as never, showcaseDashboard({ extraPanel: true }) as never);
    expect(Object.values(c.after)).toEqual(['added']);
    expect(c.before).toEqual({});
    expect(c.changed).toBe(true);
  });

  it('a changed threshold marks that panel changed on both sides, naming the setting', () => {
    const c = dashboardChanges(showcaseDashboard() as never, showcaseDashboard({ rateThreshold: 2 }) as never);
    expect(Object.entries(c.after)).toEqual([['id3', 'changed']]);
    expect(c.fields).toEqual({ id3: ['fieldConfig'] });
    expect(Object.entries(c.before)).toEqual([['id3', 'changed']]);
  });

  it('identical dashboards have no changes', () => {
    expect(dashboardChanges(showcaseDashboard() as never, showcaseDashboard() as never).changed).toBe(false);
  });
});

describe('alerts in review', () => {
  const series = (times: number[]) => [{ labels: { __name__: 'up', job: 'x' }, times }];

  it('applies for: a run shorter than for stays pending, a longer one fires once', () => {
    expect(firingsFromSamples(series([0, 60, 120]), 60, 300, 0, 1000)).toEqual([]);
    expect(firingsFromSamples(series([0, 60, 120, 180, 240, 300, 360]), 60, 300, 0, 1000)).toEqual([{ labels: { job: 'x' }, start: 300, end: 420 }]);
  });

  it('a gap resolves the alert: two runs are two firings', () => {
    const f = firingsFromSamples(series([0, 60, 120, 600, 660, 720]), 60, 60, 0, 1000);
    expect(f.map((x) => [x.start, x.end])).toEqual([[60, 180], [660, 780]]);
  });

  it('keep_firing_for bridges a short gap', () => {
    const f = firingsFromSamples(series([0, 60, 240, 300]), 60, 0, 300, 1000);
    expect(f.map((x) => [x.start, x.end])).toEqual([[0, 660]]);
  });

  it('finds added, changed and removed alerts by group and name', () => {
    const before = alertRules(new Map([['rules/alerts/a.yml', ruleYaml([{ alert: 'A', expr: 'x > 0.05', for: '5m' }, { alert: 'Gone', expr: 'y' }, { alert: 'Same', expr: 'z' }])]]));
    const after = alertRules(new Map([['rules/alerts/a.yml', ruleYaml([{ alert: 'A', expr: 'x  >  0.02', for: '5m' }, { alert: 'New', expr: 'w' }, { alert: 'Same', expr: 'z', labels: { team: 'b' } }])]]));
    expect(alertChanges(before, after).map((c) => [c.key, c.change])).toEqual([['demo.alerts/A', 'changed'], ['demo.alerts/Gone', 'removed'], ['demo.alerts/New', 'added']]);
  });

  it('says what the change does in a sentence', () => {
    const rule = { group: 'g', file: 'f', alert: 'A', expr: 'x > 0.02', for: '5m', keepFiringFor: '0s', labels: {} };
    const r: AlertReview = {
      key: 'g/A', change: 'changed', before: { ...rule, expr: 'x > 0.05' }, after: rule,
      window: { from: 0, to: 7 * 86400, step: 61 },
      beforeHistory: { firings: [], seriesSeen: 0 },
      afterHistory: { firings: [1, 2, 3].map((i) => ({ labels: {}, start: i * 1000, end: i * 1000 + 600 })), seriesSeen: 1 },
    };
    expect(verdict(r)).toBe('would have fired 3 times over the last 7d instead of never');
    expect(historyText(r.afterHistory)).toBe('fired 3 times (1 series, 30m firing in all)');
  });
});
