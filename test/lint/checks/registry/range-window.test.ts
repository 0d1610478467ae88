import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/registry/range-window.ts';
import { alert, counter, record, registry, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';
import { REGISTRIES } from '../../../helpers/test-registry.ts';

describe('registry/range-window', () => {
  it('accepts windows of at least 4 scrape intervals (15s in the registry, the group interval for recorded series)', () => {
    expectValid(check, { registries: REGISTRIES, modules: [
      ruleGroup({ name: 'r', interval: '30s', rules: [record({ name: 'job:x:sum', expr: 'sum by (job) (http_requests_total)' })] }),
      ruleGroup({ name: 'g', rules: [
        alert({ name: 'A', expr: 'rate(http_requests_total[1m]) > 1 or irate(http_requests_total[5m]) > 1' }),
        alert({ name: 'B', expr: 'rate(job:x:sum[2m]) > 1 or rate(unregistered[10s]) > 1 or max_over_time(queue_depth[15s]) > 1' }),
      ] }),
    ] });
  });

  it('warns below 4 intervals and errs below 2', () => {
    const ds = expectInvalid(check, { registries: REGISTRIES, modules: [
      ruleGroup({ name: 'r', interval: '1m', rules: [record({ name: 'job:x:sum', expr: 'sum by (job) (http_requests_total)' })] }),
      ruleGroup({ name: 'g', rules: [
        alert({ name: 'A', expr: 'rate(http_requests_total[45s]) > 1' }),
        alert({ name: 'B', expr: 'increase(http_requests_total[20s]) > 1' }),
        alert({ name: 'C', expr: 'rate(job:x:sum[3m]) > 1' }),
      ] }),
    ] }, [
      { messageId: 'fragile', message: /^rate\(\) over 45s of http_requests_total, which its job is scraped every 15s: a single missed scrape/, line: 22, column: 60, endColumn: 63, text: '45s' },
      { messageId: 'tooShort', message: /^increase\(\) over 20s .*fewer than 2 samples/, line: 23, column: 64, endColumn: 67, text: '20s' },
      { messageId: 'fragile', message: /^rate\(\) over 3m of job:x:sum, which its recording rule group runs every 1m/, line: 24, column: 50, endColumn: 52, text: '3m' },
    ]);
    expect(ds.map((d) => d.severity).sort()).toEqual(['error', 'warning', 'warning']);
    expect(ds.find((d) => d.message.includes('45s'))?.hint).toBe('use a window of at least 1m (4 × 15s)');
  });

  it('goes by the interval of the job a selector names; without one it lists, by the registry\'s', () => {
    const nodes = registry({
      name: 'node', scrapeInterval: '15s', jobs: ['node-fast', { name: 'node-slow', scrapeInterval: '1m' }],
      metrics: { node_cpu_seconds_total: counter({ help: 'CPU seconds.', labels: ['cpu', 'mode'] }) },
    });
    expect(nodes.jobs).toEqual(['node-fast', 'node-slow']);
    expectValid(check, { registries: [nodes], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'Fast', expr: 'rate(node_cpu_seconds_total{job="node-fast"}[1m]) > 1' }),
      alert({ name: 'Slow', expr: 'rate(node_cpu_seconds_total{job="node-slow"}[4m]) > 1' }),
      alert({ name: 'Any', expr: 'rate(node_cpu_seconds_total[1m]) > 1 or rate(node_cpu_seconds_total{job="unlisted"}[1m]) > 1' }),
    ] })] });
    expectInvalid(check, { registries: [nodes], modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'Slow', expr: 'rate(node_cpu_seconds_total{job="node-slow"}[1m]) > 1' }),
      alert({ name: 'Both', expr: 'rate(node_cpu_seconds_total{job=~"node-fast|node-slow"}[2m]) > 1' }),
    ] })] }, [
      { messageId: 'tooShort', message: /^rate\(\) over 1m of node_cpu_seconds_total, which its job is scraped every 1m: fewer than 2 samples/, line: 47, column: 81, endColumn: 83, text: '1m' },
      { messageId: 'fragile', message: /^rate\(\) over 2m of node_cpu_seconds_total, which its job is scraped every 1m: a single missed scrape/, line: 48, column: 92, endColumn: 94, text: '2m' },
    ]);
  });
});
