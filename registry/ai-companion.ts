// The AI Companion application's own metrics, written by hand from the team's instrumentation
// (src/common/monitoring.py: PerformanceMonitor), served at :8000/metrics.
//
// Two groups of metrics live here:
// 1. What PerformanceMonitor registers today (names, types and labels exactly as in the Python code).
// 2. Series the team's alert rules and overview dashboard already read but monitoring.py does not set
//    yet (marked "REQUIRED INSTRUMENTATION" below). We register them instead of dropping the alerts:
//    the rules stay reviewable, and the registry is the list of what the application still owes.
import { counter, gauge, histogram, registry, summary } from '../dsl/index.ts';

/** Outcome label set by every `track_*` context manager of PerformanceMonitor. */
const outcome = ['success', 'error'] as const;

export const aiCompanion = registry({
  name: 'ai-companion',
  // prometheus.yml scrapes the application every 10s (global default is 15s).
  scrapeInterval: '10s',
  // Prefixed so the job is unique once the five systems share one Prometheus; the team's
  // prometheus.yml names it `ai-companion-app` already.
  // ai-companion-memory scrapes the memory system's /memory/metrics (every 30s) when it runs apart.
  // ai-companion-health scrapes /health, which answers JSON: only its `up` is of use.
  jobs: ['ai-companion-app', 'ai-companion-memory'],
  metrics: {
    // --- Requests -----------------------------------------------------------------------------
    app_requests_total: counter({
      help: 'Total number of requests.',
      labels: ['method', 'endpoint', 'status'],
      values: { status: outcome },
    }),
    // prometheus_client's default buckets end at 10s. The team alerts on p95 > 30s, which
    // histogram_quantile can only report if the application adds buckets above 10s (15, 30, 60).
    app_request_duration_seconds: histogram({
      help: 'Request duration in seconds.',
      unit: 'seconds',
      labels: ['method', 'endpoint'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    }),
    // A Python Summary exposes only _count and _sum (no quantiles), so a query on
    // app_response_time_percentile{quantile="0.95"} is an unknown metric; dashboards use the histogram.
    app_response_time_percentile: summary({
      help: 'Response time percentiles (observations of every tracked request and operation).',
      unit: 'seconds',
      quantiles: false,
    }),
    concurrent_users_active: gauge({ help: 'Number of active concurrent users.' }),
    rate_limit_hits_total: counter({
      help: 'Total rate limit hits.',
      labels: ['user_id', 'limit_type'],
    }),

    // --- Process ------------------------------------------------------------------------------
    app_memory_usage_bytes: gauge({ help: 'Application memory usage in bytes.', unit: 'bytes' }),
    // prometheus_client's ProcessCollector; PerformanceMonitor uses its own CollectorRegistry, so
    // the collector must be registered on it for the overview's CPU panel to have data.
    process_cpu_seconds_total: counter({ help: 'Total user and system CPU time spent in seconds.', unit: 'seconds' }),

    // --- Databases (postgres, redis, neo4j) ---------------------------------------------------
    db_connections_active: gauge({
      help: 'Active database connections.',
      labels: ['database'],
      values: { database: ['postgres', 'redis', 'neo4j'] },
    }),
    db_operations_total: counter({
      help: 'Total database operations.',
      labels: ['database', 'operation', 'status'],
      values: { database: ['postgres', 'redis', 'neo4j'], status: outcome },
    }),
    db_query_duration_seconds: histogram({
      help: 'Database query duration in seconds.',
      unit: 'seconds',
      labels: ['database', 'operation'],
      values: { database: ['postgres', 'redis', 'neo4j'] },
    }),

    // --- Cache (cache_type: memory, embedding, llm; left open, callers pass free strings) -----
    cache_hits_total: counter({ help: 'Total cache hits.', labels: ['cache_type'] }),
    cache_misses_total: counter({ help: 'Total cache misses.', labels: ['cache_type'] }),
    cache_operation_duration_seconds: histogram({
      help: 'Cache operation duration in seconds.',
      unit: 'seconds',
      labels: ['operation', 'cache_type'],
    }),

    // --- Memory system (the companion's long-term memories) -----------------------------------
    memory_operations_total: counter({
      help: 'Total memory system operations.',
      labels: ['operation', 'status'],
      values: { status: outcome },
    }),
    memory_consolidation_duration_seconds: histogram({
      help: 'Memory consolidation duration in seconds.',
      unit: 'seconds',
    }),
    active_memories_count: gauge({ help: 'Number of active memories.', labels: ['user_id'] }),

    // --- LLM ----------------------------------------------------------------------------------
    llm_requests_total: counter({
      help: 'Total LLM requests.',
      labels: ['model', 'status'],
      values: { status: outcome },
    }),
    llm_response_duration_seconds: histogram({
      help: 'LLM response duration in seconds.',
      unit: 'seconds',
      labels: ['model'],
    }),
    llm_tokens_total: counter({
      help: 'Total tokens used.',
      labels: ['model', 'token_type'],
      values: { token_type: ['input', 'output'] },
    }),

    // --- Custom metrics (README "Custom Metrics": monitor.record_custom_metric / increment_counter)
    // The README's own examples. record_custom_metric observes a duration, so a histogram in seconds
    // is the senior choice (percentiles can be aggregated across instances; a gauge would keep only
    // the last sample).
    custom_operation_duration: histogram({
      help: 'Duration of custom operations recorded with monitor.record_custom_metric.',
      unit: 'seconds',
    }),
    custom_events_total: counter({
      help: 'Custom events counted with monitor.increment_counter.',
      labels: ['event_type'],
    }),

    // --- REQUIRED INSTRUMENTATION: read by the team's rules/dashboards, not set by monitoring.py ---
    app_memory_limit_bytes: gauge({
      help: 'Memory the application may use (container or cgroup limit), in bytes.',
      unit: 'bytes',
    }),
    db_connections_max: gauge({
      help: 'Size of the database connection pool (maximum connections).',
      labels: ['database'],
      values: { database: ['postgres', 'redis', 'neo4j'] },
    }),
    memory_consolidation_backlog: gauge({ help: 'Memories waiting for consolidation.' }),
    llm_timeouts_total: counter({ help: 'LLM requests that timed out.', labels: ['model'] }),
    health_check_status: gauge({
      // check_name stays open: besides postgresql, redis, neo4j, cache_system, system_resources and
      // memory_system, add_external_service_check adds external_<service> checks at run time.
      help: '1 when the health check is healthy, 0 otherwise (one series per check of health_manager).',
      labels: ['check_name'],
    }),
  },
});
