// Alerts of the Synchron AI Hub. The monitoring README asks for three families, "queue depth, token
// expiry failures, and Kafka lag", without thresholds or severities; the numbers below are our
// starting points (chosen for a hub whose events are delivered to tenants' channels within seconds),
// to be tuned against real traffic. Around them: the health of the backend, the AI orchestrator and
// the datastores they cannot work without, which a hub on-call needs before any of the three.
// Severity policy: page = events stop reaching tenants now; ticket = degraded or heading there.
// Unit tests (promtool, `obs test`) cover every page alert.
import { alert, promql, ruleGroup, ruleTest } from '../dsl/index.ts';
import { synchronHubRecording } from '../recording/synchron-hub.ts';
import { kafkaExporter } from '../registry/kafka-exporter.ts';
import { synchronHubEvents } from '../registry/synchron-hub.ts';

const service = { service: 'synchron-hub' };
const page = { severity: 'page', ...service } as const;
const ticket = { severity: 'ticket', ...service } as const;
/** The hub's runbooks, beside its monitoring README: one section per alert, named after it without the SynchronHub prefix. */
const runbook = (slug: string) => `https://wiki.synchron.example.com/monitoring/runbooks#${slug}`;

// ---------------------------------------------------------------------------------------------------
// Backend and orchestrator health
// ---------------------------------------------------------------------------------------------------

