// PyTake's own application metrics, as its /metrics endpoint exposes them (job pytake-api, scraped
// every 15s). Names, types, label names and help texts are the ones the team's instrumentation
// registers (backend/simple_api/src/observability.rs of the PyTake repository) and that its
// prometheus/rules.yml and Grafana dashboards query; they follow prometheus_client conventions, so a
// Python port of the service exposes the same series.
import { counter, gauge, histogram, registry } from '../dsl/index.ts';

export const pytake = registry({
  name: 'pytake',
  scrapeInterval: '15s',
  jobs: ['pytake-api'],
  metrics: {
    // --- API performance -------------------------------------------------------------------------
    http_requests_total: counter({
      help: 'Total number of HTTP requests',
      // `status` is the numeric HTTP status code ("200", "503"), not a class: match it with =~"5..".
      labels: ['method', 'endpoint', 'status'],
      values: { method: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] },
    }),
    // exponential_buckets(0.001, 2, 15): 1ms .. 16.384s. There is no 2s bound; the nearest are
    // 1.024 and 2.048 (the latency SLO uses 2.048; registry/histogram-bucket refuses le="2").
    http_request_duration_seconds: histogram({
      help: 'HTTP request duration in seconds',
      unit: 'seconds',
      labels: ['method', 'endpoint'],
      buckets: [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384],
      values: { method: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] },
    }),
    http_request_size_bytes: histogram({
      help: 'HTTP request size in bytes',
      unit: 'bytes',
      labels: ['method', 'endpoint'],
    }),
    http_response_size_bytes: histogram({
      help: 'HTTP response size in bytes',
      unit: 'bytes',
      labels: ['method', 'endpoint'],
    }),

    // --- WebSocket -------------------------------------------------------------------------------
    websocket_connections_active: gauge({ help: 'Number of active WebSocket connections' }),
    websocket_messages_total: counter({
      help: 'Total number of WebSocket messages',
      labels: ['direction', 'message_type'],
    }),

    // --- WhatsApp --------------------------------------------------------------------------------
    // The application labels these with `instance` (the WhatsApp business instance). The scrape job
    // keeps honor_labels: false, so Prometheus stores that label as `exported_instance` and
    // `instance` stays the scrape target. Queries here therefore use exported_instance.
    whatsapp_messages_total: counter({
      help: 'Total number of WhatsApp messages',
      labels: ['direction', 'status', 'exported_instance'],
      // direction is what the team's dashboards filter on; status stays open (sent, failed, and the
      // delivery states Meta reports) because the code passes it through from the webhook.
      values: { direction: ['received', 'sent'] },
    }),
    whatsapp_api_requests_total: counter({
      help: 'Total number of WhatsApp API requests',
      labels: ['operation', 'status', 'exported_instance'],
    }),
    // exponential_buckets(0.1, 2, 10): 100ms .. 51.2s.
    whatsapp_api_request_duration_seconds: histogram({
      help: 'WhatsApp API request duration in seconds',
      unit: 'seconds',
      labels: ['operation', 'exported_instance'],
      buckets: [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2],
    }),

    // --- Database (application side: the connection pool and the queries it runs) ----------------
    database_connections_active: gauge({ help: 'Number of active database connections' }),
    database_queries_total: counter({
      help: 'Total number of database queries',
      labels: ['operation', 'table', 'status'],
      values: { status: ['error', 'success'] },
    }),
    database_query_duration_seconds: histogram({
      help: 'Database query duration in seconds',
      unit: 'seconds',
      labels: ['operation', 'table'],
    }),

    // --- Redis and cache (application side) ------------------------------------------------------
    redis_connections_active: gauge({ help: 'Number of active Redis connections' }),
    redis_operations_total: counter({
      help: 'Total number of Redis operations',
      labels: ['operation', 'status'],
      values: { status: ['error', 'success'] },
    }),
    redis_operation_duration_seconds: histogram({
      help: 'Redis operation duration in seconds',
      unit: 'seconds',
      labels: ['operation'],
    }),
    cache_operations_total: counter({
      help: 'Total number of cache operations',
      labels: ['operation', 'result'],
      values: { result: ['hit', 'miss'] },
    }),

    // --- Business --------------------------------------------------------------------------------
    // A gauge despite the _total suffix (the team's name; renaming it would break their queries).
    active_conversations_total: gauge({ help: 'Number of active conversations' }),
    messages_processed_total: counter({
      help: 'Total number of messages processed',
      labels: ['platform', 'status'],
    }),
    ai_requests_total: counter({
      help: 'Total number of AI requests',
      labels: ['model', 'operation', 'status'],
      values: { status: ['error', 'success'] },
    }),
    // exponential_buckets(0.1, 2, 15): 100ms .. 1638.4s.
    ai_request_duration_seconds: histogram({
      help: 'AI request duration in seconds',
      unit: 'seconds',
      labels: ['model', 'operation'],
      buckets: [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 204.8, 409.6, 819.2, 1638.4],
    }),
    // A histogram of tokens per request despite the _total suffix: the tokens used are
    // ai_token_usage_total_sum, the requests ai_token_usage_total_count.
    ai_token_usage_total: histogram({
      help: 'AI token usage',
      unit: 'tokens',
      labels: ['model', 'type'],
      values: { type: ['input', 'output'] },
    }),

    // --- Process resources as the application reports them --------------------------------------
    system_memory_usage_bytes: gauge({ help: 'System memory usage in bytes', unit: 'bytes' }),
    system_cpu_usage_percent: gauge({ help: 'System CPU usage percentage', unit: 'percent' }),

    errors_total: counter({
      help: 'Total number of errors',
      labels: ['component', 'error_type', 'severity'],
    }),
  },
});
