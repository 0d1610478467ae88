import { describe, expect, it } from 'vitest';
import { canCarry, FlowMemo, labelFlows, resultFlow, type LabelFlow, type SeriesLookup } from '../../dsl/lint/label-flow.ts';
import { checkExpression, type Expr } from '../../dsl/promql/index.ts';
import { walk } from '../../dsl/promql/ast.ts';

const KNOWN: SeriesLookup = (m) => ({
  http_requests_total: { labels: ['code', 'instance', 'job', 'method'], guaranteed: ['instance', 'job'] },
  build_info: { labels: ['instance', 'job', 'version'], guaranteed: ['instance', 'job'] },
  latency_bucket: { labels: ['instance', 'job', 'le'], guaranteed: ['instance', 'job', 'le'] },
} as Record<string, { labels: string[]; guaranteed: string[] }>)[m];

function flow(expr: string): { guaranteed: string[]; possible: string[]; open: boolean } {
  const r = checkExpression(expr, { target: '3.5' });
  if (!r.expr) throw new Error(r.errors[0]?.message);
  const f = resultFlow(r.expr, KNOWN);
  return { guaranteed: [...f.guaranteed].sort(), possible: [...f.possible].sort(), open: f.open };
}

describe('label flow', () => {
  it.each([
    ['http_requests_total', ['instance', 'job'], ['code', 'instance', 'job', 'method'], false],
    ['unknown_metric{a="x", b!=""}', ['a', 'b'], ['a', 'b'], true],
    ['sum by (job, code) (rate(http_requests_total[5m]))', ['job'], ['code', 'job'], false],
    ['sum without (instance) (http_requests_total)', ['job'], ['code', 'job', 'method'], false],
    ['sum(http_requests_total)', [], [], false],
    ['topk(3, http_requests_total)', ['instance', 'job'], ['code', 'instance', 'job', 'method'], false],
    ['count_values("value", build_info)', ['value'], ['value'], false],
    ['http_requests_total / on(job) group_left sum by (job) (http_requests_total)', ['instance', 'job'], ['code', 'instance', 'job', 'method'], false],
    ['http_requests_total / on(job, code) http_requests_total', ['job'], ['code', 'job'], false],
    ['http_requests_total / ignoring(code) http_requests_total', ['instance', 'job'], ['instance', 'job', 'method'], false],
    ['http_requests_total * on(instance) group_left(version) build_info', ['instance', 'job'], ['code', 'instance', 'job', 'method', 'version'], false],
    ['absent(http_requests_total{job="api", code=~"5.."})', ['job'], ['job'], false],
    ['histogram_quantile(0.9, sum by (le, job) (rate(latency_bucket[5m])))', ['job'], ['job'], false],
    ['label_replace(http_requests_total, "team", "$1", "job", "(.*)-.*")', ['instance', 'job'], ['code', 'instance', 'job', 'method', 'team'], false],
    ['label_replace(http_requests_total, "env", "prod", "", ".*")', ['env', 'instance', 'job'], ['code', 'env', 'instance', 'job', 'method'], false],
    ['sum by (job) (http_requests_total) or sum by (code) (http_requests_total)', [], ['code', 'job'], false],
    ['vector(1)', [], [], false],
  ])('%s', (expr, guaranteed, possible, open) => {
    expect(flow(expr)).toEqual({ guaranteed, possible, open });
  });

  it('excludes labels matched empty, even on series of unknown labels', () => {
    const r = checkExpression('unknown_metric{team=""}', { target: '3.5' });
    const f = resultFlow(r.expr!, KNOWN);
    expect([canCarry(f, 'team'), canCarry(f, 'anything')]).toEqual([false, true]);
    expect(canCarry(resultFlow(checkExpression('scalar(up)', { target: '3.5' }).expr!, KNOWN), 'job')).toBe(false);
  });

  it('keeps every set sorted, whatever order the inputs come in', () => {
    const many = Array.from({ length: 40 }, (_, i) => `l${String(39 - i).padStart(2, '0')}`);
    const lookup: SeriesLookup = (m) => (m === 'wide' ? { labels: [...many, 'l05', 'l00'], guaranteed: ['l07', 'l03', 'l07'] }
      : m === 'narrow' ? { labels: ['z', 'b', 'a', 'b', 'y'], guaranteed: ['y', 'b', 'y'] } : undefined);
    for (const expr of ['wide{zz="1", aa="2"}', 'narrow{c="1", a!=""}', 'narrow * on(b) group_left(l01, l00) wide', 'sum without (z, y, z) (narrow)']) {
      const f = resultFlow(checkExpression(expr, { target: '3.5' }).expr!, lookup);
      for (const set of [f.guaranteed, f.possible, f.excluded]) expect([...set]).toEqual([...new Set(set)].sort());
    }
    expect([...resultFlow(checkExpression('narrow{c="1"}', { target: '3.5' }).expr!, lookup).possible]).toEqual(['a', 'b', 'c', 'y', 'z']);
  });

  const parse = (expr: string): Expr => {
    const r = checkExpression(expr, { target: '3.5' });
    if (!r.expr) throw new Error(r.errors[0]?.message);
    return r.expr;
  };
  const sets = (f: LabelFlow | undefined) =>
    f && { guaranteed: [...f.guaranteed], possible: [...f.possible], open: f.open, excluded: [...f.excluded], scalar: f.scalar };

  // A table searches up to 24 nodes and builds a map past that: both must find every node.
  it.each([
    ['small', 'sum by (job) (rate(http_requests_total{code="500"}[5m])) / on(job) count by (job) (build_info)'],
    ['large', Array.from({ length: 8 }, (_, i) => `sum by (job) (rate(http_requests_total{code="${i}"}[5m]))`).join(' + ')],
  ])('a %s table holds the flow of every node, the same as the node computed on its own', (_, expr) => {
    const root = parse(expr);
    const table = labelFlows(root, KNOWN, new Map(), new FlowMemo());
    const nodes: Expr[] = [];
    walk(root, (n) => void nodes.push(n));
    expect(nodes.length > 24).toBe(_ === 'large');
    for (const n of nodes) expect(sets(table.get(n))).toEqual(sets(resultFlow(n, KNOWN)));
    expect(table.get(parse('http_requests_total'))).toBeUndefined();
  });

  it("computes a recorded series' flows inside a lookup with the same memo (its stacks), as without one", () => {
    const recorded = parse('sum by (job, method) (rate(http_requests_total[5m])) * on(job) group_left(version) build_info');
    const memo = new FlowMemo();
    const lookup = (m: FlowMemo | undefined): SeriesLookup => (name) => {
      if (name !== 'job_method:requests:rate5m') return KNOWN(name);
      // As the registry view does: the recorded series' labels from its rule's flow, computed mid-call.
      const f = labelFlows(recorded, lookup(m), undefined, m).get(recorded)!;
      return { labels: [...f.possible], guaranteed: [...f.guaranteed] };
    };
    const root = parse('sum by (job) (job_method:requests:rate5m{method="GET"}) / ignoring(method) sum by (job, method) (job_method:requests:rate5m)');
    const withMemo = labelFlows(root, lookup(memo), undefined, memo);
    const alone = labelFlows(root, lookup(undefined));
    const nodes: Expr[] = [];
    walk(root, (n) => void nodes.push(n));
    for (const n of nodes) expect(sets(withMemo.get(n))).toEqual(sets(alone.get(n)));
    expect(sets(withMemo.get(root))).toEqual({ guaranteed: ['job'], possible: ['job'], open: false, excluded: ['method'], scalar: false });
    expect([memo.todo.length, memo.bases.length, memo.values.length, memo.pairs.length]).toEqual([0, 0, 0, 0]);
  });
});
