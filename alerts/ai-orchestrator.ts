// Alerts of the AI Orchestrator (monitoring/prometheus/alert_rules.yml), with the thresholds and
// durations of the monitoring README. Alert names are the README's, prefixed with `AiOrchestrator`
// so they stay unique in the shared Alertmanager.
//
// Severity: the README has three levels, Critical (P0, < 5 min response), Warning (P1, < 15 min)
// and Info (P2, < 1 h). Our policy's `severity` says how an alert is delivered, so the P-level is
// kept as its own `priority` label for Alertmanager routing and the incident process, and:
//   - page   = P0, and P1 alerts users feel (errors, latency, failing workflows): a 15-minute
//              response time is only met by a pager;
//   - ticket = P1/P2 capacity problems (CPU, memory, disk, queue backlog) that a person should
//              look at during the day;
//   - info   = the README's "business metrics" alerts (P2): signals for the product team, not
//              incidents.
// Where the README gives no `for`, 5m is used (its own default for the other alerts).
import { alert, promql, ruleGroup, ruleTest } from '../dsl/index.ts';
import {
  aiOrchestratorBusinessRecording, aiOrchestratorHttpRecording, aiOrchestratorWorkflowRecording,
} from '../recording/ai-orchestrator.ts';

const job = 'ai-orchestrator';
const team = 'platform';
/** The team's incident-response runbook (monitoring/runbooks/incident-response.md), one section per alert family. */
const runbook = 'https://git.ai-orchestrator.example.com/platform/ai-orchestrator/-/blob/main/monitoring/runbooks/incident-response.md';
const section = (slug: string) => `${runbook}#${slug}`;

export const aiOrchestratorSystemAlerts = ruleGroup({
  name: 'ai-orchestrator.alerts.system',
  rules: [
    alert({
      name: 'AiOrchestratorServiceDown',
      expr: promql`up{job=${job}} == 0`,
      for: '1m',
      labels: { severity: 'page', priority: 'P0', team },
      annotations: {
        summary: 'AI Orchestrator target {{ $labels.instance }} is down',
        description: 'Prometheus could not scrape {{ $labels.instance }} (namespace {{ $labels.namespace }}) for 1 minute: the service is unavailable.',
        runbook_url: `${runbook}#1-service-down-alert`,
      },
    }),
    // Not in the README: when every pod is gone (deployment deleted, service selector broken),
    // `up` has no series at all and ServiceDown cannot fire. Same priority: nothing is served.
    alert({
      name: 'AiOrchestratorTargetsMissing',
      expr: promql`absent(up{job=${job}})`,
      for: '5m',
      labels: { severity: 'page', priority: 'P0', team },
      annotations: {
        summary: 'No AI Orchestrator scrape target has been discovered for 5 minutes',
        description: 'Prometheus has no target for job {{ $labels.job }}: check the pods and the `monitoring: enabled` service label.',
        runbook_url: `${runbook}#1-service-down-alert`,
      },
    }),
    alert({
      name: 'AiOrchestratorHighCPUUsage',
      expr: 'instance:ai_orchestrator_node_cpu_utilisation:ratio_rate5m > 0.8',
      for: '5m',
      labels: { severity: 'ticket', priority: 'P2', team },
      annotations: {
        runbook_url: section('high-cpu-usage'),
        summary: 'CPU usage on {{ $labels.instance }} is {{ $value | humanizePercentage }}',
        description: 'CPU above 80% for 5 minutes on a node running the AI Orchestrator.',
      },
    }),
    alert({
      name: 'AiOrchestratorHighMemoryUsage',
      expr: 'instance:ai_orchestrator_node_memory_utilisation:ratio > 0.85',
      for: '5m',
      labels: { severity: 'ticket', priority: 'P2', team },
      annotations: {
        runbook_url: section('high-memory-usage'),
        summary: 'Memory usage on {{ $labels.instance }} is {{ $value | humanizePercentage }}',
        description: 'Memory above 85% for 5 minutes on a node running the AI Orchestrator.',
      },
    }),
    alert({
      name: 'AiOrchestratorDiskSpaceLow',
      expr: 'instance_mountpoint:ai_orchestrator_node_filesystem_avail:ratio < 0.1',
      // No duration in the README: 5m keeps a log burst that is rotated away from alerting.
      for: '5m',
      labels: { severity: 'ticket', priority: 'P1', team },
      annotations: {
        runbook_url: section('disk-space-low'),
        summary: '{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} space left',
        description: 'Less than 10% disk space left; a full disk loses data (database, queues).',
      },
    }),
  ],
});

