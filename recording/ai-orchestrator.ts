// Recording rules of the AI Orchestrator (monitoring/prometheus/recording_rules.yml): the ratios and
// quantiles the alerts compare, precomputed once per evaluation instead of in every alert.
// Recorded names carry `ai_orchestrator_` in their metric part because the five systems of this
// repository share one Prometheus: a generic `job:http_requests:rate5m` would be written twice.
import { promql, record, ruleGroup } from '../dsl/index.ts';

const job = 'ai-orchestrator';
const w = '5m';
// The failure statuses of a workflow execution: a cancelled run was stopped by its user, not broken.
const failed = 'failed|timeout';

export const aiOrchestratorHttpRecording = ruleGroup({
  name: 'ai-orchestrator.recording.http',
  rules: [
    record({
      name: 'service:ai_orchestrator_http_requests:rate5m',
      expr: promql`sum by (job, service) (rate(http_requests_total{job=${job}}[${w}]))`,
    }),
    record({
      name: 'service:ai_orchestrator_http_request_errors:ratio_rate5m',
      expr: promql`
        sum by (job, service) (rate(http_requests_total{job=${job}, status_code=~"5.."}[${w}]))
        /
        sum by (job, service) (rate(http_requests_total{job=${job}}[${w}]))`,
    }),
    ...[0.5, 0.95, 0.99].map((q) => record({
      name: `service:ai_orchestrator_http_request_duration_seconds:p${q * 100}_5m`,
      expr: promql`histogram_quantile(${q}, sum by (job, service, le) (rate(http_request_duration_seconds_bucket{job=${job}}[${w}])))`,
    })),
  ],
});

export const aiOrchestratorWorkflowRecording = ruleGroup({
  name: 'ai-orchestrator.recording.workflows',
  rules: [
    record({
      name: 'engine_type_status:ai_orchestrator_workflow_executions:rate5m',
      expr: promql`sum by (job, engine_type, status) (rate(workflow_executions_total{job=${job}}[${w}]))`,
    }),
    record({
      name: 'engine_type:ai_orchestrator_workflow_execution_failures:ratio_rate5m',
      expr: promql`
        sum by (job, engine_type) (rate(workflow_executions_total{job=${job}, status=~${failed}}[${w}]))
        /
        sum by (job, engine_type) (rate(workflow_executions_total{job=${job}}[${w}]))`,
    }),
    record({
      name: 'engine_type:ai_orchestrator_workflow_execution_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, engine_type, le) (rate(workflow_execution_duration_seconds_bucket{job=${job}}[${w}])))`,
    }),
    record({
      name: 'engine_type:ai_orchestrator_engine_call_errors:ratio_rate5m',
      expr: promql`
        sum by (job, engine_type) (rate(engine_calls_total{job=${job}, status="error"}[${w}]))
        /
        sum by (job, engine_type) (rate(engine_calls_total{job=${job}}[${w}]))`,
    }),
    record({
      name: 'engine_type:ai_orchestrator_engine_call_duration_seconds:p95_5m',
      expr: promql`histogram_quantile(0.95, sum by (job, engine_type, le) (rate(engine_call_duration_seconds_bucket{job=${job}}[${w}])))`,
    }),
  ],
});

// The business alerts' windows are the README's own units: logins and creations per hour,
// executions per 5 minutes.
export const aiOrchestratorBusinessRecording = ruleGroup({
  name: 'ai-orchestrator.recording.business',
  rules: [
    record({
      // `or vector(0)`: with no login at all the counter may not exist yet, and "no data" must
      // still read as "0 logins" for LowUserActivity.
      name: 'ai_orchestrator:user_logins:increase1h',
      expr: promql`sum(increase(user_logins_total{job=${job}, status="success"}[1h])) or vector(0)`,
    }),
    record({
      name: 'ai_orchestrator:workflows_created:increase1h',
      expr: promql`sum(increase(workflows_created_total{job=${job}}[1h])) or vector(0)`,
    }),
    record({
      name: 'ai_orchestrator:workflow_executions:increase5m',
      expr: promql`sum(increase(workflow_executions_total{job=${job}}[${w}]))`,
    }),
  ],
});

// Node resources of the Kubernetes nodes the platform runs on (node_exporter, job "node-exporter").
export const aiOrchestratorNodeRecording = ruleGroup({
  name: 'ai-orchestrator.recording.nodes',
  rules: [
    record({
      name: 'instance:ai_orchestrator_node_cpu_utilisation:ratio_rate5m',
      expr: promql`1 - avg by (instance) (rate(node_cpu_seconds_total{job="node-exporter", mode="idle"}[${w}]))`,
    }),
    record({
      name: 'instance:ai_orchestrator_node_memory_utilisation:ratio',
      expr: '1 - node_memory_MemAvailable_bytes{job="node-exporter"} / node_memory_MemTotal_bytes{job="node-exporter"}',
    }),
    record({
      name: 'instance_mountpoint:ai_orchestrator_node_filesystem_avail:ratio',
      expr: `
        node_filesystem_avail_bytes{job="node-exporter", fstype!~"tmpfs|overlay|squashfs"}
        / node_filesystem_size_bytes{job="node-exporter", fstype!~"tmpfs|overlay|squashfs"}`,
    }),
  ],
});
