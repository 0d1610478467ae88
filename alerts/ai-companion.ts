// Alerts of the AI Companion, in the README's four categories: application performance, system
// resources, database health and containers (plus application health). Thresholds, `for` durations
// and the `service` label are the team's (monitoring/prometheus/alert_rules.yml).
//
// Severity: the team's `critical` becomes `page` and `warning` becomes `ticket` (our policy's
// vocabulary); nothing the team marked warning wakes anyone up.
//
// Jobs are prefixed with `ai-companion-` so these rules cannot match another system's targets once
// five systems share one Prometheus; prometheus.yml's exporter jobs (node-exporter, redis-exporter,
// postgres-exporter, cadvisor) must be renamed to match.
import { alert, promql, ruleGroup, ruleTest } from '../dsl/index.ts';
import { aiCompanionRecording } from '../recording/ai-companion.ts';

const app = 'ai-companion-app';
const node = 'ai-companion-node';
const redis = 'ai-companion-redis';
const postgres = 'ai-companion-postgres';
const cadvisor = 'ai-companion-cadvisor';
/** The team's runbooks: one page per alert, named after it without the AiCompanion prefix. */
const runbook = (slug: string) => `https://runbooks.ai-companion.example.com/alerts/${slug}`;

// Pseudo-filesystems fill up by design (tmpfs, overlay of the containers, squashfs snaps); the
// team's disk rules had no filter and would fire on them.
const realFs = 'tmpfs|overlay|squashfs|ramfs|nsfs';

// --- Application performance -------------------------------------------------------------------
export const aiCompanionAppAlerts = ruleGroup({
  name: 'ai-companion.app.alerts',
  rules: [
    alert({
      name: 'AiCompanionHighErrorRate',
      expr: promql`job:app_request_errors:ratio_rate5m{job=${app}} > 0.05`,
      for: '5m',
      labels: { severity: 'page', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('high-error-rate'),
        summary: 'AI Companion {{ $labels.job }}: {{ $value | humanizePercentage }} of requests failing (page above 5% for 5m)',
        description: 'Error rate is {{ $value | humanizePercentage }} for the last 5 minutes',
      },
    }),
    // The team's threshold, kept: it only fires once app_request_duration_seconds has buckets above
    // 10s (15, 30, 60). Suppressed, not dropped, so every build lists it until the app adds them.
    alert({
      name: 'AiCompanionHighResponseTime',
      expr: promql`job:app_request_duration_seconds:p95_5m{job=${app}} > 30`,
      for: '10m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('high-response-time'),
        summary: 'AI Companion p95 response time is {{ $value | humanizeDuration }} (ticket above 30s for 10m)',
        description: '95th percentile response time is {{ $value }}s',
      },
      suppress: [{ check: 'registry/quantile-beyond-buckets', reason: 'dead until the app adds 15/30/60s buckets (prometheus_client defaults end at 10s)' }],
    }),
    alert({
      name: 'AiCompanionHighMemoryUsage',
      expr: promql`
        app_memory_usage_bytes{job=${app}}
        / on (job, instance) (app_memory_limit_bytes{job=${app}} > 0)
        > 0.8`,
      for: '10m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('high-memory-usage'),
        summary: 'AI Companion {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its memory limit',
        description: 'Memory usage of {{ $labels.instance }} is {{ $value | humanizePercentage }} of its limit',
      },
    }),
    alert({
      name: 'AiCompanionDatabasePoolExhaustion',
      expr: promql`job_database:db_connections:utilisation{job=${app}} > 0.9`,
      for: '5m',
      labels: { severity: 'page', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('database-pool-exhaustion'),
        summary: 'AI Companion {{ $labels.database }} connection pool {{ $value | humanizePercentage }} in use (page above 90%)',
        description: '{{ $labels.database }} connection pool utilization is {{ $value | humanizePercentage }}',
      },
    }),
    alert({
      name: 'AiCompanionLowCacheHitRate',
      expr: promql`job_cache_type:cache_hit:ratio_rate5m{job=${app}} < 0.7`,
      for: '15m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('low-cache-hit-rate'),
        summary: 'AI Companion {{ $labels.cache_type }} cache hits only {{ $value | humanizePercentage }} of lookups (under 70%)',
        description: '{{ $labels.cache_type }} cache hit rate is {{ $value | humanizePercentage }}',
      },
    }),
    // prometheus.yml also scrapes the memory system on :8001 (job ai-companion-memory, "if exposed
    // separately"): the backlog may come from either job.
    alert({
      name: 'AiCompanionMemoryConsolidationBacklog',
      expr: promql`memory_consolidation_backlog{job=~"ai-companion-(app|memory)"} > 1000`,
      for: '30m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('memory-consolidation-backlog'),
        summary: 'AI Companion memory consolidation backlog at {{ $value | humanize }} items on {{ $labels.instance }} (over 1000 for 30m)',
        description: 'Consolidation backlog has {{ $value }} items',
      },
    }),
    alert({
      name: 'AiCompanionHighLlmTimeoutRate',
      expr: promql`job_model:llm_timeouts:ratio_rate10m{job=${app}} > 0.1`,
      for: '10m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('high-llm-timeout-rate'),
        summary: 'LLM {{ $labels.model }} times out on {{ $value | humanizePercentage }} of AI Companion calls (over 10%)',
        description: 'LLM timeout rate of {{ $labels.model }} is {{ $value | humanizePercentage }}',
      },
    }),
  ],
});

