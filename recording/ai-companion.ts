// Recording rules of the AI Companion: the ratios and percentiles both the alerts and the overview
// dashboard read, computed once per evaluation instead of in every panel refresh.
import { promql, record, ruleGroup } from '../dsl/index.ts';

const app = 'ai-companion-app';

/** histogram_quantile over the application's request histogram, per job, over 5m. */
const requestQuantile = (q: number) => promql`
  histogram_quantile(${q}, sum by (job, le) (rate(app_request_duration_seconds_bucket{job=${app}}[5m])))`;

export const aiCompanionRecording = ruleGroup({
  name: 'ai-companion.recording',
  rules: [
    record({
      name: 'job:app_requests:rate5m',
      expr: promql`sum by (job) (rate(app_requests_total{job=${app}}[5m]))`,
    }),
    // PerformanceMonitor has no app_errors_total (the team's rules read one): a failed request is
    // app_requests_total{status="error"}. `or 0 * ...` keeps a 0 ratio before the first error.
    record({
      name: 'job:app_request_errors:ratio_rate5m',
      expr: promql`
        (
          sum by (job) (rate(app_requests_total{job=${app}, status="error"}[5m]))
          or 0 * sum by (job) (rate(app_requests_total{job=${app}}[5m]))
        )
        / (sum by (job) (rate(app_requests_total{job=${app}}[5m])) > 0)`,
    }),
    record({ name: 'job:app_request_duration_seconds:p50_5m', expr: requestQuantile(0.5) }),
    record({ name: 'job:app_request_duration_seconds:p90_5m', expr: requestQuantile(0.9) }),
    record({ name: 'job:app_request_duration_seconds:p95_5m', expr: requestQuantile(0.95) }),
    record({ name: 'job:app_request_duration_seconds:p99_5m', expr: requestQuantile(0.99) }),
    // The team's rules read a `cache_hit_rate` gauge nobody sets; derive it from the counters
    // PerformanceMonitor does keep, per cache type, as a 0..1 ratio.
    record({
      name: 'job_cache_type:cache_hit:ratio_rate5m',
      expr: promql`
        sum by (job, cache_type) (rate(cache_hits_total{job=${app}}[5m]))
        /
        (
          sum by (job, cache_type) (rate(cache_hits_total{job=${app}}[5m]))
          + sum by (job, cache_type) (rate(cache_misses_total{job=${app}}[5m]))
          > 0
        )`,
    }),
    // The LLM timeout alert looks at 10 minutes, as the team wrote it.
    record({
      name: 'job_model:llm_timeouts:ratio_rate10m',
      expr: promql`
        sum by (job, model) (rate(llm_timeouts_total{job=${app}}[10m]))
        / (sum by (job, model) (rate(llm_requests_total{job=${app}}[10m])) > 0)`,
    }),
    record({
      name: 'job_database:db_connections:utilisation',
      expr: promql`
        max by (job, database) (db_connections_active{job=${app}})
        / on (job, database) (max by (job, database) (db_connections_max{job=${app}}) > 0)`,
    }),
  ],
});