export const synchronHubAvailability = ruleGroup({
  name: 'synchron-hub.availability',
  rules: [
    alert({
      // All instances, not one: the backend runs several replicas and one restarting pod is no page.
      name: 'SynchronHubBackendDown',
      expr: 'sum by (job) (up{job="synchron-hub-backend"}) == 0',
      for: '2m',
      labels: page,
      annotations: {
        runbook_url: runbook('backend-down'),
        summary: 'No synchron-hub backend instance answers its /metrics scrape',
        description: 'Every target of {{ $labels.job }} has failed its scrape for 2 minutes: the hub API (POST /api/hub/events) is most likely down for all tenants.',
      },
    }),
    alert({
      name: 'SynchronHubAiOrchestratorDown',
      expr: 'sum by (job) (up{job="synchron-hub-ai-orchestrator"}) == 0',
      for: '2m',
      labels: page,
      annotations: {
        runbook_url: runbook('ai-orchestrator-down'),
        summary: 'No synchron-hub AI orchestrator instance is up',
        description: 'Every target of {{ $labels.job }} has failed its scrape for 2 minutes: no conversation is dispatched to the AI agents.',
      },
    }),
    alert({
      name: 'SynchronHubInstanceDown',
      expr: 'up{job=~"synchron-hub-backend|synchron-hub-backend-hub|synchron-hub-ai-orchestrator"} == 0',
      for: '5m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('instance-down'),
        summary: '{{ $labels.job }} target {{ $labels.instance }} is down',
        description: 'The scrape of {{ $labels.instance }} ({{ $labels.job }}) has failed for 5 minutes; a backend-hub target down also hides the tenant metrics of /hub/metrics.',
      },
    }),
    alert({
      name: 'SynchronHubExporterDown',
      expr: 'up{job=~"synchron-hub-(redis|postgres|kafka|node)"} == 0',
      for: '5m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('exporter-down'),
        summary: 'Exporter {{ $labels.job }} on {{ $labels.instance }} is down',
        description: 'Without it the queue, token and Kafka lag alerts that read its series cannot fire.',
      },
    }),
    alert({
      name: 'SynchronHubApiHighErrorRate',
      expr: promql`
        sum by (job) (rate(hub_http_requests_total{job="synchron-hub-backend", status_code=~"5.."}[5m]))
        / sum by (job) (rate(hub_http_requests_total{job="synchron-hub-backend"}[5m]))
        > 0.05`,
      for: '10m',
      labels: page,
      annotations: {
        runbook_url: runbook('api-high-error-rate'),
        summary: 'synchron-hub API answers {{ $value | humanizePercentage }} of requests with 5xx',
        description: 'More than 5% of backend API requests, all tenants together, have failed with a server error for 10 minutes.',
      },
    }),
    alert({
      name: 'SynchronHubTenantRoutingFailures',
      expr: 'tenant_id:hub_tenant_request_failures:ratio_rate5m > 0.05',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('tenant-routing-failures'),
        summary: 'Hub routing fails for {{ $value | humanizePercentage }} of tenant {{ $labels.tenant_id }} events',
        description: 'More than 5% of the hub events of tenant {{ $labels.tenant_id }} have ended with outcome="failed" for 15 minutes (hub_tenant_request_total).',
      },
    }),
    alert({
      // tenant-validation.yml checks at CI time that /hub/metrics carries tenant labels; this is the
      // same check in production, where a code path that forgets the tenant would blind every
      // per-tenant dashboard and alert.
      name: 'SynchronHubMetricsMissingTenantLabel',
      expr: 'sum by (job) (rate(hub_tenant_request_total{job="synchron-hub-backend-hub", tenant_id=""}[5m])) > 0',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('metrics-missing-tenant-label'),
        summary: '{{ $labels.job }} counts hub requests without a tenant_id label',
        description: 'hub_tenant_request_total has grown without tenant_id for 15 minutes: these events are missing from every tenant dashboard.',
      },
    }),
    alert({
      name: 'SynchronHubEventLoopLagHigh',
      expr: 'nodejs_eventloop_lag_p99_seconds{job="synchron-hub-backend"} > 0.5',
      for: '10m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('event-loop-lag-high'),
        summary: 'Event loop p99 lag of {{ $labels.instance }} is {{ $value | humanizeDuration }}',
        description: 'The Node.js event loop of the backend is blocked for over 500ms at p99: every request and hub event on it waits.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// Queue depth
// ---------------------------------------------------------------------------------------------------

const hubQueue = synchronHubEvents.sel('hub_queue_depth', { job: 'synchron-hub-backend-hub' });

export const synchronHubQueues = ruleGroup({
  name: 'synchron-hub.queues',
  rules: [
    alert({
      name: 'SynchronHubQueueDepthHigh',
      expr: promql`max by (tenant_id, queue) (${hubQueue}) > 1000`,
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('queue-depth-high'),
        summary: 'Hub queue {{ $labels.queue }} of tenant {{ $labels.tenant_id }} holds {{ $value }} events',
        description: 'More than 1000 events have been waiting for 15 minutes: the tenant sees its events handled late.',
      },
    }),
    alert({
      // Deep and still growing: the consumers are not catching up by themselves.
      name: 'SynchronHubQueueBacklogGrowing',
      expr: promql`
        max by (tenant_id, queue) (${hubQueue}) > 5000
        and max by (tenant_id, queue) (deriv(${hubQueue}[10m])) > 0`,
      for: '10m',
      labels: page,
      annotations: {
        runbook_url: runbook('queue-backlog-growing'),
        summary: 'Hub queue {{ $labels.queue }} of tenant {{ $labels.tenant_id }} holds {{ $value }} events and keeps growing',
        description: 'Over 5000 waiting events and still growing for 10 minutes: events of this tenant are not being processed.',
      },
    }),
    alert({
      name: 'SynchronHubAiOrchestratorQueueDepthHigh',
      expr: 'max by (tenant_id) (ai_orchestrator_queue_depth{job="synchron-hub-ai-orchestrator"}) > 500',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('ai-orchestrator-queue-depth-high'),
        summary: '{{ $value }} conversation turns of tenant {{ $labels.tenant_id }} wait for AI dispatch',
        description: 'More than 500 turns have been waiting for the orchestrator for 15 minutes: the tenant\'s users wait for answers.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// Token expiry failures
// ---------------------------------------------------------------------------------------------------

const tokenFailures = promql`sum by (tenant_id, channel) (rate(hub_token_expiry_failures_total{job="synchron-hub-backend-hub"}[5m])) > 0`;

export const synchronHubTokens = ruleGroup({
  name: 'synchron-hub.tokens',
  rules: [
    alert({
      // The backend refreshes an expired token itself; a failure that keeps recurring for 10 minutes
      // means the refresh does not work for this tenant.
      name: 'SynchronHubTokenExpiryFailures',
      expr: tokenFailures,
      for: '10m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('token-expiry-failures'),
        summary: 'Tenant {{ $labels.tenant_id }} calls to {{ $labels.channel }} fail on an expired token',
        description: 'Outbound {{ $labels.channel }} calls of tenant {{ $labels.tenant_id }} have been failing on an expired token for 10 minutes ({{ printf "%.2f" $value }}/s).',
      },
    }),
    alert({
      // Half an hour of it: the tenant's channel has been dark long enough for customers to notice.
      name: 'SynchronHubTokenExpiryFailuresPersisting',
      expr: tokenFailures,
      for: '30m',
      labels: page,
      annotations: {
        runbook_url: runbook('token-expiry-failures-persisting'),
        summary: 'Tenant {{ $labels.tenant_id }} cannot reach {{ $labels.channel }} for 30 minutes: token expired',
        description: 'Every recent outbound {{ $labels.channel }} call of tenant {{ $labels.tenant_id }} may be failing; check the cached credential {{ $labels.tenant_id }}:onlychannel:token in Redis and the tenant\'s channel credentials.',
      },
    }),
    alert({
      // redis_exporter --count-keys='*:onlychannel:token' (see registry/redis-exporter-keys.ts).
      name: 'SynchronHubCachedChannelTokensMissing',
      expr: 'max by (job, instance) (redis_keys_count{job="synchron-hub-redis", key="*:onlychannel:token"}) == 0',
      for: '10m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('cached-channel-tokens-missing'),
        summary: 'No channel token is cached in Redis {{ $labels.instance }}',
        description: 'No key matches *:onlychannel:token for 10 minutes: every tenant\'s outbound channel call needs a fresh token.',
      },
    }),
    alert({
      // <tenant>:hub:metrics:last-seen holds the unix time (seconds) the tenant's hub metrics were last
      // seen; its age says the tenant's metrics stopped flowing even while the scrape succeeds.
      name: 'SynchronHubTenantMetricsStale',
      expr: promql`
        time() - max by (tenant_id) (
          label_replace(redis_key_value{job="synchron-hub-redis", key=~".+:hub:metrics:last-seen"}, "tenant_id", "$1", "key", "(.+):hub:metrics:last-seen")
        ) > 600`,
      for: '5m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('tenant-metrics-stale'),
        summary: 'Hub metrics of tenant {{ $labels.tenant_id }} last seen {{ $value | humanizeDuration }} ago',
        description: 'The scrape-freshness key {{ $labels.tenant_id }}:hub:metrics:last-seen is older than 10 minutes: the tenant\'s dashboards show stale data.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// Kafka lag (kafka_exporter, job synchron-hub-kafka)
// ---------------------------------------------------------------------------------------------------

const lag = kafkaExporter.sel('kafka_consumergroup_lag_sum', { job: 'synchron-hub-kafka' });

export const synchronHubKafka = ruleGroup({
  name: 'synchron-hub.kafka',
  rules: [
    alert({
      name: 'SynchronHubKafkaConsumerLagHigh',
      expr: promql`sum by (consumergroup, topic) (${lag}) > 1000`,
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('kafka-consumer-lag-high'),
        summary: 'Consumer group {{ $labels.consumergroup }} lags {{ $value }} messages on {{ $labels.topic }}',
        description: 'More than 1000 messages of {{ $labels.topic }} have been unconsumed for 15 minutes.',
      },
    }),
    alert({
      name: 'SynchronHubKafkaConsumerLagCritical',
      expr: promql`
        sum by (consumergroup, topic) (${lag}) > 10000
        and sum by (consumergroup, topic) (delta(${lag}[10m])) > 0`,
      for: '10m',
      labels: page,
      annotations: {
        runbook_url: runbook('kafka-consumer-lag-critical'),
        summary: 'Consumer group {{ $labels.consumergroup }} lags {{ $value }} messages on {{ $labels.topic }} and falling behind',
        description: 'Over 10000 unconsumed messages and still growing for 10 minutes: hub events on {{ $labels.topic }} are not being handled.',
      },
    }),
    alert({
      // Only groups that have something to consume: kafka_exporter also reports long-gone groups
      // (offset.show-all), which have no members and must not alert.
      name: 'SynchronHubKafkaConsumerGroupWithoutMembers',
      expr: promql`
        kafka_consumergroup_members{job="synchron-hub-kafka"} == 0
        and on (consumergroup) (sum by (consumergroup) (${lag}) > 0)`,
      for: '10m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('kafka-consumer-group-without-members'),
        summary: 'Consumer group {{ $labels.consumergroup }} has lag but no member',
        description: 'Nobody consumes for {{ $labels.consumergroup }} while messages wait: its consumers crashed or cannot join.',
      },
    }),
    alert({
      name: 'SynchronHubKafkaUnderReplicatedPartitions',
      expr: 'sum by (topic) (kafka_topic_partition_under_replicated_partition{job="synchron-hub-kafka"}) > 0',
      for: '10m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('kafka-under-replicated-partitions'),
        summary: '{{ $value }} partitions of {{ $labels.topic }} are under-replicated',
        description: 'A broker is down or behind: one more failure may lose hub events of {{ $labels.topic }}.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// AI orchestrator
// ---------------------------------------------------------------------------------------------------

export const synchronHubOrchestrator = ruleGroup({
  name: 'synchron-hub.orchestrator',
  rules: [
    alert({
      name: 'SynchronHubAiOrchestratorDispatchFailing',
      expr: promql`
        sum by (job) (rate(ai_orchestrator_dispatch_total{job="synchron-hub-ai-orchestrator", outcome=~"error|timeout"}[5m]))
        / sum by (job) (rate(ai_orchestrator_dispatch_total{job="synchron-hub-ai-orchestrator"}[5m]))
        > 0.2`,
      for: '10m',
      labels: page,
      annotations: {
        runbook_url: runbook('ai-orchestrator-dispatch-failing'),
        summary: 'AI orchestrator dispatches fail at {{ $value | humanizePercentage }}',
        description: 'More than 20% of dispatches to the AI agents (all tenants) have ended in error or timeout for 10 minutes.',
      },
    }),
    alert({
      name: 'SynchronHubAiOrchestratorTenantDispatchErrors',
      expr: 'tenant_id:ai_orchestrator_dispatch_failures:ratio_rate5m > 0.05',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('ai-orchestrator-tenant-dispatch-errors'),
        summary: 'AI dispatches of tenant {{ $labels.tenant_id }} fail at {{ $value | humanizePercentage }}',
        description: 'More than 5% of the tenant\'s dispatches have ended in error or timeout for 15 minutes.',
      },
    }),
    alert({
      name: 'SynchronHubAiOrchestratorSlow',
      expr: 'tenant_id:ai_orchestrator_dispatch_duration_seconds:p95_5m > 30',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('ai-orchestrator-slow'),
        summary: 'p95 AI dispatch time of tenant {{ $labels.tenant_id }} is {{ $value | humanizeDuration }}',
        description: 'Users of tenant {{ $labels.tenant_id }} have waited over 30s (p95) for AI answers for 15 minutes.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// Datastores: Redis (tokens, context) and PostgreSQL
// ---------------------------------------------------------------------------------------------------

export const synchronHubDatastores = ruleGroup({
  name: 'synchron-hub.datastores',
  rules: [
    alert({
      // Redis holds the channel tokens and conversation context: without it no event is delivered.
      name: 'SynchronHubRedisDown',
      expr: 'redis_up{job="synchron-hub-redis"} == 0',
      for: '2m',
      labels: page,
      annotations: {
        runbook_url: runbook('redis-down'),
        summary: 'Redis {{ $labels.instance }} of the synchron hub is down',
        description: 'redis_exporter cannot reach Redis for 2 minutes: channel tokens and conversation context are unavailable.',
      },
    }),
    alert({
      name: 'SynchronHubPostgresDown',
      expr: 'pg_up{job="synchron-hub-postgres"} == 0',
      for: '2m',
      labels: page,
      annotations: {
        runbook_url: runbook('postgres-down'),
        summary: 'PostgreSQL {{ $labels.instance }} of the synchron hub is down',
        description: 'postgres_exporter cannot reach the database for 2 minutes.',
      },
    }),
    alert({
      name: 'SynchronHubRedisMemoryHigh',
      expr: 'redis_memory_used_bytes{job="synchron-hub-redis"} / (redis_memory_max_bytes{job="synchron-hub-redis"} > 0) > 0.9',
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('redis-memory-high'),
        summary: 'Redis {{ $labels.instance }} uses {{ $value | humanizePercentage }} of maxmemory',
        description: 'Near maxmemory Redis evicts keys (cached tokens, context) or refuses writes, depending on its policy.',
      },
    }),
    alert({
      name: 'SynchronHubPostgresConnectionsHigh',
      expr: promql`
        sum by (job, instance) (pg_stat_database_numbackends{job="synchron-hub-postgres"})
        / max by (job, instance) (pg_settings_max_connections{job="synchron-hub-postgres"})
        > 0.8`,
      for: '15m',
      labels: ticket,
      annotations: {
        runbook_url: runbook('postgres-connections-high'),
        summary: 'PostgreSQL {{ $labels.instance }} uses {{ $value | humanizePercentage }} of max_connections',
        description: 'New backend connections will soon be refused.',
      },
    }),
  ],
});

// ---------------------------------------------------------------------------------------------------
// Tests: every page alert
// ---------------------------------------------------------------------------------------------------

export const backendDownTest = ruleTest({
  name: 'the backend pages when no instance answers for 2 minutes, not while one still does',
  groups: [synchronHubAvailability],
  input: [
    { metric: 'up', labels: { job: 'synchron-hub-backend', instance: 'backend-1:4000' }, values: '1 1 0 0 0 0 0 0 0 0' },
    { metric: 'up', labels: { job: 'synchron-hub-backend', instance: 'backend-2:4000' }, values: '1 1 1 1 1 0 0 0 0 0' },
  ],
  alerts: [
    { at: '4m', alertname: 'SynchronHubBackendDown', expect: [] },
    {
      at: '8m',
      alertname: 'SynchronHubBackendDown',
      expect: [{
        labels: { job: 'synchron-hub-backend', ...page },
        annotations: {
          runbook_url: runbook('backend-down'),
          summary: 'No synchron-hub backend instance answers its /metrics scrape',
          description: 'Every target of synchron-hub-backend has failed its scrape for 2 minutes: the hub API (POST /api/hub/events) is most likely down for all tenants.',
        },
      }],
    },
  ],
});

export const orchestratorDownTest = ruleTest({
  name: 'the AI orchestrator pages after 2 minutes down',
  groups: [synchronHubAvailability],
  input: [{ metric: 'up', labels: { job: 'synchron-hub-ai-orchestrator', instance: 'orchestrator-1:8000' }, values: '1 0 0 0 0 0' }],
  alerts: [
    { at: '2m', alertname: 'SynchronHubAiOrchestratorDown', expect: [] },
    {
      at: '4m',
      alertname: 'SynchronHubAiOrchestratorDown',
      expect: [{
        labels: { job: 'synchron-hub-ai-orchestrator', ...page },
        annotations: {
          runbook_url: runbook('ai-orchestrator-down'),
          summary: 'No synchron-hub AI orchestrator instance is up',
          description: 'Every target of synchron-hub-ai-orchestrator has failed its scrape for 2 minutes: no conversation is dispatched to the AI agents.',
        },
      }],
    },
  ],
});

export const apiErrorRateTest = ruleTest({
  name: '10% of API requests failing for 10 minutes pages; 1% does not',
  groups: [synchronHubAvailability],
  input: [
    { metric: 'hub_http_requests_total', labels: { job: 'synchron-hub-backend', instance: 'b-1', tenant_id: 'chat365', method: 'POST', route: '/api/hub/events', status_code: '202' }, values: '0+90x30' },
    { metric: 'hub_http_requests_total', labels: { job: 'synchron-hub-backend', instance: 'b-1', tenant_id: 'chat365', method: 'POST', route: '/api/hub/events', status_code: '500' }, values: '0+10x30' },
    { metric: 'hub_http_requests_total', labels: { job: 'synchron-hub-backend', instance: 'b-2', tenant_id: 'acme', method: 'GET', route: '/api/health', status_code: '200' }, values: '0+0x30' },
  ],
  alerts: [
    { at: '8m', alertname: 'SynchronHubApiHighErrorRate', expect: [] },
    {
      at: '15m',
      alertname: 'SynchronHubApiHighErrorRate',
      expect: [{
        labels: { job: 'synchron-hub-backend', ...page },
        annotations: {
          runbook_url: runbook('api-high-error-rate'),
          summary: 'synchron-hub API answers 10% of requests with 5xx',
          description: 'More than 5% of backend API requests, all tenants together, have failed with a server error for 10 minutes.',
        },
      }],
    },
  ],
});

export const apiErrorRateQuietTest = ruleTest({
  name: '1% of API requests failing does not page',
  groups: [synchronHubAvailability],
  input: [
    { metric: 'hub_http_requests_total', labels: { job: 'synchron-hub-backend', instance: 'b-1', tenant_id: 'chat365', method: 'POST', route: '/api/hub/events', status_code: '202' }, values: '0+99x30' },
    { metric: 'hub_http_requests_total', labels: { job: 'synchron-hub-backend', instance: 'b-1', tenant_id: 'chat365', method: 'POST', route: '/api/hub/events', status_code: '503' }, values: '0+1x30' },
  ],
  alerts: [{ at: '25m', alertname: 'SynchronHubApiHighErrorRate', expect: [] }],
});

export const queueBacklogTest = ruleTest({
  name: 'a tenant queue past 5000 that keeps growing pages after 10 minutes; a deep queue that drains does not',
  groups: [synchronHubQueues],
  input: [
    // chat365: +100 events a minute, past 5000 at 51m.
    { metric: 'hub_queue_depth', labels: { job: 'synchron-hub-backend-hub', instance: 'b-1', tenant_id: 'chat365', queue: 'hub-events' }, values: '0+100x90' },
    // acme: deep but draining.
    { metric: 'hub_queue_depth', labels: { job: 'synchron-hub-backend-hub', instance: 'b-1', tenant_id: 'acme', queue: 'hub-events' }, values: '9000-50x90' },
  ],
  alerts: [
    { at: '55m', alertname: 'SynchronHubQueueBacklogGrowing', expect: [] },
    {
      at: '70m',
      alertname: 'SynchronHubQueueBacklogGrowing',
      expect: [{
        labels: { tenant_id: 'chat365', queue: 'hub-events', ...page },
        annotations: {
          runbook_url: runbook('queue-backlog-growing'),
          summary: 'Hub queue hub-events of tenant chat365 holds 7000 events and keeps growing',
          description: 'Over 5000 waiting events and still growing for 10 minutes: events of this tenant are not being processed.',
        },
      }],
    },
  ],
});

export const tokenExpiryTest = ruleTest({
  name: 'token expiry failures of one tenant open a ticket after 10 minutes and page after 30',
  groups: [synchronHubTokens],
  input: [
    { metric: 'hub_token_expiry_failures_total', labels: { job: 'synchron-hub-backend-hub', instance: 'b-1', tenant_id: 'chat365', channel: 'onlychannel' }, values: '0+6x60' },
    // A single failure that the refresh fixed: nothing.
    { metric: 'hub_token_expiry_failures_total', labels: { job: 'synchron-hub-backend-hub', instance: 'b-1', tenant_id: 'acme', channel: 'whatsapp' }, values: '0 1 1x58' },
  ],
  alerts: [
    { at: '20m', alertname: 'SynchronHubTokenExpiryFailuresPersisting', expect: [] },
    {
      at: '20m',
      alertname: 'SynchronHubTokenExpiryFailures',
      expect: [{
        labels: { tenant_id: 'chat365', channel: 'onlychannel', ...ticket },
        annotations: {
          runbook_url: runbook('token-expiry-failures'),
          summary: 'Tenant chat365 calls to onlychannel fail on an expired token',
          description: 'Outbound onlychannel calls of tenant chat365 have been failing on an expired token for 10 minutes (0.10/s).',
        },
      }],
    },
    {
      at: '40m',
      alertname: 'SynchronHubTokenExpiryFailuresPersisting',
      expect: [{
        labels: { tenant_id: 'chat365', channel: 'onlychannel', ...page },
        annotations: {
          runbook_url: runbook('token-expiry-failures-persisting'),
          summary: 'Tenant chat365 cannot reach onlychannel for 30 minutes: token expired',
          description: 'Every recent outbound onlychannel call of tenant chat365 may be failing; check the cached credential chat365:onlychannel:token in Redis and the tenant\'s channel credentials.',
        },
      }],
    },
  ],
});

export const kafkaLagTest = ruleTest({
  name: 'Kafka lag past 10000 that keeps growing pages after 10 minutes',
  groups: [synchronHubKafka],
  input: [
    { metric: 'kafka_consumergroup_lag_sum', labels: { job: 'synchron-hub-kafka', instance: 'kafka-exporter:9308', consumergroup: 'ai-orchestrator', topic: 'hub.events' }, values: '0+500x60' },
    // Large but shrinking: catching up, no page.
    { metric: 'kafka_consumergroup_lag_sum', labels: { job: 'synchron-hub-kafka', instance: 'kafka-exporter:9308', consumergroup: 'notifier', topic: 'hub.events' }, values: '40000-500x60' },
  ],
  alerts: [
    { at: '25m', alertname: 'SynchronHubKafkaConsumerLagCritical', expect: [] },
    {
      at: '40m',
      alertname: 'SynchronHubKafkaConsumerLagCritical',
      expect: [{
        labels: { consumergroup: 'ai-orchestrator', topic: 'hub.events', ...page },
        annotations: {
          runbook_url: runbook('kafka-consumer-lag-critical'),
          summary: 'Consumer group ai-orchestrator lags 20000 messages on hub.events and falling behind',
          description: 'Over 10000 unconsumed messages and still growing for 10 minutes: hub events on hub.events are not being handled.',
        },
      }],
    },
  ],
});

export const dispatchFailingTest = ruleTest({
  name: 'AI dispatches failing at 40% for 10 minutes page',
  groups: [synchronHubOrchestrator, synchronHubRecording],
  input: [
    { metric: 'ai_orchestrator_dispatch_total', labels: { job: 'synchron-hub-ai-orchestrator', instance: 'o-1', tenant_id: 'chat365', outcome: 'success' }, values: '0+60x30' },
    { metric: 'ai_orchestrator_dispatch_total', labels: { job: 'synchron-hub-ai-orchestrator', instance: 'o-1', tenant_id: 'chat365', outcome: 'error' }, values: '0+20x30' },
    { metric: 'ai_orchestrator_dispatch_total', labels: { job: 'synchron-hub-ai-orchestrator', instance: 'o-1', tenant_id: 'chat365', outcome: 'timeout' }, values: '0+20x30' },
  ],
  alerts: [
    { at: '8m', alertname: 'SynchronHubAiOrchestratorDispatchFailing', expect: [] },
    {
      at: '15m',
      alertname: 'SynchronHubAiOrchestratorDispatchFailing',
      expect: [{
        labels: { job: 'synchron-hub-ai-orchestrator', ...page },
        annotations: {
          runbook_url: runbook('ai-orchestrator-dispatch-failing'),
          summary: 'AI orchestrator dispatches fail at 40%',
          description: 'More than 20% of dispatches to the AI agents (all tenants) have ended in error or timeout for 10 minutes.',
        },
      }],
    },
  ],
});

export const datastoresDownTest = ruleTest({
  name: 'Redis and PostgreSQL page after 2 minutes down',
  groups: [synchronHubDatastores],
  input: [
    { metric: 'redis_up', labels: { job: 'synchron-hub-redis', instance: 'redis-exporter:9121' }, values: '1 0 0 0 0 0' },
    { metric: 'pg_up', labels: { job: 'synchron-hub-postgres', instance: 'postgres-exporter:9187' }, values: '1 1 1 0 0 0' },
  ],
  alerts: [
    { at: '2m', alertname: 'SynchronHubRedisDown', expect: [] },
    {
      at: '4m',
      alertname: 'SynchronHubRedisDown',
      expect: [{
        labels: { job: 'synchron-hub-redis', instance: 'redis-exporter:9121', ...page },
        annotations: {
          runbook_url: runbook('redis-down'),
          summary: 'Redis redis-exporter:9121 of the synchron hub is down',
          description: 'redis_exporter cannot reach Redis for 2 minutes: channel tokens and conversation context are unavailable.',
        },
      }],
    },
    { at: '4m', alertname: 'SynchronHubPostgresDown', expect: [] },
    {
      at: '5m',
      alertname: 'SynchronHubPostgresDown',
      expect: [{
        labels: { job: 'synchron-hub-postgres', instance: 'postgres-exporter:9187', ...page },
        annotations: {
          runbook_url: runbook('postgres-down'),
          summary: 'PostgreSQL postgres-exporter:9187 of the synchron hub is down',
          description: 'postgres_exporter cannot reach the database for 2 minutes.',
        },
      }],
    },
  ],
});