export const aiOrchestratorApplicationAlerts = ruleGroup({
  name: 'ai-orchestrator.alerts.application',
  rules: [
    alert({
      name: 'AiOrchestratorHighErrorRate',
      expr: 'service:ai_orchestrator_http_request_errors:ratio_rate5m > 0.05',
      for: '5m',
      labels: { severity: 'page', priority: 'P1', team },
      annotations: {
        summary: '{{ $labels.service }} answers {{ $value | humanizePercentage }} of requests with 5xx',
        description: 'Error rate above 5% for 5 minutes.',
        runbook_url: `${runbook}#2-high-error-rate-alert`,
      },
    }),
    alert({
      name: 'AiOrchestratorHighResponseTime',
      expr: 'service:ai_orchestrator_http_request_duration_seconds:p95_5m > 1',
      // No duration in the README: 5m, as for the error rate, so one slow scrape window does not page.
      for: '5m',
      labels: { severity: 'page', priority: 'P1', team },
      annotations: {
        summary: '{{ $labels.service }} p95 response time is {{ $value | humanizeDuration }}',
        description: '95th percentile response time above 1 second for 5 minutes.',
        runbook_url: `${runbook}#3-high-response-time-alert`,
      },
    }),
    alert({
      name: 'AiOrchestratorWorkflowExecutionFailureRate',
      expr: 'engine_type:ai_orchestrator_workflow_execution_failures:ratio_rate5m > 0.1',
      // No duration in the README: 5m. Per engine, because the runbook's first step is to find
      // which engine (Langflow, N8N, LangSmith) is failing.
      for: '5m',
      labels: { severity: 'page', priority: 'P1', team },
      annotations: {
        summary: '{{ $value | humanizePercentage }} of {{ $labels.engine_type }} workflow executions fail',
        description: 'More than 10% of workflow executions on {{ $labels.engine_type }} failed or timed out over 5 minutes.',
        runbook_url: `${runbook}#4-workflow-execution-failures`,
      },
    }),
    alert({
      name: 'AiOrchestratorQueueBacklog',
      // `max`: the queue is shared, so every replica reports the same length; summing would count
      // it once per pod.
      expr: promql`max by (job, engine_type) (workflow_queue_size{job=${job}}) > 100`,
      // No duration in the README: 10m, so a burst that the workers drain in minutes is not a ticket.
      for: '10m',
      labels: { severity: 'ticket', priority: 'P2', team },
      annotations: {
        runbook_url: section('queue-backlog'),
        summary: '{{ $labels.engine_type }} workflow queue holds {{ $value }} items',
        description: 'More than 100 workflow executions have been waiting for 10 minutes: add workers or check the engine.',
      },
    }),
  ],
});

