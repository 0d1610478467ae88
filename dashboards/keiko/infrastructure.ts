// The document's "Infrastructure Dashboard": system resource usage, database performance, cache hit
// rates, network metrics, from node_exporter, postgres_exporter and redis_exporter.
// Each section reads a different exporter's job, so instead of one job/instance pair there is an
// instance picker per exporter, and the job names are hidden constants that the pickers and the
// queries share.
import { keikoDatastoreAlerts, keikoHostAlerts } from '../../alerts/keiko.ts';
import {
  alertAnnotation, constantVariable, dashboard, datasourceVariable, gaugePanel, labelValues, prometheusQuery, queryVariable, row,
  stat, timeseries, usePanels,
} from '../../dsl/index.ts';

const node = 'job=~"$node_job", instance=~"$node"';
const pg = 'job=~"$postgres_job", instance=~"$postgres"';
const pgDb = `${pg}, datname=~"$datname"`;
const redis = 'job=~"$redis_job", instance=~"$redis"';
const RI = '[$__rate_interval]';

const usage = { base: 'green', steps: [{ value: 0.8, color: 'orange' }, { value: 0.9, color: 'red' }] } as const;

const hostPanels = usePanels({ selector: { job: '$node_job', instance: '$node' } });
const isNetwork = (title: string) => title.startsWith('Network');

const instancePicker = (name: string, label: string, metric: string, jobVar: string) =>
  queryVariable({
    name, label, multi: true, includeAll: true, allValue: '.+', sort: 'natural',
    query: labelValues('instance', `${metric}{job=~"$${jobVar}"}`),
  });