// --- Application health ------------------------------------------------------------------------
export const aiCompanionHealthAlerts = ruleGroup({
  name: 'ai-companion.health.alerts',
  rules: [
    alert({
      name: 'AiCompanionApplicationDown',
      expr: promql`up{job=${app}} == 0`,
      for: '1m',
      labels: { severity: 'page', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('application-down'),
        summary: 'AI Companion app {{ $labels.instance }} is down: no successful scrape for 1m',
        description: 'The main application {{ $labels.instance }} is not responding to scrapes of /metrics',
      },
    }),
    alert({
      name: 'AiCompanionHealthCheckFailed',
      expr: promql`health_check_status{job=${app}} != 1`,
      for: '2m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('health-check-failed'),
        summary: 'AI Companion health check {{ $labels.check_name }} failing on {{ $labels.instance }}',
        description: 'Health check {{ $labels.check_name }} is failing',
      },
    }),
    // The team compared every (method, endpoint, status) series with 1000/s, so a burst spread over
    // endpoints never fired; the application's total rate is what the threshold is about.
    alert({
      name: 'AiCompanionHighRequestRate',
      expr: promql`job:app_requests:rate5m{job=${app}} > 1000`,
      for: '10m',
      labels: { severity: 'ticket', service: 'ai-companion' },
      annotations: {
        runbook_url: runbook('high-request-rate'),
        summary: 'AI Companion receives {{ $value | humanize }} requests/s (over 1000/s for 10m)',
        description: 'Request rate is {{ $value | humanize }} requests/second',
      },
    }),
  ],
});

