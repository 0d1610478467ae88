/**
 * A project monitoring several services has several registries defining the same series name
 * (every web framework exports `http_requests_total`). A selector may read any of them, so checks
 * see their union, not whichever registry happened to load first.
 */
import { describe, expect, it } from 'vitest';
import { alert, counter, gauge, histogram, registry, ruleGroup } from '../../dsl/index.ts';
import { bucketBounds, indexRegistries } from '../../dsl/registry/index.ts';
import { selectorJob } from '../../dsl/promql/index.ts';
import unknownLabel from '../../dsl/lint/checks/registry/unknown-label.ts';
import labelValue from '../../dsl/lint/checks/registry/label-value.ts';
import histogramBucket from '../../dsl/lint/checks/registry/histogram-bucket.ts';
import histogramQuantile from '../../dsl/lint/checks/promql/histogram-quantile.ts';
import rateOnNonCounter from '../../dsl/lint/checks/registry/rate-on-non-counter.ts';
import { expectInvalid, expectValid } from '../helpers/check-tester.ts';

const api = registry({
  name: 'api', scrapeInterval: '15s', jobs: ['api'],
  metrics: {
    http_requests_total: counter({ labels: ['code', 'method', 'route'], values: { method: ['GET', 'POST'] } }),
    queue_depth: gauge({ labels: ['queue'] }),
  },
});
const worker = registry({
  name: 'worker', scrapeInterval: '1m', jobs: ['worker'], targetLabels: ['job', 'instance', 'pod'],
  metrics: {
    http_requests_total: counter({ labels: ['status', 'method'], values: { method: ['GET', 'DELETE'] } }),
    // Not the same kind of series as the api's: a counter of jobs taken from the queue.
    queue_depth: counter({ labels: ['queue', 'tenant'] }),
  },
});
const REGISTRIES = [api, worker];

