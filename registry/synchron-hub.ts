// The Synchron AI Hub's own metrics. The monitoring README names one series (hub_tenant_request_total)
// and says what else Prometheus scrapes (backend /metrics and /hub/metrics, orchestrator health); the
// other names and label sets are ours, named as a Node.js prom-client service names them. Every
// series the backend and the AI services write carries tenant_id (README, "Tenant Awareness"), except
// the process/runtime series prom-client's collectDefaultMetrics() writes.
import { counter, gauge, histogram, registry } from '../dsl/index.ts';

/** Backend `/metrics`: HTTP traffic of the API (port 4000) and the Node.js runtime. */
export const synchronHubBackend = registry({
  name: 'synchron-hub-backend',
  scrapeInterval: '15s',
  jobs: ['synchron-hub-backend'],
  metrics: {
    hub_http_requests_total: counter({
      help: 'HTTP requests answered by the backend API, by tenant (X-Tenant), method, route and status code.',
      labels: ['tenant_id', 'method', 'route', 'status_code'],
      values: { method: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] },
    }),
    hub_http_request_duration_seconds: histogram({
      help: 'Latency of the backend API, by tenant, method and route.',
      unit: 'seconds',
      labels: ['tenant_id', 'method', 'route'],
    }),
    // prom-client collectDefaultMetrics(): the ones our dashboards read.
    process_cpu_seconds_total: counter({ help: 'Total user and system CPU time spent in seconds.', unit: 'seconds' }),
    process_resident_memory_bytes: gauge({ help: 'Resident memory size in bytes.', unit: 'bytes' }),
    process_start_time_seconds: gauge({ help: 'Start time of the process since unix epoch in seconds.', unit: 'seconds' }),
    nodejs_eventloop_lag_p99_seconds: gauge({ help: 'The 99th percentile of the recorded event loop delays.', unit: 'seconds' }),
    nodejs_heap_size_used_bytes: gauge({ help: 'Process heap size used from Node.js in bytes.', unit: 'bytes' }),
    nodejs_heap_size_total_bytes: gauge({ help: 'Process heap size from Node.js in bytes.', unit: 'bytes' }),
    nodejs_active_handles_total: gauge({ help: 'Number of active libuv handles grouped by handle type.', labels: ['type'] }),
  },
});

/** Backend `/hub/metrics`: the event hub (POST /api/hub/events), its queues and channel credentials. */
export const synchronHubEvents = registry({
  name: 'synchron-hub-events',
  scrapeInterval: '15s',
  jobs: ['synchron-hub-backend-hub'],
  metrics: {
    // Named by the README. The outcome label is ours: routed to the tenant's handlers, rejected
    // (unknown tenant or invalid event: the caller's fault) or failed (ours).
    hub_tenant_request_total: counter({
      help: 'Hub events received, by tenant, event type and routing outcome.',
      labels: ['tenant_id', 'event_type', 'outcome'],
      values: { outcome: ['failed', 'rejected', 'routed'] },
    }),
    hub_event_processing_duration_seconds: histogram({
      help: 'Time from receiving a hub event to handing it to Kafka, by tenant and event type.',
      unit: 'seconds',
      labels: ['tenant_id', 'event_type'],
    }),
    hub_events_published_total: counter({
      help: 'Hub events published to Kafka, by tenant, event type and topic (the hub.topic span attribute).',
      labels: ['tenant_id', 'event_type', 'topic'],
    }),
    hub_queue_depth: gauge({
      help: 'Hub events waiting in a queue to be processed, by tenant and queue.',
      labels: ['tenant_id', 'queue'],
    }),
    // "Token expiry failures" of the README: an outbound call (OnlyChannel, WhatsApp templates) refused
    // because the cached channel credential (<tenant>:onlychannel:token in Redis) had expired and
    // could not be refreshed.
    hub_token_expiry_failures_total: counter({
      help: 'Outbound channel calls that failed on an expired channel token, by tenant and channel.',
      labels: ['tenant_id', 'channel'],
    }),
  },
});

/** AI orchestrator `/metrics`: dispatch of conversations to the AI services (span ai.orchestrator.dispatch). */
export const synchronHubAiOrchestrator = registry({
  name: 'synchron-hub-ai-orchestrator',
  scrapeInterval: '15s',
  jobs: ['synchron-hub-ai-orchestrator'],
  metrics: {
    ai_orchestrator_dispatch_total: counter({
      help: 'Dispatches of a conversation turn to an AI agent, by tenant and outcome.',
      labels: ['tenant_id', 'outcome'],
      values: { outcome: ['error', 'success', 'timeout'] },
    }),
    ai_orchestrator_dispatch_duration_seconds: histogram({
      help: 'Duration of a dispatch, from the event to the agent answer, by tenant.',
      unit: 'seconds',
      labels: ['tenant_id'],
    }),
    ai_orchestrator_queue_depth: gauge({
      help: 'Conversation turns waiting for dispatch, by tenant.',
      labels: ['tenant_id'],
    }),
  },
});