// Business alerts read hourly totals: evaluating them every minute is plenty.
export const aiOrchestratorBusinessAlerts = ruleGroup({
  name: 'ai-orchestrator.alerts.business',
  interval: '1m',
  rules: [
    alert({
      name: 'AiOrchestratorLowUserActivity',
      expr: 'ai_orchestrator:user_logins:increase1h < 10',
      for: '30m',
      labels: { severity: 'info', priority: 'P2', team: 'product' },
      annotations: {
        runbook_url: section('low-user-activity'),
        summary: 'Only {{ $value | printf "%.0f" }} logins in the last hour',
        description: 'Login rate below 10/hour for 30 minutes.',
      },
    }),
    alert({
      name: 'AiOrchestratorWorkflowCreationDrop',
      expr: 'ai_orchestrator:workflows_created:increase1h < 5',
      // No duration in the README: 30m, like the login alert it mirrors.
      for: '30m',
      labels: { severity: 'info', priority: 'P2', team: 'product' },
      annotations: {
        runbook_url: section('workflow-creation-drop'),
        summary: 'Only {{ $value | printf "%.0f" }} workflows created in the last hour',
        description: 'Workflow creation rate below 5/hour for 30 minutes.',
      },
    }),
    alert({
      name: 'AiOrchestratorExecutionVolumeSpike',
      expr: 'ai_orchestrator:workflow_executions:increase5m > 100',
      // No duration in the README: 5m, so the spike is sustained, not one burst of retries.
      for: '5m',
      labels: { severity: 'info', priority: 'P2', team: 'product' },
      annotations: {
        runbook_url: section('execution-volume-spike'),
        summary: '{{ $value | printf "%.0f" }} workflow executions in the last 5 minutes',
        description: 'Execution rate above 100 per 5 minutes for 5 minutes.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------
// Unit tests (promtool). The page alerts are tested from the raw metrics through the recording
// rules where the chain is the point (error rate, workflow failures).
// ---------------------------------------------------------------------------------------------

const pod = { job, instance: '10.0.1.7:9464', namespace: 'ai-orchestrator', pod: 'api-gateway-7d9f' };

export const serviceDownTest = ruleTest({
  name: 'a target down for 1 minute pages as P0',
  groups: [aiOrchestratorSystemAlerts],
  input: [{ metric: 'up', labels: pod, values: '1 1 1 0 0 0 0' }],
  alerts: [
    { at: '2m', alertname: 'AiOrchestratorServiceDown', expect: [] },
    // down from 3m: pending at 3m, firing once it has been down for 1m.
    {
      at: '5m',
      alertname: 'AiOrchestratorServiceDown',
      expect: [{
        labels: { ...pod, severity: 'page', priority: 'P0', team },
        annotations: {
          summary: 'AI Orchestrator target 10.0.1.7:9464 is down',
          description: 'Prometheus could not scrape 10.0.1.7:9464 (namespace ai-orchestrator) for 1 minute: the service is unavailable.',
          runbook_url: `${runbook}#1-service-down-alert`,
        },
      }],
    },
  ],
});

export const targetsMissingTest = ruleTest({
  name: 'no target at all pages after 5 minutes',
  groups: [aiOrchestratorSystemAlerts],
  input: [{ metric: 'up', labels: { ...pod, job: 'other' }, values: '1x10' }],
  alerts: [
    { at: '3m', alertname: 'AiOrchestratorTargetsMissing', expect: [] },
    {
      at: '6m',
      alertname: 'AiOrchestratorTargetsMissing',
      expect: [{
        labels: { job, severity: 'page', priority: 'P0', team },
        annotations: {
          summary: 'No AI Orchestrator scrape target has been discovered for 5 minutes',
          description: 'Prometheus has no target for job ai-orchestrator: check the pods and the `monitoring: enabled` service label.',
          runbook_url: `${runbook}#1-service-down-alert`,
        },
      }],
    },
  ],
});

export const highErrorRateTest = ruleTest({
  name: 'a service with 20% 5xx pages after 5 minutes; one with 1% does not',
  groups: [aiOrchestratorHttpRecording, aiOrchestratorApplicationAlerts],
  input: [
    // api-gateway: 80 ok + 20 errors per minute = 20% errors.
    { metric: 'http_requests_total', labels: { ...pod, service: 'api-gateway', method: 'GET', route: '/api/workflows', status_code: '200' }, values: '0+80x20' },
    { metric: 'http_requests_total', labels: { ...pod, service: 'api-gateway', method: 'GET', route: '/api/workflows', status_code: '503' }, values: '0+20x20' },
    // workflow-service: 99 ok + 1 error per minute = 1%, below the line.
    { metric: 'http_requests_total', labels: { ...pod, service: 'workflow-service', method: 'POST', route: '/executions', status_code: '201' }, values: '0+99x20' },
    { metric: 'http_requests_total', labels: { ...pod, service: 'workflow-service', method: 'POST', route: '/executions', status_code: '500' }, values: '0+1x20' },
  ],
  alerts: [
    { at: '3m', alertname: 'AiOrchestratorHighErrorRate', expect: [] },
    {
      at: '10m',
      alertname: 'AiOrchestratorHighErrorRate',
      expect: [{
        labels: { job, service: 'api-gateway', severity: 'page', priority: 'P1', team },
        annotations: {
          summary: 'api-gateway answers 20% of requests with 5xx',
          description: 'Error rate above 5% for 5 minutes.',
          runbook_url: `${runbook}#2-high-error-rate-alert`,
        },
      }],
    },
  ],
});

export const highResponseTimeTest = ruleTest({
  name: 'a p95 above 1s for 5 minutes pages',
  groups: [aiOrchestratorApplicationAlerts],
  input: [
    { metric: 'service:ai_orchestrator_http_request_duration_seconds:p95_5m', labels: { job, service: 'api-gateway' }, values: '0.4x4 1.5x15' },
  ],
  alerts: [
    { at: '4m', alertname: 'AiOrchestratorHighResponseTime', expect: [] },
    {
      at: '12m',
      alertname: 'AiOrchestratorHighResponseTime',
      expect: [{
        labels: { job, service: 'api-gateway', severity: 'page', priority: 'P1', team },
        annotations: {
          summary: 'api-gateway p95 response time is 1.5s',
          description: '95th percentile response time above 1 second for 5 minutes.',
          runbook_url: `${runbook}#3-high-response-time-alert`,
        },
      }],
    },
  ],
});

export const workflowFailureTest = ruleTest({
  name: 'an engine failing 25% of workflow executions pages; a healthy engine does not',
  groups: [aiOrchestratorWorkflowRecording, aiOrchestratorApplicationAlerts],
  input: [
    { metric: 'workflow_executions_total', labels: { ...pod, workflow_name: 'summarise', engine_type: 'n8n', status: 'completed' }, values: '0+30x20' },
    { metric: 'workflow_executions_total', labels: { ...pod, workflow_name: 'summarise', engine_type: 'n8n', status: 'timeout' }, values: '0+10x20' },
    { metric: 'workflow_executions_total', labels: { ...pod, workflow_name: 'classify', engine_type: 'langflow', status: 'completed' }, values: '0+50x20' },
    // Cancelled by the user: not a failure.
    { metric: 'workflow_executions_total', labels: { ...pod, workflow_name: 'classify', engine_type: 'langflow', status: 'cancelled' }, values: '0+10x20' },
  ],
  alerts: [
    {
      at: '10m',
      alertname: 'AiOrchestratorWorkflowExecutionFailureRate',
      expect: [{
        labels: { job, engine_type: 'n8n', severity: 'page', priority: 'P1', team },
        annotations: {
          summary: '25% of n8n workflow executions fail',
          description: 'More than 10% of workflow executions on n8n failed or timed out over 5 minutes.',
          runbook_url: `${runbook}#4-workflow-execution-failures`,
        },
      }],
    },
  ],
});

export const lowUserActivityTest = ruleTest({
  name: 'no login series at all still counts as low activity',
  groups: [aiOrchestratorBusinessRecording, aiOrchestratorBusinessAlerts],
  input: [{ metric: 'up', labels: pod, values: '1x40' }],
  alerts: [
    { at: '20m', alertname: 'AiOrchestratorLowUserActivity', expect: [] },
    {
      at: '35m',
      alertname: 'AiOrchestratorLowUserActivity',
      expect: [{
        labels: { severity: 'info', priority: 'P2', team: 'product' },
        annotations: { runbook_url: section('low-user-activity'), summary: 'Only 0 logins in the last hour', description: 'Login rate below 10/hour for 30 minutes.' },
      }],
    },
  ],
});

export const queueBacklogTest = ruleTest({
  name: 'a shared queue above 100 for 10 minutes opens a ticket, counted once however many replicas report it',
  groups: [aiOrchestratorApplicationAlerts],
  input: [
    // Two replicas report the same shared queue of 60: 120 summed, 60 really waiting.
    { metric: 'workflow_queue_size', labels: { ...pod, engine_type: 'langflow' }, values: '60x30' },
    { metric: 'workflow_queue_size', labels: { ...pod, pod: 'api-gateway-x2k1', instance: '10.0.1.8:9464', engine_type: 'langflow' }, values: '60x30' },
    { metric: 'workflow_queue_size', labels: { ...pod, engine_type: 'n8n' }, values: '150x30' },
  ],
  alerts: [
    { at: '5m', alertname: 'AiOrchestratorQueueBacklog', expect: [] },
    {
      at: '15m',
      alertname: 'AiOrchestratorQueueBacklog',
      expect: [{
        labels: { job, engine_type: 'n8n', severity: 'ticket', priority: 'P2', team },
        annotations: {
          runbook_url: section('queue-backlog'),
          summary: 'n8n workflow queue holds 150 items',
          description: 'More than 100 workflow executions have been waiting for 10 minutes: add workers or check the engine.',
        },
      }],
    },
  ],
});

export const executionVolumeSpikeTest = ruleTest({
  name: 'more than 100 executions per 5 minutes, sustained, raises an info alert',
  groups: [aiOrchestratorBusinessRecording, aiOrchestratorBusinessAlerts],
  input: [
    // 40 executions a minute = 200 per 5 minutes.
    { metric: 'workflow_executions_total', labels: { ...pod, workflow_name: 'summarise', engine_type: 'n8n', status: 'completed' }, values: '0+40x30' },
    { metric: 'user_logins_total', labels: { ...pod, status: 'success' }, values: '0+1x30' },
  ],
  alerts: [
    { at: '3m', alertname: 'AiOrchestratorExecutionVolumeSpike', expect: [] },
    {
      at: '15m',
      alertname: 'AiOrchestratorExecutionVolumeSpike',
      expect: [{
        labels: { severity: 'info', priority: 'P2', team: 'product' },
        annotations: {
          runbook_url: section('execution-volume-spike'),
          summary: '200 workflow executions in the last 5 minutes',
          description: 'Execution rate above 100 per 5 minutes for 5 minutes.',
        },
      }],
    },
  ],
});
