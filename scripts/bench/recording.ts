/**
 * A seeded rule file of recording rules with random expressions, as a large recording-rule tree
 * looks (aggregations of rates and gauges, ratios, quantiles, offsets and label matchers over
 * exporter metrics, some of which no registry knows), for `obs lint` vs `promtool check rules`.
 * The same seed gives the same file byte for byte; every expression is valid PromQL for 2.42.
 */
import { mulberry32 } from '../../test/helpers/prng.ts';

// Metric names as exporters expose them: node_exporter, cAdvisor, kube-state-metrics, HTTP
// services, and names of services no registry describes.
const COUNTERS = [
  'node_cpu_seconds_total',
  'node_network_receive_bytes_total',
  'node_network_transmit_bytes_total',
  'node_disk_read_bytes_total',
  'node_disk_written_bytes_total',
  'container_cpu_usage_seconds_total',
  'container_network_receive_bytes_total',
  'http_requests_total',
  'grpc_server_handled_total',
  'kafka_server_brokertopicmetrics_messagesin_total',
  'pg_stat_database_xact_commit',
  'redis_commands_processed_total',
  'apiserver_request_total',
  'checkout_orders_total',
  'payments_failed_total',
  'search_queries_total',
  'cache_misses_total',
  'queue_messages_consumed_total',
];
const GAUGES = [
  'node_memory_MemAvailable_bytes',
  'node_memory_MemTotal_bytes',
  'node_filesystem_avail_bytes',
  'node_filesystem_size_bytes',
  'node_load1',
  'container_memory_working_set_bytes',
  'kube_pod_container_status_restarts_total',
  'kube_deployment_status_replicas_available',
  'kube_pod_status_phase',
  'up',
  'pg_stat_activity_count',
  'redis_connected_clients',
  'queue_depth',
  'inventory_items_reserved',
];
const HISTOGRAMS = [
  'http_request_duration_seconds',
  'grpc_server_handling_seconds',
  'apiserver_request_duration_seconds',
  'checkout_latency_seconds',
  'db_query_duration_seconds',
];
const LABELS = [
  'job',
  'instance',
  'namespace',
  'pod',
  'container',
  'service',
  'code',
  'method',
  'handler',
  'cluster',
  'mode',
  'device',
];
const VALUES = [
  'api',
  'node-exporter',
  'kube-system',
  'prod',
  'eu-west-1',
  '5..',
  '2..',
  'GET',
  'POST',
  'idle',
  'eth0',
  'checkout',
];
const WINDOWS = ['1m', '2m', '5m', '10m', '30m', '1h', '6h', '1d'];
const AGGS = ['sum', 'avg', 'max', 'min', 'count'];

export interface RecordingFile {
  readonly yaml: string;
  readonly rules: number;
  readonly groups: number;
}

/** `rules` recording rules in groups of `perGroup`, from `seed`. */
export function recordingRuleFile(seed: number, rules = 20000, perGroup = 50): RecordingFile {
  const rnd = mulberry32(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const labels = (): string => {
    const n = 1 + int(3);
    const set = new Set<string>();
    while (set.size < n) set.add(pick(LABELS));
    return [...set].join(', ');
  };
  const selector = (metric: string): string => {
    const n = int(3);
    const ms: string[] = [];
    for (let i = 0; i < n; i++) {
      const op = pick(['=', '=', '!=', '=~']);
      const v = pick(VALUES);
      ms.push(`${pick(LABELS)}${op}"${op === '=~' ? `${v}|${pick(VALUES)}` : v}"`);
    }
    return ms.length === 0 ? metric : `${metric}{${ms.join(', ')}}`;
  };
  const offset = (): string => (rnd() < 0.1 ? ` offset ${pick(WINDOWS)}` : '');
  const rate = (): string =>
    `${pick(['rate', 'rate', 'irate', 'increase'])}(${selector(pick(COUNTERS))}[${pick(WINDOWS)}]${offset()})`;
  const vector = (): string => {
    switch (int(6)) {
      case 0:
      case 1:
        return `${pick(AGGS)} by (${labels()}) (${rate()})`;
      case 2:
        return `${pick(AGGS)} by (${labels()}) (${selector(pick(GAUGES))})`;
      case 3:
        return `${pick(['avg_over_time', 'max_over_time', 'min_over_time'])}(${selector(pick(GAUGES))}[${pick(WINDOWS)}])`;
      case 4: {
        const by = labels();
        return `histogram_quantile(${pick(['0.5', '0.9', '0.95', '0.99'])}, sum by (le, ${by}) (rate(${selector(`${pick(HISTOGRAMS)}_bucket`)}[${pick(WINDOWS)}])))`;
      }
      default:
        return `${pick(['sum', 'max'])} without (${labels()}) (${rate()})`;
    }
  };
  const expr = (): string => {
    switch (int(5)) {
      case 0: {
        const by = labels();
        return `sum by (${by}) (${rate()})\n/\nsum by (${by}) (${rate()})`;
      }
      case 1:
        return `${vector()} ${pick(['*', '/', '+', '-'])} ${pick(['100', '60', '1024', '0.5'])}`;
      case 2:
        return `${vector()} ${pick(['>', '<', '>='])} ${int(1000) / 10}`;
      default:
        return vector();
    }
  };
  const out = ['groups:'];
  let groups = 0;
  for (let i = 0; i < rules; i++) {
    if (i % perGroup === 0) {
      out.push(`  - name: recording-${groups}`, `    interval: ${pick(['30s', '1m', '2m'])}`, '    rules:');
      groups++;
    }
    const e = expr();
    out.push(
      `      - record: ${pick(['job', 'instance', 'namespace', 'cluster'])}:rec${i}:${pick(['rate5m', 'ratio', 'sum', 'p99'])}`,
    );
    if (e.includes('\n')) out.push('        expr: |-', ...e.split('\n').map((l) => `          ${l}`));
    else out.push(`        expr: ${e.includes(': ') || e.startsWith('{') ? JSON.stringify(e) : e}`);
    if (rnd() < 0.3) out.push('        labels:', `          team: ${pick(['sre', 'payments', 'search', 'platform'])}`);
  }
  return { yaml: `${out.join('\n')}\n`, rules, groups };
}
