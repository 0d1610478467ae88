/**
 * Pins the analysis API of `checkExpression`: metrics (also from `{__name__="x"}`), selectors with
 * their matchers, grouping labels (by / without / on / ignoring / group_left / group_right),
 * functions, aggregations, ranges and offsets, and the Grafana variables it reports.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression, type Analysis, type CheckOptions } from '../../dsl/promql/index.ts';

function analysisOf(expr: string, options: CheckOptions = {}): Analysis {
  const r = checkExpression(expr, { target: '2.42', ...options });
  expect(r.errors, expr).toEqual([]);
  expect(r.valid, expr).toBe(true);
  if (!r.analysis) throw new Error(`no analysis for ${expr}`);
  return r.analysis;
}

const matchersOf = (a: Analysis) => a.selectors.map((s) => s.matchers.map((m) => ({ name: m.name, op: m.op, value: m.value })));
const groupingsOf = (a: Analysis) => a.groupings.map((g) => ({ kind: g.kind, labels: [...g.labels] }));

describe('analysis: metrics and selectors', () => {
  it('reads the metric name written before the braces', () => {
    const a = analysisOf('rate(http_requests_total{code=~"5..", job!="x"}[5m])');
    expect(a.metrics).toEqual(['http_requests_total']);
    expect(a.metricPatterns).toEqual([]);
    expect(a.selectors).toHaveLength(1);
    expect(a.selectors[0]).toMatchObject({ metric: 'http_requests_total', rangeMs: 300_000, start: 5, end: 51 });
    expect(matchersOf(a)).toEqual([[
      { name: 'code', op: '=~', value: '5..' },
      { name: 'job', op: '!=', value: 'x' },
    ]]);
  });

  it('reads the metric name from {__name__="x"}', () => {
    const a = analysisOf('{__name__="x"}');
    expect(a.metrics).toEqual(['x']);
    expect(a.selectors[0]).toMatchObject({ metric: 'x', start: 0, end: 14 });
    expect(matchersOf(a)).toEqual([[{ name: '__name__', op: '=', value: 'x' }]]);
  });

  it('reports a __name__ regex as a pattern, not as a metric', () => {
    const a = analysisOf('{__name__=~"foo_.*", job="a"}');
    expect(a.metrics).toEqual([]);
    expect(a.metricPatterns).toEqual(['foo_.*']);
    expect(a.selectors[0]?.metric).toBeUndefined();
  });

  it('lists metrics sorted and unique across the expression', () => {
    const a = analysisOf('b + a + on(job) b + {__name__="a"}');
    expect(a.metrics).toEqual(['a', 'b']);
    expect(a.selectors.map((s) => s.metric)).toEqual(['b', 'a', 'b', 'a']);
  });

  it('unescapes matcher values', () => {
    const a = analysisOf('foo{path=~"/api/\\\\d+", raw=~`\\d+`, q=\'it\\\'s\'}');
    expect(matchersOf(a)).toEqual([[
      { name: 'path', op: '=~', value: '/api/\\d+' },
      { name: 'raw', op: '=~', value: '\\d+' },
      { name: 'q', op: '=', value: "it's" },
    ]]);
  });
});

describe('analysis: grouping and vector matching', () => {
  it('reports by, without, ignoring and group_left with their labels', () => {
    const a = analysisOf('sum by (job) (rate(x[5m])) / ignoring(code) group_left(team) sum without (instance, code) (rate(y[5m]))');
    expect(groupingsOf(a)).toEqual(expect.arrayContaining([
      { kind: 'by', labels: ['job'] },
      { kind: 'without', labels: ['instance', 'code'] },
      { kind: 'ignoring', labels: ['code'] },
      { kind: 'group_left', labels: ['team'] },
    ]));
    expect(a.groupings).toHaveLength(4);
    const by = a.groupings.find((g) => g.kind === 'by');
    expect(by).toMatchObject({ start: 4, end: 12 });
  });

  it('reports on and group_right', () => {
    const a = analysisOf('a * on(job, instance) group_right(team) b');
    expect(groupingsOf(a)).toEqual([
      { kind: 'on', labels: ['job', 'instance'] },
      { kind: 'group_right', labels: ['team'] },
    ]);
  });

  it('reports an empty on() and a bare group_left', () => {
    const a = analysisOf('sum(x) + on() group_left sum(y)');
    expect(groupingsOf(a)).toEqual([
      { kind: 'on', labels: [] },
      { kind: 'group_left', labels: [] },
    ]);
  });

  it('reports on() of a set operator and grouping after the body', () => {
    expect(groupingsOf(analysisOf('foo{a="b"} unless on(a) bar'))).toEqual([{ kind: 'on', labels: ['a'] }]);
    expect(groupingsOf(analysisOf('count_values("v", foo) without (x)'))).toEqual([{ kind: 'without', labels: ['x'] }]);
  });

  it('reports no grouping for a plain binary expression', () => {
    expect(analysisOf('a + b').groupings).toEqual([]);
  });
});

describe('analysis: functions and aggregations', () => {
  it('lists function and aggregation names, sorted and unique', () => {
    const a = analysisOf('histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > bool 1 or topk(3, sum(rate(y[1m])) by (job)) or abs(vector(1))');
    expect(a.functions).toEqual(['abs', 'histogram_quantile', 'rate', 'vector']);
    expect(a.aggregations).toEqual(['sum', 'topk']);
  });

  it('reports aggregations with a parameter', () => {
    const a = analysisOf('count_values("v", foo) + quantile(0.9, bar)');
    expect(a.aggregations).toEqual(['count_values', 'quantile']);
    expect(a.functions).toEqual([]);
  });
});

describe('analysis: ranges, subqueries and offsets', () => {
  it('reports a range and an offset in milliseconds with their positions', () => {
    const a = analysisOf('rate({__name__="http_requests_total"}[5m] offset 1h)');
    expect(a.ranges).toEqual(expect.arrayContaining([
      { kind: 'range', ms: 300_000, start: 38, end: 40 },
      { kind: 'offset', ms: 3_600_000, start: 49, end: 51 },
    ]));
    expect(a.ranges).toHaveLength(2);
    expect(a.selectors[0]).toMatchObject({ metric: 'http_requests_total', rangeMs: 300_000, offsetMs: 3_600_000 });
  });

  it('reports a subquery range and a negative offset', () => {
    const a = analysisOf('max_over_time(rate(foo[1m])[30m:1m] offset -5m)');
    expect(a.ranges).toEqual(expect.arrayContaining([
      { kind: 'subquery', ms: 1_800_000, start: 28, end: 31 },
      { kind: 'offset', ms: -300_000, start: 43, end: 46 },
      { kind: 'range', ms: 60_000, start: 23, end: 25 },
    ]));
    expect(a.ranges).toHaveLength(3);
  });

  it('reports composite durations in milliseconds', () => {
    const a = analysisOf('foo[1h30m] offset 1d');
    expect(a.ranges).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'range', ms: 5_400_000 }),
      expect.objectContaining({ kind: 'offset', ms: 86_400_000 }),
    ]));
  });

  it('reports no ranges for an instant selector', () => {
    const a = analysisOf('foo');
    expect(a.ranges).toEqual([]);
    expect(a.selectors[0]?.rangeMs).toBeUndefined();
    expect(a.selectors[0]?.offsetMs).toBeUndefined();
  });
});

describe('Grafana variables', () => {
  it('reports each variable with its name, kind, builtin flag and position in the original text', () => {
    const expr = 'sum(rate(x{job="$job"}[$__rate_interval])) by ($label)';
    const r = checkExpression(expr, { target: '2.42', grafana: true });
    expect(r.valid).toBe(true);
    expect(r.variables).toEqual([
      { name: 'job', builtin: false, kind: 'string', start: 16, end: 20 },
      { name: '__rate_interval', builtin: true, kind: 'duration', start: 23, end: 39 },
      { name: 'label', builtin: false, kind: 'name', start: 47, end: 53 },
    ]);
    for (const v of r.variables) expect(expr.slice(v.start, v.end)).toMatch(/^\$/);
    expect(r.analysis?.metrics).toEqual(['x']);
  });

  it('reports ${var:format} and number variables', () => {
    const expr = 'rate(x{instance=~"${instance:regex}"}[$__rate_interval]) * $__range_s';
    const r = checkExpression(expr, { target: '2.42', grafana: true });
    expect(r.valid).toBe(true);
    expect(r.variables).toEqual([
      { name: 'instance', format: 'regex', builtin: false, kind: 'string', start: 18, end: 35 },
      { name: '__rate_interval', builtin: true, kind: 'duration', start: 38, end: 54 },
      { name: '__range_s', builtin: true, kind: 'number', start: 59, end: 69 },
    ]);
  });

  it('reports [[var]] used as a range as a duration', () => {
    const expr = 'rate(x[[[interval]]])';
    const r = checkExpression(expr, { target: '2.42', grafana: true });
    expect(r.variables).toEqual([{ name: 'interval', builtin: false, kind: 'duration', start: 7, end: 19 }]);
    expect(r.valid).toBe(true);
  });

  it('reports no variables without the grafana option, and none in a query without variables', () => {
    expect(checkExpression('rate(foo[5m])', { target: '2.42' }).variables).toEqual([]);
    expect(checkExpression('rate(foo[5m])', { target: '2.42', grafana: true }).variables).toEqual([]);
  });
});
