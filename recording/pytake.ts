// PyTake's recording rules ("recording rules for performance optimization"). The names are the ones
// the team chose (pytake:...). Their originals divided per-series rates, so each 5xx series was
// matched with itself and the "error rate" was always 1; every ratio here is summed by job first.
// The latency quantiles are recorded too, because both the alerts and the API overview read them.
import { promql, record, ruleGroup } from '../dsl/index.ts';

const job = 'pytake-api';

export const pytakeRecording = ruleGroup({
  name: 'pytake.recording',
  rules: [
    record({
      name: 'pytake:http_requests_per_minute',
      expr: promql`sum by (job) (rate(http_requests_total{job=${job}}[1m])) * 60`,
    }),
    record({
      name: 'pytake:http_error_rate',
      expr: promql`
        sum by (job) (rate(http_requests_total{job=${job}, status=~"5.."}[5m]))
        / sum by (job) (rate(http_requests_total{job=${job}}[5m]))`,
    }),
    record({
      name: 'pytake:http_response_time_avg',
      expr: promql`
        sum by (job) (rate(http_request_duration_seconds_sum{job=${job}}[5m]))
        / sum by (job) (rate(http_request_duration_seconds_count{job=${job}}[5m]))`,
    }),
    ...([['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const).map(([p, q]) =>
      record({
        name: `pytake:http_request_duration_seconds:${p}_5m`,
        expr: promql`histogram_quantile(${q}, sum by (job, le) (rate(http_request_duration_seconds_bucket{job=${job}}[5m])))`,
      }),
    ),
    record({
      name: 'pytake:whatsapp_success_rate',
      expr: promql`
        sum by (job) (rate(whatsapp_messages_total{job=${job}, status="sent"}[5m]))
        / sum by (job) (rate(whatsapp_messages_total{job=${job}}[5m]))`,
    }),
    record({
      name: 'pytake:whatsapp_api_request_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, le) (rate(whatsapp_api_request_duration_seconds_bucket{job=${job}}[5m])))`,
    }),
    record({
      name: 'pytake:ai_requests_per_minute',
      expr: promql`sum by (job, model) (rate(ai_requests_total{job=${job}}[1m])) * 60`,
    }),
    record({
      name: 'pytake:ai_avg_response_time',
      expr: promql`
        sum by (job, model) (rate(ai_request_duration_seconds_sum{job=${job}}[5m]))
        / sum by (job, model) (rate(ai_request_duration_seconds_count{job=${job}}[5m]))`,
    }),
    record({
      name: 'pytake:ai_request_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, le) (rate(ai_request_duration_seconds_bucket{job=${job}}[5m])))`,
    }),
    record({
      name: 'pytake:db_query_rate',
      expr: promql`sum by (job) (rate(database_queries_total{job=${job}}[1m])) * 60`,
    }),
    record({
      name: 'pytake:db_avg_query_time',
      expr: promql`
        sum by (job) (rate(database_query_duration_seconds_sum{job=${job}}[5m]))
        / sum by (job) (rate(database_query_duration_seconds_count{job=${job}}[5m]))`,
    }),
    record({
      name: 'pytake:db_query_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, le) (rate(database_query_duration_seconds_bucket{job=${job}}[5m])))`,
    }),
    record({
      name: 'pytake:redis_operation_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, le) (rate(redis_operation_duration_seconds_bucket{job=${job}}[5m])))`,
    }),
    record({
      name: 'pytake:cache_hit_rate',
      expr: promql`
        sum by (job) (rate(cache_operations_total{job=${job}, result="hit"}[5m]))
        / sum by (job) (rate(cache_operations_total{job=${job}}[5m]))`,
    }),
  ],
});
