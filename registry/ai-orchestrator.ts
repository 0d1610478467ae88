// The AI Orchestrator's own metrics, exposed by prom-client (lib/monitoring/metrics.ts,
// lib/monitoring/business-metrics.ts) on the `metrics` port (9464) of every Kubernetes Service
// labelled `monitoring: enabled`.
//
// The monitoring README names the instrumentation calls (createMetricsMiddleware(service),
// recordWorkflowExecution(workflowId, workflowName, engineType, status, duration, userId),
// recordEngineCall(engineType, operation, status, duration)) and the KPIs, but not the metric
// names: the names below follow prom-client / Prometheus conventions and are what the alerts,
// recording rules, SLOs and dashboards of this project read. workflowId and userId are NOT labels:
// the README itself asks to "limit label values", and one series per user or workflow run would
// explode cardinality (they belong in traces).
import { counter, gauge, histogram, registry } from '../dsl/index.ts';

/** Workflow engines the orchestrator drives (the incident runbook: Langflow, N8N, LangSmith). */
const engineTypes = ['langflow', 'n8n', 'langsmith'] as const;
/** Terminal states of a workflow execution. Assumed set: the README does not list them. */
const workflowStatuses = ['completed', 'failed', 'timeout', 'cancelled'] as const;

export const aiOrchestrator = registry({
  name: 'ai-orchestrator',
  // Not stated in the README; 15s is the usual Kubernetes scrape interval and lets rate()[1m] work.
  scrapeInterval: '15s',
  jobs: ['ai-orchestrator'],
  // kubernetes-service-endpoints discovery (monitoring=enabled) copies namespace and pod onto targets.
  targetLabels: ['job', 'instance', 'namespace', 'pod'],
  metrics: {
    // --- HTTP (createMetricsMiddleware(serviceName)) ---
    http_requests_total: counter({
      help: 'HTTP requests handled, by service, method, route template and status code.',
      labels: ['service', 'method', 'route', 'status_code'],
      values: { method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
    }),
    http_request_duration_seconds: histogram({
      // prom-client default buckets (0.005 ... 10) include le="1", the README's 1 s latency line.
      help: 'HTTP request latency, by service, method, route template and status code.',
      unit: 'seconds',
      labels: ['service', 'method', 'route', 'status_code'],
      values: { method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
    }),

    // --- Workflow execution (recordWorkflowExecution) ---
    workflow_executions_total: counter({
      help: 'Workflow executions that reached a terminal state, by workflow, engine and status.',
      labels: ['workflow_name', 'engine_type', 'status'],
      values: { engine_type: engineTypes, status: workflowStatuses },
    }),
    workflow_execution_duration_seconds: histogram({
      help: 'Wall-clock duration of workflow executions, by workflow, engine and status.',
      unit: 'seconds',
      labels: ['workflow_name', 'engine_type', 'status'],
      values: { engine_type: engineTypes, status: workflowStatuses },
    }),
    workflow_queue_size: gauge({
      help: 'Workflow executions waiting to be picked up, per engine queue.',
      labels: ['engine_type'],
      values: { engine_type: engineTypes },
    }),
    workflows_created_total: counter({
      help: 'Workflow definitions created by users, by engine.',
      labels: ['engine_type'],
      values: { engine_type: engineTypes },
    }),

    // --- Engine adapters (recordEngineCall) ---
    engine_calls_total: counter({
      help: 'Calls from the orchestrator to a workflow engine API, by engine, operation and outcome.',
      labels: ['engine_type', 'operation', 'status'],
      values: { engine_type: engineTypes, status: ['success', 'error'] },
    }),
    engine_call_duration_seconds: histogram({
      help: 'Latency of calls to a workflow engine API, by engine, operation and outcome.',
      unit: 'seconds',
      labels: ['engine_type', 'operation', 'status'],
      values: { engine_type: engineTypes, status: ['success', 'error'] },
    }),

    // --- Business metrics (lib/monitoring/business-metrics.ts) ---
    user_logins_total: counter({
      help: 'User login attempts, by outcome.',
      labels: ['status'],
      values: { status: ['success', 'failure'] },
    }),
    business_active_users: gauge({
      help: 'Distinct users active in the trailing window (monthly = MAU), recomputed by the business-metrics job.',
      labels: ['period'],
      values: { period: ['daily', 'monthly'] },
    }),
    business_monthly_recurring_revenue_dollars: gauge({
      help: 'Monthly recurring revenue (MRR) in US dollars.',
      unit: 'dollars',
    }),
    business_customer_satisfaction_score: gauge({
      help: 'Customer satisfaction score (CSAT): share of satisfied survey answers, 0-100.',
      unit: 'percent',
    }),

    // --- prom-client collectDefaultMetrics() (process and Node.js runtime) ---
    process_cpu_seconds_total: counter({ help: 'Total user and system CPU time spent in seconds.', unit: 'seconds' }),
    process_resident_memory_bytes: gauge({ help: 'Resident memory size in bytes.', unit: 'bytes' }),
    process_start_time_seconds: gauge({ help: 'Start time of the process since unix epoch in seconds.', unit: 'seconds' }),
    nodejs_eventloop_lag_seconds: gauge({ help: 'Lag of event loop in seconds.', unit: 'seconds' }),
    nodejs_heap_size_used_bytes: gauge({ help: 'Process heap size used from Node.js in bytes.', unit: 'bytes' }),
    nodejs_heap_size_total_bytes: gauge({ help: 'Process heap size from Node.js in bytes.', unit: 'bytes' }),
  },
});
