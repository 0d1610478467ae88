// The Keiko backend's own metrics, written by hand from its FastAPI middleware
// (backend/monitoring/prometheus_middleware.py, prometheus_client). The label names are the ones the
// code sets, not the ones the team's first dashboard guessed: the status label is `status_code`
// (there is no `code`), the route is `endpoint` (the raw request path), and `repository` is the
// constant "keiko-backend" left over from splitting the monorepo.
import { counter, histogram, registry } from '../dsl/index.ts';

export const keikoBackend = registry({
  name: 'keiko-backend',
  // The backend's scrape job overrides the 15s global interval (scrape_configs: keiko-backend, 10s).
  scrapeInterval: '10s',
  jobs: ['keiko-backend'],
  metrics: {
    http_requests_total: counter({
      help: 'Total HTTP requests',
      labels: ['method', 'endpoint', 'status_code', 'repository'],
      // Starlette only routes these methods; the repository label is hard-coded by the middleware.
      values: {
        method: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        repository: ['keiko-backend'],
      },
    }),
    http_request_duration_seconds: histogram({
      // prometheus_client's default buckets, so le="1.0" exists for the 1s latency objective.
      help: 'HTTP request duration',
      unit: 'seconds',
      labels: ['method', 'endpoint', 'repository'],
      values: {
        method: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        repository: ['keiko-backend'],
      },
    }),
    // Incremented instead of http_requests_total when a handler raises: those requests reach the
    // client as 500s from Starlette's outer error middleware but never get a status_code sample.
    api_errors_total: counter({
      help: 'Total API errors',
      labels: ['endpoint', 'error_type', 'repository'],
      values: { repository: ['keiko-backend'] },
    }),
    agent_operations_total: counter({
      help: 'Total agent operations',
      labels: ['operation', 'agent_type', 'status'],
    }),
    // Documented as the "active agent counter", but instrumented as a prometheus_client Counter that
    // record_agent_registration() increments once per registration attempt, labelled by outcome.
    // It never goes down, so it counts registrations since the backend started, not live agents.
    registered_agents_total: counter({
      help: 'Total registered agents',
      labels: ['agent_type', 'status'],
    }),
  },
});
