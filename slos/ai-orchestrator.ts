// Service level objectives of the AI Orchestrator: the README's "Performance Review" targets
// (response times < 1 second at the 95th percentile, error rate < 1%, workflow success rate > 95%).
// The README states no period: 30 days, the default, so the budget matches the monthly review of
// the business KPIs. Each slo(...) becomes SLI rules, burn-rate alerts, tests and a dashboard row.
import { slo } from '../dsl/index.ts';
import { aiOrchestrator } from '../registry/ai-orchestrator.ts';

const runbook = 'https://git.ai-orchestrator.example.com/platform/ai-orchestrator/-/blob/main/monitoring/runbooks/incident-response.md';
const labels = { team: 'platform' };
// The README's P-levels ride along as `priority` (see alerts/ai-orchestrator.ts): a fast burn is a
// P1 incident (< 15 min response), a slow burn a P2 one (< 1 h).
const tiers = { page: { labels: { priority: 'P1' } }, ticket: { labels: { priority: 'P2' } } };

/** Error rate < 1%: 99% of HTTP requests are not answered with a 5xx over 30 days. */
export const availability = slo({
  service: 'ai-orchestrator',
  name: 'availability',
  description: 'HTTP requests to the AI Orchestrator services that are not answered with a 5xx.',
  objective: 99,
  sli: {
    ratio: {
      bad: aiOrchestrator.sel('http_requests_total', { job: 'ai-orchestrator', status_code: { re: '5..' } }),
      total: aiOrchestrator.sel('http_requests_total', { job: 'ai-orchestrator' }),
    },
  },
  labels,
  alerting: { annotations: { runbook_url: `${runbook}#2-high-error-rate-alert` }, ...tiers },
});

/** Response times < 1 second (95th percentile): 95% of requests are served within 1s over 30 days. */
export const latency = slo({
  service: 'ai-orchestrator',
  name: 'latency',
  description: 'HTTP requests to the AI Orchestrator services served within 1 second.',
  objective: 95,
  sli: {
    latency: {
      histogram: aiOrchestrator.sel('http_request_duration_seconds_bucket', { job: 'ai-orchestrator' }),
      threshold: 1,
    },
  },
  labels,
  alerting: { annotations: { runbook_url: `${runbook}#3-high-response-time-alert` }, ...tiers },
});

/** Workflow success rate > 95%: at most 5% of workflow executions fail or time out over 30 days. */
export const workflowSuccess = slo({
  service: 'ai-orchestrator',
  name: 'workflow-success',
  description: 'Workflow executions that do not fail or time out (cancelled runs count as not failed).',
  objective: 95,
  sli: {
    ratio: {
      bad: aiOrchestrator.sel('workflow_executions_total', { job: 'ai-orchestrator', status: { re: 'failed|timeout' } }),
      total: aiOrchestrator.sel('workflow_executions_total', { job: 'ai-orchestrator' }),
    },
  },
  labels,
  alerting: { annotations: { runbook_url: `${runbook}#4-workflow-execution-failures` }, ...tiers },
});
