// Per-tenant aggregates the three Synchron hub dashboards and the tenant table read: one cheap series
// per tenant instead of every route/event-type/instance series on each refresh.
import { promql, record, ruleGroup } from '../dsl/index.ts';
import { synchronHubAiOrchestrator, synchronHubBackend, synchronHubEvents } from '../registry/synchron-hub.ts';

const w = '5m';

const hubRequests = synchronHubEvents.sel('hub_tenant_request_total', { job: 'synchron-hub-backend-hub' });
const hubFailed = synchronHubEvents.sel('hub_tenant_request_total', { job: 'synchron-hub-backend-hub', outcome: 'failed' });
const apiRequests = synchronHubBackend.sel('hub_http_requests_total', { job: 'synchron-hub-backend' });
const api5xx = synchronHubBackend.sel('hub_http_requests_total', { job: 'synchron-hub-backend', status_code: { re: '5..' } });
const apiLatency = synchronHubBackend.sel('hub_http_request_duration_seconds_bucket', { job: 'synchron-hub-backend' });
const dispatches = synchronHubAiOrchestrator.sel('ai_orchestrator_dispatch_total', { job: 'synchron-hub-ai-orchestrator' });
const dispatchFailed = synchronHubAiOrchestrator.sel('ai_orchestrator_dispatch_total', {
  job: 'synchron-hub-ai-orchestrator', outcome: { re: 'error|timeout' },
});
const dispatchLatency = synchronHubAiOrchestrator.sel('ai_orchestrator_dispatch_duration_seconds_bucket', { job: 'synchron-hub-ai-orchestrator' });

export const synchronHubRecording = ruleGroup({
  name: 'synchron-hub.recording',
  interval: '30s',
  rules: [
    // Tenant routing (hub_tenant_request_total), the README's headline series.
    record({ name: 'tenant_id_outcome:hub_tenant_request:rate5m', expr: promql`sum by (tenant_id, outcome) (rate(${hubRequests}[${w}]))` }),
    record({
      name: 'tenant_id:hub_tenant_request_failures:ratio_rate5m',
      // `> 0` on the denominator: a tenant without traffic has no ratio instead of NaN; `or 0 * ...`: a
      // tenant that never failed (no failed series yet) has a ratio of 0, not no data.
      expr: promql`
        (sum by (tenant_id) (rate(${hubFailed}[${w}])) or 0 * sum by (tenant_id) (rate(${hubRequests}[${w}])))
        / (sum by (tenant_id) (rate(${hubRequests}[${w}])) > 0)`,
    }),
    record({ name: 'tenant_id:hub_http_requests:rate5m', expr: promql`sum by (tenant_id) (rate(${apiRequests}[${w}]))` }),
    record({
      name: 'tenant_id:hub_http_request_errors:ratio_rate5m',
      expr: promql`
        (sum by (tenant_id) (rate(${api5xx}[${w}])) or 0 * sum by (tenant_id) (rate(${apiRequests}[${w}])))
        / (sum by (tenant_id) (rate(${apiRequests}[${w}])) > 0)`,
    }),
    record({
      name: 'tenant_id:hub_http_request_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (tenant_id, le) (rate(${apiLatency}[${w}])))`,
    }),
    record({
      name: 'tenant_id:ai_orchestrator_dispatch_failures:ratio_rate5m',
      expr: promql`
        (sum by (tenant_id) (rate(${dispatchFailed}[${w}])) or 0 * sum by (tenant_id) (rate(${dispatches}[${w}])))
        / (sum by (tenant_id) (rate(${dispatches}[${w}])) > 0)`,
    }),
    record({
      name: 'tenant_id:ai_orchestrator_dispatch_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (tenant_id, le) (rate(${dispatchLatency}[${w}])))`,
    }),
    record({
      name: 'tenant_id_channel:hub_token_expiry_failures:rate5m',
      expr: promql`sum by (tenant_id, channel) (rate(hub_token_expiry_failures_total{job="synchron-hub-backend-hub"}[${w}]))`,
    }),
    // Lag of each consumer group over all its topics: what the Kafka lag panels and table show.
    record({
      name: 'consumergroup:kafka_consumergroup_lag:sum',
      expr: 'sum by (consumergroup) (kafka_consumergroup_lag_sum{job="synchron-hub-kafka"})',
    }),
  ],
});