// --- System resources (node_exporter) ----------------------------------------------------------
export const aiCompanionSystemAlerts = ruleGroup({
  name: 'ai-companion.system.alerts',
  rules: [
    alert({
      name: 'AiCompanionHighCpuUsage',
      // rate, not the team's irate: over a 10m `for` irate's last-two-samples view only adds noise.
      expr: promql`
        100 - (avg by (job, instance) (rate(node_cpu_seconds_total{job=${node}, mode="idle"}[5m])) * 100) > 80`,
      for: '10m',
      labels: { severity: 'ticket', service: 'system' },
      annotations: {
        runbook_url: runbook('high-cpu-usage'),
        summary: 'AI Companion host {{ $labels.instance }} CPU at {{ $value | printf "%.0f" }}% (over 80% for 10m)',
        description: 'CPU usage is above 80% on {{ $labels.instance }}',
      },
    }),
    alert({
      name: 'AiCompanionHighSystemMemoryUsage',
      expr: promql`
        (node_memory_MemTotal_bytes{job=${node}} - node_memory_MemAvailable_bytes{job=${node}})
        / node_memory_MemTotal_bytes{job=${node}} > 0.9`,
      for: '10m',
      labels: { severity: 'page', service: 'system' },
      annotations: {
        runbook_url: runbook('high-system-memory-usage'),
        summary: 'AI Companion host {{ $labels.instance }} memory {{ $value | humanizePercentage }} used (page above 90%)',
        description: 'Memory usage is above 90% on {{ $labels.instance }}',
      },
    }),
    alert({
      name: 'AiCompanionHighDiskUsage',
      expr: promql`
        (node_filesystem_size_bytes{job=${node}, fstype!~${realFs}} - node_filesystem_avail_bytes{job=${node}, fstype!~${realFs}})
        / node_filesystem_size_bytes{job=${node}, fstype!~${realFs}} > 0.85`,
      for: '10m',
      labels: { severity: 'ticket', service: 'system' },
      annotations: {
        runbook_url: runbook('high-disk-usage'),
        summary: 'AI Companion host {{ $labels.instance }}: {{ $labels.mountpoint }} is {{ $value | humanizePercentage }} full',
        description: 'Disk usage is above 85% on {{ $labels.instance }} mount {{ $labels.mountpoint }}',
      },
    }),
    alert({
      name: 'AiCompanionLowDiskSpace',
      expr: promql`
        node_filesystem_avail_bytes{job=${node}, fstype!~${realFs}}
        / node_filesystem_size_bytes{job=${node}, fstype!~${realFs}} < 0.1`,
      for: '5m',
      labels: { severity: 'page', service: 'system' },
      annotations: {
        runbook_url: runbook('low-disk-space'),
        summary: 'AI Companion host {{ $labels.instance }}: only {{ $value | humanizePercentage }} free on {{ $labels.mountpoint }}',
        description: 'Less than 10% disk space remaining on {{ $labels.instance }} mount {{ $labels.mountpoint }}',
      },
    }),
  ],
});

// --- Database health (redis_exporter, postgres_exporter) ---------------------------------------
export const aiCompanionDatabaseAlerts = ruleGroup({
  name: 'ai-companion.database.alerts',
  rules: [
    // `up` only says the exporter answered; the exporter keeps answering with redis_up 0 / pg_up 0
    // when the database behind it is gone, which the team's rule missed.
    alert({
      name: 'AiCompanionRedisDown',
      expr: promql`up{job=${redis}} == 0 or redis_up{job=${redis}} == 0`,
      for: '1m',
      labels: { severity: 'page', service: 'redis' },
      annotations: {
        runbook_url: runbook('redis-down'),
        summary: 'AI Companion Redis {{ $labels.instance }} is down',
        description: 'Redis instance {{ $labels.instance }} is not responding',
      },
    }),
    // redis_memory_max_bytes is 0 without maxmemory: no ratio then (it would be +Inf).
    alert({
      name: 'AiCompanionHighRedisMemoryUsage',
      expr: promql`redis_memory_used_bytes{job=${redis}} / (redis_memory_max_bytes{job=${redis}} > 0) > 0.8`,
      for: '10m',
      labels: { severity: 'ticket', service: 'redis' },
      annotations: {
        runbook_url: runbook('high-redis-memory-usage'),
        summary: 'AI Companion Redis {{ $labels.instance }} at {{ $value | humanizePercentage }} of maxmemory',
        description: 'Redis memory usage is {{ $value | humanizePercentage }}',
      },
    }),
    alert({
      name: 'AiCompanionPostgresqlDown',
      expr: promql`up{job=${postgres}} == 0 or pg_up{job=${postgres}} == 0`,
      for: '1m',
      labels: { severity: 'page', service: 'postgresql' },
      annotations: {
        runbook_url: runbook('postgresql-down'),
        summary: 'AI Companion PostgreSQL {{ $labels.instance }} is down',
        description: 'PostgreSQL instance {{ $labels.instance }} is not responding',
      },
    }),
    // max_connections is per server, backends per database: sum the databases of a server first
    // (the team divided each database's backends alone and missed a server full of small databases).
    alert({
      name: 'AiCompanionHighPostgresqlConnections',
      expr: promql`
        sum by (job, instance, server) (pg_stat_database_numbackends{job=${postgres}})
        / on (job, instance, server) pg_settings_max_connections{job=${postgres}}
        > 0.8`,
      for: '10m',
      labels: { severity: 'ticket', service: 'postgresql' },
      annotations: {
        runbook_url: runbook('high-postgresql-connections'),
        summary: 'AI Companion PostgreSQL {{ $labels.instance }} uses {{ $value | humanizePercentage }} of max_connections',
        description: 'PostgreSQL connection usage is {{ $value | humanizePercentage }}',
      },
    }),
  ],
});

