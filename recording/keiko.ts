// Recording rules behind the Keiko alerts and dashboards ("use recording rules for complex queries").
// Series are named level:metric:operation with the level prefixed `keiko_` so that they cannot clash
// with another system's `job:http_requests:rate5m` once the projects are merged.
import { promql, record, ruleGroup } from '../dsl/index.ts';

const backend = 'keiko-backend';
const node = 'keiko-node-exporter';
const window = '5m';

// Handled requests and requests whose handler raised. The middleware records a raised exception in
// api_errors_total only (the 500 is written later by Starlette), so a request counter alone would
// hide crashes; the `or` keeps both kinds of series, whose label sets never collide.
const allRequests = promql`
  rate(http_requests_total{job=${backend}}[${window}])
  or rate(api_errors_total{job=${backend}}[${window}])`;
const failedRequests = promql`
  rate(http_requests_total{job=${backend}, status_code=~"5.."}[${window}])
  or rate(api_errors_total{job=${backend}}[${window}])`;

const quantile = (q: number, name: string) =>
  record({
    name,
    expr: promql`histogram_quantile(${q}, sum by (job, le) (rate(http_request_duration_seconds_bucket{job=${backend}}[${window}])))`,
  });

export const keikoBackendRecording = ruleGroup({
  name: 'keiko-backend.recording',
  rules: [
    record({ name: 'keiko_job:http_requests:rate5m', expr: promql`sum by (job) (${allRequests})` }),
    record({ name: 'keiko_job:http_request_errors:rate5m', expr: promql`sum by (job) (${failedRequests})` }),
    // Divides after aggregating; with no traffic there is no ratio rather than NaN.
    record({
      name: 'keiko_job:http_request_errors:ratio_rate5m',
      expr: 'keiko_job:http_request_errors:rate5m / (keiko_job:http_requests:rate5m > 0)',
    }),
    quantile(0.5, 'keiko_job:http_request_duration_seconds:p50_5m'),
    quantile(0.95, 'keiko_job:http_request_duration_seconds:p95_5m'),
    quantile(0.99, 'keiko_job:http_request_duration_seconds:p99_5m'),
  ],
});

export const keikoHostRecording = ruleGroup({
  name: 'keiko-host.recording',
  rules: [
    record({
      name: 'keiko_instance:node_cpu_utilisation:ratio_rate5m',
      expr: promql`1 - avg by (job, instance) (rate(node_cpu_seconds_total{job=${node}, mode="idle"}[${window}]))`,
    }),
    // MemAvailable, not MemFree: page cache the kernel can reclaim is not "used".
    record({
      name: 'keiko_instance:node_memory_utilisation:ratio',
      expr: promql`1 - node_memory_MemAvailable_bytes{job=${node}} / node_memory_MemTotal_bytes{job=${node}}`,
    }),
    // Space available to the backend's (non-root) user; pseudo and image-layer filesystems excluded.
    record({
      name: 'keiko_instance_mountpoint:node_filesystem_utilisation:ratio',
      expr: promql`
        1 - node_filesystem_avail_bytes{job=${node}, fstype!~"tmpfs|overlay|squashfs"}
          / node_filesystem_size_bytes{job=${node}, fstype!~"tmpfs|overlay|squashfs"}`,
    }),
  ],
});