describe('a series name defined by several registries', () => {
  it('has every label of every definition, guarantees only what all guarantee, and takes the slowest scrape interval', () => {
    const info = indexRegistries(REGISTRIES).lookup('http_requests_total');
    expect(info?.labels).toEqual(['code', 'instance', 'job', 'method', 'pod', 'route', 'status']);
    expect(info?.guaranteed).toEqual(['instance', 'job']);
    expect(info?.values).toEqual({ method: ['DELETE', 'GET', 'POST'] });
    expect(info?.behavesAs).toBe('counter');
    expect(info?.scrapeIntervalMs).toBe(60_000);
    // The order the registries load in changes nothing.
    expect(indexRegistries([worker, api]).lookup('http_requests_total')?.labels).toEqual(info?.labels);
  });

  it('is of unknown type when the definitions disagree', () => {
    expect(indexRegistries(REGISTRIES).lookup('queue_depth')?.behavesAs).toBe('unknown');
    expectValid(rateOnNonCounter, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(queue_depth[5m]) > 1' }),
    ] })] });
  });

  it('accepts the labels and values of either definition and still reports what neither has', () => {
    expectValid(unknownLabel, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{job="api", route="/cart", code="500"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(http_requests_total{job="worker", status="500", pod="w-1"}[5m]) > 1' }),
    ] })] });
    expectValid(labelValue, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{method="DELETE"}[5m]) > 1 or rate(http_requests_total{method="POST"}[5m]) > 1' }),
    ] })] });
    expectInvalid(unknownLabel, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{handler="/cart"}[5m]) > 1' }),
    ] })] }, ['http_requests_total has no label "handler"']);
    expectInvalid(labelValue, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{method="PATCH"}[5m]) > 1' }),
    ] })] }, ['method="PATCH"']);
  });
  it('has known buckets only when every registry defining the histogram declares them', () => {
    const a = registry({ name: 'a', metrics: { latency_seconds: histogram({ buckets: [0.5, 0.1, 1] }) } });
    const b = registry({ name: 'b', metrics: { latency_seconds: histogram({ buckets: [0.25, 1] }) } });
    const c = registry({ name: 'c', metrics: { latency_seconds: histogram() } });
    expect(bucketBounds([a, b])('latency_seconds')).toEqual([0.1, 0.25, 0.5, 1]);
    expect(bucketBounds([a, c])('latency_seconds')).toBeUndefined();
    expect(bucketBounds([a])('other_seconds')).toBeUndefined();
  });
  it('answers for one service when the selector names a job a registry lists', () => {
    expect(indexRegistries(REGISTRIES).lookup('http_requests_total', 'worker')?.labels).toEqual(['instance', 'job', 'method', 'pod', 'status']);
    expect(indexRegistries(REGISTRIES).lookup('http_requests_total', 'nobody')?.labels).toEqual(indexRegistries(REGISTRIES).lookup('http_requests_total')?.labels);
    expectInvalid(unknownLabel, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{job="worker", route="/cart"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(http_requests_total{job="api", status="500"}[5m]) > 1' }),
    ] })] }, ['http_requests_total has no label "route"', 'http_requests_total has no label "status"']);
    expectInvalid(labelValue, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{job="api", method="DELETE"}[5m]) > 1' }),
    ] })] }, ['method="DELETE"']);
  });

  it('checks one service\'s buckets by its job even when another service declares none', () => {
    const a = registry({ name: 'a', jobs: ['a'], metrics: { latency_seconds: histogram({ buckets: [0.5, 1.024, 2.048] }) } });
    const b = registry({ name: 'b', jobs: ['b'], metrics: { latency_seconds: histogram() } });
    expect(bucketBounds([a, b])('latency_seconds', 'a')).toEqual([0.5, 1.024, 2.048]);
    expect(bucketBounds([a, b])('latency_seconds', 'b')).toBeUndefined();
    expect(bucketBounds([a, b])('latency_seconds')).toBeUndefined();
    expectInvalid(histogramBucket, { registries: [a, b], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(latency_seconds_bucket{job="a", le="2"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(latency_seconds_bucket{job="b", le="2"}[5m]) > 1 or rate(latency_seconds_bucket{le="2"}[5m]) > 1' }),
    ] })] }, ['latency_seconds_bucket{le="2"} matches no bucket of latency_seconds (in alert "A")']);
  });
  it('leaves the kind unknown when definitions disagree, whichever registry loads first', () => {
    const a = registry({ name: 'a', metrics: { lat: gauge() } });
    const b = registry({ name: 'b', metrics: { lat: histogram({ native: true }) } });
    for (const order of [[a, b], [b, a]]) {
      expect(indexRegistries(order).lookup('lat')?.def.type).toBe('unknown');
      expectValid(histogramQuantile, { registries: order, modules: [ruleGroup({ name: 'g', rules: [
        alert({ name: 'A', expr: 'histogram_quantile(0.9, sum(rate(lat[5m]))) > 1' }),
      ] })] });
    }
  });
  it('types a series by the job its selector names, and leaves it unknown without one', () => {
    expectInvalid(rateOnNonCounter, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(queue_depth{job="api"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(queue_depth{job="worker"}[5m]) > 1 or rate(queue_depth[5m]) > 1' }),
    ] })] }, ['rate() on queue_depth, which is a gauge (in alert "A")']);
  });

  it('answers for the jobs a job=~"a|b" of plain values names, and for none when the pattern is a real regex or a variable', () => {
    const batch = registry({ name: 'batch', jobs: ['batch'], metrics: { http_requests_total: counter({ labels: ['shard'] }) } });
    const all = [api, worker, batch];
    expect(selectorJob({ matchers: [{ name: 'job', op: '=~', value: 'api|worker' }] })).toBe('api\u0000worker');
    expect(selectorJob({ matchers: [{ name: 'job', op: '=~', value: 'api' }] })).toBe('api');
    for (const value of ['api|work.*', '$job', 'a\\|b|', '']) expect(selectorJob({ matchers: [{ name: 'job', op: '=~', value }] })).toBeUndefined();
    expect(indexRegistries(all).lookup('http_requests_total', 'api\u0000worker')?.labels).toEqual(['code', 'instance', 'job', 'method', 'pod', 'route', 'status']);
    expectValid(unknownLabel, { registries: all, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{job=~"api|worker", status="500"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(http_requests_total{job=~"api|.*", shard="1"}[5m]) > 1' }),
    ] })] });
    expectInvalid(unknownLabel, { registries: all, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{job=~"api|worker", shard="1"}[5m]) > 1' }),
    ] })] }, [/^http_requests_total has no label "shard"/]);
  });
});