// --- Containers (cAdvisor) ---------------------------------------------------------------------
export const aiCompanionContainerAlerts = ruleGroup({
  name: 'ai-companion.container.alerts',
  rules: [
    // Percent of one core, as the team wrote it; `name!=""` leaves out the host's own cgroups.
    alert({
      name: 'AiCompanionHighContainerCpuUsage',
      expr: promql`
        sum without (cpu) (rate(container_cpu_usage_seconds_total{job=${cadvisor}, name!=""}[5m])) * 100 > 80`,
      for: '10m',
      labels: { severity: 'ticket', service: 'container' },
      annotations: {
        runbook_url: runbook('high-container-cpu-usage'),
        summary: 'Container {{ $labels.name }} uses {{ $value | printf "%.0f" }}% of a CPU core (over 80% for 10m)',
        description: 'Container {{ $labels.name }} CPU usage is above 80%',
      },
    }),
    // Working set rather than the team's usage_bytes: usage counts reclaimable page cache, the
    // working set is what the OOM killer compares with the limit. Unlimited containers report a 0 limit.
    alert({
      name: 'AiCompanionHighContainerMemoryUsage',
      expr: promql`
        container_memory_working_set_bytes{job=${cadvisor}, name!=""}
        / (container_spec_memory_limit_bytes{job=${cadvisor}, name!=""} > 0)
        > 0.8`,
      for: '10m',
      labels: { severity: 'ticket', service: 'container' },
      annotations: {
        runbook_url: runbook('high-container-memory-usage'),
        summary: 'Container {{ $labels.name }} at {{ $value | humanizePercentage }} of its memory limit',
        description: 'Container {{ $labels.name }} memory usage is above 80%',
      },
    }),
    // container_start_time_seconds is a gauge (a timestamp): a restart changes it. The team's
    // increase(...) > 1 means the same on a gauge the counter functions should not be used on.
    alert({
      name: 'AiCompanionContainerRestart',
      expr: promql`changes(container_start_time_seconds{job=${cadvisor}, name!=""}[1h]) > 0`,
      for: '0m',
      labels: { severity: 'ticket', service: 'container' },
      annotations: {
        runbook_url: runbook('container-restart'),
        summary: 'Container {{ $labels.name }} restarted {{ $value }} times in the last hour',
        description: 'Container {{ $labels.name }} has restarted',
      },
    }),
  ],
});

// --- Unit tests of the page alerts -------------------------------------------------------------

export const applicationDownTest = ruleTest({
  name: 'the application pages after 1 minute without a successful scrape',
  groups: [aiCompanionHealthAlerts],
  input: [{ metric: 'up', labels: { job: app, instance: 'host.docker.internal:8000' }, values: '1 1 0 0 0 0' }],
  alerts: [
    { at: '2m', alertname: 'AiCompanionApplicationDown', expect: [] },
    {
      at: '4m',
      alertname: 'AiCompanionApplicationDown',
      expect: [{
        labels: { job: app, instance: 'host.docker.internal:8000', severity: 'page', service: 'ai-companion' },
        annotations: {
          runbook_url: runbook('application-down'),
          summary: 'AI Companion app host.docker.internal:8000 is down: no successful scrape for 1m',
          description: 'The main application host.docker.internal:8000 is not responding to scrapes of /metrics',
        },
      }],
    },
  ],
});

