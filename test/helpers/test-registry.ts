/** A small registry for the check tests: one metric of each kind, with a closed value set. */
import { counter, gauge, histogram, info, registry, summary } from '../../dsl/registry/index.ts';

export const shop = registry({
  name: 'shop',
  scrapeInterval: '15s',
  metrics: {
    http_requests_total: counter({ help: 'Requests served.', labels: ['code', 'method', 'handler'], values: { method: ['GET', 'POST', 'PUT'] } }),
    http_request_duration_seconds: histogram({ help: 'Request latency.', labels: ['handler'] }),
    rpc_latency_seconds: summary({ labels: ['service'] }),
    queue_depth: gauge({ help: 'Jobs waiting.', labels: ['queue'] }),
    build_info: info({ labels: ['version', 'revision'] }),
    node_cpu_seconds_total: counter({ labels: ['cpu', 'mode'], values: { mode: ['idle', 'iowait', 'system', 'user'] } }),
  },
});

export const REGISTRIES = [shop];