export const keikoInfrastructure = dashboard({
  title: 'Keiko Infrastructure',
  uid: 'keiko-infrastructure',
  folder: 'Keiko',
  description: 'Hosts (node_exporter), PostgreSQL (postgres_exporter) and Redis (redis_exporter) behind the Keiko backend.',
  tags: ['keiko', 'infrastructure'],
  refresh: '1m',
  variables: [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    constantVariable({ name: 'node_job', value: 'keiko-node-exporter' }),
    constantVariable({ name: 'postgres_job', value: 'keiko-postgres-exporter' }),
    constantVariable({ name: 'redis_job', value: 'keiko-redis-exporter' }),
    instancePicker('node', 'Host', 'node_uname_info', 'node_job'),
    instancePicker('postgres', 'PostgreSQL', 'pg_up', 'postgres_job'),
    queryVariable({
      name: 'datname', label: 'Database', multi: true, includeAll: true, allValue: '.+', sort: 'alpha',
      query: labelValues('datname', 'pg_stat_database_xact_commit{job=~"$postgres_job", instance=~"$postgres"}'),
    }),
    instancePicker('redis', 'Redis', 'redis_up', 'redis_job'),
  ],
  annotations: [alertAnnotation({ alerts: [keikoHostAlerts, keikoDatastoreAlerts] })],
  suppress: [{
    check: 'dashboard/job-instance-variables',
    reason: 'three exporters, each with its own instance picker ($node, $postgres, $redis) and job constant; one job/instance pair cannot select across them',
  }],
  rows: [
    row({
      title: 'System resource usage',
      panels: [
        gaugePanel({
          title: 'CPU usage', description: 'Share of CPU time not idle over the last 5 minutes, busiest selected host; warning at 80%, critical at 90%.',
          unit: 'percentunit', min: 0, max: 1, thresholds: usage, width: 8, height: 6,
          queries: [prometheusQuery({ mode: 'instant', expr: `max(1 - avg by (instance) (rate(node_cpu_seconds_total{${node}, mode="idle"}[5m])))` })],
          suppress: [{ check: 'dashboard/rate-interval', reason: 'the gauge shows the same 5m utilisation the CPU alert compares' }],
        }),
        gaugePanel({
          title: 'Memory usage', description: 'Share of memory not available to new processes, fullest selected host; warning at 80%, critical at 90%.',
          unit: 'percentunit', min: 0, max: 1, thresholds: usage, width: 8, height: 6,
          queries: [prometheusQuery({ mode: 'instant', expr: `max(1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}})` })],
        }),
        gaugePanel({
          title: 'Disk usage', description: 'Fullest filesystem of the selected hosts (pseudo and overlay filesystems left out); warning at 80%, critical at 90%.',
          unit: 'percentunit', min: 0, max: 1, thresholds: usage, width: 8, height: 6,
          queries: [prometheusQuery({
            mode: 'instant',
            expr: `max(1 - node_filesystem_avail_bytes{${node}, fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{${node}, fstype!~"tmpfs|overlay|squashfs"})`,
          })],
        }),
        ...hostPanels.filter((p) => !isNetwork(p.title)),
      ],
    }),
    row({
      title: 'Database performance (PostgreSQL)',
      panels: [
        stat({
          title: 'PostgreSQL up', description: 'Whether postgres_exporter could connect to the database at its last scrape.',
          unit: 'none', width: 4, height: 8, colorMode: 'background', graphMode: 'none',
          thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
          mappings: [{ value: '0', text: 'down' }, { value: '1', text: 'up' }],
          queries: [prometheusQuery({ expr: `min(pg_up{${pg}})` })],
        }),
        stat({
          title: 'Database size', description: 'Disk space used by the selected databases.',
          unit: 'bytes', width: 4, height: 8, graphMode: 'area',
          queries: [prometheusQuery({ expr: `sum(pg_database_size_bytes{${pgDb}})` })],
        }),
        // The backend's own connection pool exposes no metrics; these are the server-side connections.
        timeseries({
          title: 'Connections by state', description: 'Server connections by state, against max_connections (pg_stat_activity).',
          unit: 'none', min: 0, width: 8, stack: 'normal', fillOpacity: 30,
          overrides: [{ match: { byName: 'max_connections' }, set: { custom: { stacking: { mode: 'none' }, fillOpacity: 0 }, color: { fixed: 'red' } } }],
          queries: [
            prometheusQuery({ expr: `sum by (state) (pg_stat_activity_count{${pgDb}})`, legend: '{{state}}' }),
            prometheusQuery({ expr: `max(pg_settings_max_connections{${pg}})`, legend: 'max_connections' }),
          ],
        }),
        timeseries({
          title: 'Connection usage', description: 'Share of max_connections in use per server; the pool blocks when it reaches 100%.',
          unit: 'percentunit', min: 0, max: 1, width: 8, thresholds: usage, thresholdsStyle: 'dashed',
          queries: [prometheusQuery({
            expr: `sum by (instance) (pg_stat_activity_count{${pg}})\n/ on (instance)\nmax by (instance) (pg_settings_max_connections{${pg}})`,
            legend: '{{instance}}',
          })],
        }),
        timeseries({
          title: 'Transaction rate', description: 'Commits and rollbacks per second per database (pg_stat_database).',
          unit: 'ops', min: 0, width: 8,
          queries: [
            prometheusQuery({ expr: `sum by (datname) (rate(pg_stat_database_xact_commit{${pgDb}}${RI}))`, legend: '{{datname}} commits' }),
            prometheusQuery({ expr: `sum by (datname) (rate(pg_stat_database_xact_rollback{${pgDb}}${RI}))`, legend: '{{datname}} rollbacks' }),
          ],
        }),
        timeseries({
          title: 'Rows processed', description: 'Rows fetched, inserted, updated and deleted per second by queries (pg_stat_database tup_*).',
          unit: 'rowsps', min: 0, width: 8,
          queries: (['fetched', 'inserted', 'updated', 'deleted'] as const).map((t) => prometheusQuery({
            expr: `sum(rate(pg_stat_database_tup_${t}{${pgDb}}${RI}))`, legend: t,
          })),
        }),
        timeseries({
          title: 'Longest running transaction', description: 'Age of the oldest open transaction per connection state; long ones hold locks and bloat tables.',
          unit: 's', min: 0, width: 8,
          queries: [prometheusQuery({ expr: `max by (state) (pg_stat_activity_max_tx_duration{${pgDb}})`, legend: '{{state}}' })],
        }),
        timeseries({
          title: 'Deadlocks and temp files', description: 'Deadlocks per second and bytes spilled to temporary files per second (queries exceeding work_mem).',
          unit: 'short', min: 0, width: 8,
          overrides: [{ match: { byName: 'temp bytes' }, set: { unit: 'Bps' } }],
          queries: [
            prometheusQuery({ expr: `sum(rate(pg_stat_database_deadlocks{${pgDb}}${RI}))`, legend: 'deadlocks' }),
            prometheusQuery({ expr: `sum(rate(pg_stat_database_temp_bytes{${pgDb}}${RI}))`, legend: 'temp bytes' }),
          ],
        }),
        timeseries({
          title: 'Database size over time', description: 'Disk space used per database (pg_database_size_bytes).',
          unit: 'bytes', min: 0, width: 8,
          queries: [prometheusQuery({ expr: `sum by (datname) (pg_database_size_bytes{${pgDb}})`, legend: '{{datname}}' })],
        }),
      ],
    }),
    row({
      title: 'Cache hit rates',
      panels: [
        stat({
          title: 'Redis hit rate', description: 'Share of key lookups that found the key over the time range (keyspace hits / (hits + misses)).',
          unit: 'percentunit', decimals: 1, width: 6, height: 8, graphMode: 'area',
          thresholds: { base: 'red', steps: [{ value: 0.8, color: 'orange' }, { value: 0.9, color: 'green' }] },
          queries: [prometheusQuery({
            mode: 'instant',
            expr: `sum(increase(redis_keyspace_hits_total{${redis}}[$__range]))\n/\n(sum(increase(redis_keyspace_hits_total{${redis}}[$__range])) + sum(increase(redis_keyspace_misses_total{${redis}}[$__range])))`,
          })],
        }),
        stat({
          title: 'PostgreSQL buffer cache hit rate', description: 'Share of block reads served from shared buffers over the time range (blks_hit / (blks_hit + blks_read)).',
          unit: 'percentunit', decimals: 1, width: 6, height: 8, graphMode: 'area',
          thresholds: { base: 'red', steps: [{ value: 0.9, color: 'orange' }, { value: 0.99, color: 'green' }] },
          queries: [prometheusQuery({
            mode: 'instant',
            expr: `sum(increase(pg_stat_database_blks_hit{${pgDb}}[$__range]))\n/\n(sum(increase(pg_stat_database_blks_hit{${pgDb}}[$__range])) + sum(increase(pg_stat_database_blks_read{${pgDb}}[$__range])))`,
          })],
        }),
        timeseries({
          title: 'Cache hit rates over time', description: 'Redis keyspace hit rate and PostgreSQL buffer cache hit rate.',
          unit: 'percentunit', min: 0, max: 1, width: 12,
          queries: [
            prometheusQuery({
              legend: 'redis {{instance}}',
              expr: `sum by (instance) (rate(redis_keyspace_hits_total{${redis}}${RI}))\n/\n(sum by (instance) (rate(redis_keyspace_hits_total{${redis}}${RI})) + sum by (instance) (rate(redis_keyspace_misses_total{${redis}}${RI})))`,
            }),
            prometheusQuery({
              legend: 'postgres {{datname}}',
              expr: `sum by (datname) (rate(pg_stat_database_blks_hit{${pgDb}}${RI}))\n/\n(sum by (datname) (rate(pg_stat_database_blks_hit{${pgDb}}${RI})) + sum by (datname) (rate(pg_stat_database_blks_read{${pgDb}}${RI})))`,
            }),
          ],
        }),
        timeseries({
          title: 'Redis memory', description: 'Memory used by Redis against maxmemory (0 when no limit is set), and keys evicted to stay under it.',
          unit: 'bytes', min: 0, width: 8,
          overrides: [{ match: { byName: 'evicted keys/s' }, set: { unit: 'ops' } }],
          queries: [
            prometheusQuery({ expr: `sum by (instance) (redis_memory_used_bytes{${redis}})`, legend: '{{instance}} used' }),
            prometheusQuery({ expr: `sum by (instance) (redis_memory_max_bytes{${redis}})`, legend: '{{instance}} max' }),
            prometheusQuery({ expr: `sum(rate(redis_evicted_keys_total{${redis}}${RI}))`, legend: 'evicted keys/s' }),
          ],
        }),
        timeseries({
          title: 'Redis commands', description: 'Commands processed per second.',
          unit: 'ops', min: 0, width: 8,
          queries: [prometheusQuery({ expr: `sum by (instance) (rate(redis_commands_processed_total{${redis}}${RI}))`, legend: '{{instance}}' })],
        }),
        timeseries({
          title: 'Redis clients', description: 'Connected clients against maxclients.',
          unit: 'none', min: 0, width: 8,
          queries: [
            prometheusQuery({ expr: `sum by (instance) (redis_connected_clients{${redis}})`, legend: '{{instance}} connected' }),
            prometheusQuery({ expr: `max by (instance) (redis_config_maxclients{${redis}})`, legend: '{{instance}} max' }),
          ],
        }),
      ],
    }),
    row({
      title: 'Network metrics',
      panels: [
        ...hostPanels.filter((p) => isNetwork(p.title)),
        timeseries({
          title: 'Redis network traffic', description: 'Bytes Redis received and sent per second.',
          unit: 'Bps', min: 0, width: 8,
          queries: [
            prometheusQuery({ expr: `sum by (instance) (rate(redis_net_input_bytes_total{${redis}}${RI}))`, legend: '{{instance}} in' }),
            prometheusQuery({ expr: `sum by (instance) (rate(redis_net_output_bytes_total{${redis}}${RI}))`, legend: '{{instance}} out' }),
          ],
        }),
      ],
    }),
  ],
});