export const highErrorRateTest = ruleTest({
  name: 'more than 5% failed requests for 5 minutes pages; 1% does not',
  groups: [aiCompanionRecording, aiCompanionAppAlerts],
  input: [
    // 10 req/s for 40m; 0.1 err/s (1%) for the first 15m, then 1 err/s (10%).
    { metric: 'app_requests_total', labels: { job: app, instance: 'a:8000', method: 'POST', endpoint: '/chat', status: 'success' }, values: '0+594x15 8910+540x25' },
    { metric: 'app_requests_total', labels: { job: app, instance: 'a:8000', method: 'POST', endpoint: '/chat', status: 'error' }, values: '0+6x15 90+60x25' },
  ],
  alerts: [
    { at: '14m', alertname: 'AiCompanionHighErrorRate', expect: [] },
    {
      at: '30m',
      alertname: 'AiCompanionHighErrorRate',
      expect: [{
        labels: { job: app, severity: 'page', service: 'ai-companion' },
        annotations: {
          runbook_url: runbook('high-error-rate'),
          summary: 'AI Companion ai-companion-app: 10% of requests failing (page above 5% for 5m)',
          description: 'Error rate is 10% for the last 5 minutes',
        },
      }],
    },
  ],
});

export const poolExhaustionTest = ruleTest({
  name: 'a postgres pool above 90% for 5 minutes pages; redis at 50% does not',
  groups: [aiCompanionRecording, aiCompanionAppAlerts],
  input: [
    { metric: 'db_connections_active', labels: { job: app, instance: 'a:8000', database: 'postgres' }, values: '5x5 19x15' },
    { metric: 'db_connections_max', labels: { job: app, instance: 'a:8000', database: 'postgres' }, values: '20x20' },
    { metric: 'db_connections_active', labels: { job: app, instance: 'a:8000', database: 'redis' }, values: '5x20' },
    { metric: 'db_connections_max', labels: { job: app, instance: 'a:8000', database: 'redis' }, values: '10x20' },
  ],
  alerts: [
    { at: '8m', alertname: 'AiCompanionDatabasePoolExhaustion', expect: [] },
    {
      at: '15m',
      alertname: 'AiCompanionDatabasePoolExhaustion',
      expect: [{
        labels: { job: app, database: 'postgres', severity: 'page', service: 'ai-companion' },
        annotations: {
          runbook_url: runbook('database-pool-exhaustion'),
          summary: 'AI Companion postgres connection pool 95% in use (page above 90%)',
          description: 'postgres connection pool utilization is 95%',
        },
      }],
    },
  ],
});

const nodeLabels = { job: node, instance: 'node-exporter:9100' };

export const systemMemoryTest = ruleTest({
  name: 'host memory above 90% for 10 minutes pages',
  groups: [aiCompanionSystemAlerts],
  input: [
    { metric: 'node_memory_MemTotal_bytes', labels: nodeLabels, values: '1000x30' },
    { metric: 'node_memory_MemAvailable_bytes', labels: nodeLabels, values: '500x5 50x25' },
  ],
  alerts: [
    { at: '12m', alertname: 'AiCompanionHighSystemMemoryUsage', expect: [] },
    {
      at: '20m',
      alertname: 'AiCompanionHighSystemMemoryUsage',
      expect: [{
        labels: { ...nodeLabels, severity: 'page', service: 'system' },
        annotations: { runbook_url: runbook('high-system-memory-usage'), summary: 'AI Companion host node-exporter:9100 memory 95% used (page above 90%)', description: 'Memory usage is above 90% on node-exporter:9100' },
      }],
    },
  ],
});

export const lowDiskSpaceTest = ruleTest({
  name: 'a real filesystem under 10% free pages after 5 minutes; a full tmpfs does not',
  groups: [aiCompanionSystemAlerts],
  input: [
    { metric: 'node_filesystem_avail_bytes', labels: { ...nodeLabels, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' }, values: '50x2 5x10' },
    { metric: 'node_filesystem_size_bytes', labels: { ...nodeLabels, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' }, values: '100x12' },
    { metric: 'node_filesystem_avail_bytes', labels: { ...nodeLabels, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run' }, values: '0x12' },
    { metric: 'node_filesystem_size_bytes', labels: { ...nodeLabels, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run' }, values: '100x12' },
  ],
  alerts: [
    { at: '5m', alertname: 'AiCompanionLowDiskSpace', expect: [] },
    {
      at: '8m',
      alertname: 'AiCompanionLowDiskSpace',
      expect: [{
        labels: { ...nodeLabels, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/', severity: 'page', service: 'system' },
        annotations: { runbook_url: runbook('low-disk-space'), summary: 'AI Companion host node-exporter:9100: only 5% free on /', description: 'Less than 10% disk space remaining on node-exporter:9100 mount /' },
      }],
    },
  ],
});

export const redisDownTest = ruleTest({
  name: 'redis pages when the exporter reports redis_up 0, even though the exporter itself is up',
  groups: [aiCompanionDatabaseAlerts],
  input: [
    { metric: 'up', labels: { job: redis, instance: 'redis-exporter:9121' }, values: '1x10' },
    { metric: 'redis_up', labels: { job: redis, instance: 'redis-exporter:9121' }, values: '1 1 0 0 0 0 0 0 0 0' },
  ],
  alerts: [
    { at: '2m', alertname: 'AiCompanionRedisDown', expect: [] },
    {
      at: '5m',
      alertname: 'AiCompanionRedisDown',
      expect: [{
        labels: { job: redis, instance: 'redis-exporter:9121', severity: 'page', service: 'redis' },
        annotations: { runbook_url: runbook('redis-down'), summary: 'AI Companion Redis redis-exporter:9121 is down', description: 'Redis instance redis-exporter:9121 is not responding' },
      }],
    },
  ],
});

export const postgresDownTest = ruleTest({
  name: 'postgres pages when its exporter stops answering',
  groups: [aiCompanionDatabaseAlerts],
  input: [
    { metric: 'up', labels: { job: postgres, instance: 'postgres-exporter:9187' }, values: '1 1 0 0 0 0 0' },
    { metric: 'pg_up', labels: { job: postgres, instance: 'postgres-exporter:9187' }, values: '1 1' },
  ],
  alerts: [
    {
      at: '5m',
      alertname: 'AiCompanionPostgresqlDown',
      expect: [{
        labels: { job: postgres, instance: 'postgres-exporter:9187', severity: 'page', service: 'postgresql' },
        annotations: { runbook_url: runbook('postgresql-down'), summary: 'AI Companion PostgreSQL postgres-exporter:9187 is down', description: 'PostgreSQL instance postgres-exporter:9187 is not responding' },
      }],
    },
  ],
});

export const cacheHitRateTest = ruleTest({
  name: 'a cache type under 70% hits for 15 minutes opens a ticket',
  groups: [aiCompanionRecording, aiCompanionAppAlerts],
  input: [
    // 1 hit/s and 1 miss/s: 50% hits on the embedding cache.
    { metric: 'cache_hits_total', labels: { job: app, instance: 'a:8000', cache_type: 'embedding' }, values: '0+60x30' },
    { metric: 'cache_misses_total', labels: { job: app, instance: 'a:8000', cache_type: 'embedding' }, values: '0+60x30' },
  ],
  alerts: [
    { at: '10m', alertname: 'AiCompanionLowCacheHitRate', expect: [] },
    {
      at: '25m',
      alertname: 'AiCompanionLowCacheHitRate',
      expect: [{
        labels: { job: app, cache_type: 'embedding', severity: 'ticket', service: 'ai-companion' },
        annotations: { runbook_url: runbook('low-cache-hit-rate'), summary: 'AI Companion embedding cache hits only 50% of lookups (under 70%)', description: 'embedding cache hit rate is 50%' },
      }],
    },
  ],
});
