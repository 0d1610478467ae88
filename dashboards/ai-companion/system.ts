// "System Metrics" (README: monitoring/grafana/dashboards/system-metrics.json): host CPU, memory and
// disk usage, network and disk I/O, load averages, container resource usage, Redis and PostgreSQL.
// The first eight panels are the team's JSON; container memory and the PostgreSQL panels fill in
// README bullets ("Container resource usage", "Redis and PostgreSQL metrics") the JSON left out.
import {
  aiCompanionContainerAlerts, aiCompanionDatabaseAlerts, aiCompanionSystemAlerts,
} from '../../alerts/ai-companion.ts';
import {
  alertAnnotation, dashboard, datasourceVariable, labelValues, prometheusQuery, queryVariable, row, timeseries,
} from '../../dsl/index.ts';

const sel = 'job=~"$job", instance=~"$instance"';
// Same exclusion as the disk alerts: pseudo-filesystems are full by design.
const fs = `${sel}, fstype!~"tmpfs|overlay|squashfs|ramfs|nsfs"`;

export const aiCompanionSystem = dashboard({
  title: 'AI Companion - System Metrics',
  uid: 'ai-companion-system',
  folder: 'AI Companion',
  description: 'Hosts (node_exporter), containers (cAdvisor), Redis and PostgreSQL under the AI Companion.',
  tags: ['ai-companion', 'system', 'infrastructure'],
  refresh: '30s',
  time: { from: 'now-1h', to: 'now' },
  // Every exporter has its own job; "All" means all of the AI Companion's jobs, not every system's.
  variables: [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    queryVariable({
      name: 'job', label: 'Job', sort: 'alpha', multi: true, includeAll: true, allValue: 'ai-companion-.+',
      query: labelValues('job', 'up{job=~"ai-companion-.+"}'),
    }),
    queryVariable({
      name: 'instance', label: 'Instance', sort: 'natural', multi: true, includeAll: true, allValue: '.+',
      query: labelValues('instance', 'up{job=~"$job"}'),
    }),
  ],
  annotations: [alertAnnotation({ alerts: [aiCompanionSystemAlerts, aiCompanionDatabaseAlerts, aiCompanionContainerAlerts] })],
  panels: [
    timeseries({
      title: 'CPU Usage',
      description: 'Busy CPU in percent per host (node_cpu_seconds_total, all modes but idle); the alert fires above 80% for 10m.',
      unit: 'percent', min: 0, max: 100, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `100 - (avg by (instance) (rate(node_cpu_seconds_total{${sel}, mode="idle"}[$__rate_interval])) * 100)`,
        legend: '{{instance}} CPU Usage',
      })],
    }),
    timeseries({
      title: 'Memory Usage',
      description: 'Used memory (MemTotal - MemAvailable) in percent per host; the alert pages above 90% for 10m.',
      unit: 'percent', min: 0, max: 100, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `(node_memory_MemTotal_bytes{${sel}} - node_memory_MemAvailable_bytes{${sel}}) / node_memory_MemTotal_bytes{${sel}} * 100`,
        legend: '{{instance}} Memory Usage',
      })],
    }),
    timeseries({
      title: 'Disk Usage',
      description: 'Used space in percent per filesystem; tickets above 85%, pages under 10% free.',
      unit: 'percent', min: 0, max: 100, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `(node_filesystem_size_bytes{${fs}} - node_filesystem_avail_bytes{${fs}}) / node_filesystem_size_bytes{${fs}} * 100`,
        legend: '{{instance}} {{mountpoint}}',
      })],
    }),
    timeseries({
      title: 'Network I/O',
      description: 'Bytes received (RX) and transmitted (TX) per second per network device.',
      unit: 'Bps', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `rate(node_network_receive_bytes_total{${sel}}[$__rate_interval])`, legend: '{{instance}} {{device}} RX' }),
        prometheusQuery({ expr: `rate(node_network_transmit_bytes_total{${sel}}[$__rate_interval])`, legend: '{{instance}} {{device}} TX' }),
      ],
    }),
    timeseries({
      title: 'Load Average',
      description: '1, 5 and 15 minute load averages per host.',
      unit: 'short', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `node_load1{${sel}}`, legend: '{{instance}} 1m load' }),
        prometheusQuery({ expr: `node_load5{${sel}}`, legend: '{{instance}} 5m load' }),
        prometheusQuery({ expr: `node_load15{${sel}}`, legend: '{{instance}} 15m load' }),
      ],
    }),
    timeseries({
      title: 'Disk I/O',
      description: 'Bytes read and written per second per disk.',
      unit: 'Bps', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `rate(node_disk_read_bytes_total{${sel}}[$__rate_interval])`, legend: '{{instance}} {{device}} Read' }),
        prometheusQuery({ expr: `rate(node_disk_written_bytes_total{${sel}}[$__rate_interval])`, legend: '{{instance}} {{device}} Write' }),
      ],
    }),
    timeseries({
      title: 'Redis Metrics',
      description: 'Connected clients (left axis) and used memory (right axis) of Redis.',
      unit: 'none', min: 0, width: 12, height: 8,
      queries: [
        prometheusQuery({ expr: `redis_connected_clients{${sel}}`, legend: 'Connected Clients {{instance}}' }),
        prometheusQuery({ expr: `redis_memory_used_bytes{${sel}}`, legend: 'Memory Usage {{instance}}' }),
      ],
      overrides: [{ match: { byQuery: 'B' }, set: { unit: 'bytes', custom: { axisPlacement: 'right' } } }],
    }),
    timeseries({
      title: 'Container Metrics',
      description: 'CPU usage per container in percent of one core (cAdvisor container_cpu_usage_seconds_total).',
      unit: 'percent', min: 0, width: 12, height: 8,
      queries: [prometheusQuery({
        expr: `sum by (name) (rate(container_cpu_usage_seconds_total{${sel}, name!=""}[$__rate_interval])) * 100`,
        legend: '{{name}} CPU %',
      })],
    }),
  ],
  rows: [
    row({
      title: 'Containers, Redis and PostgreSQL',
      panels: [
        timeseries({
          title: 'Container Memory',
          description: 'Working set per container (cAdvisor), the memory its limit is enforced on.',
          unit: 'bytes', min: 0, width: 12, height: 8,
          queries: [prometheusQuery({ expr: `sum by (name) (container_memory_working_set_bytes{${sel}, name!=""})`, legend: '{{name}}' })],
        }),
        timeseries({
          title: 'Redis Cache Hit Rate',
          description: 'Share of Redis key lookups that found the key (keyspace hits / (hits + misses)).',
          unit: 'percentunit', min: 0, max: 1, width: 12, height: 8,
          queries: [prometheusQuery({
            legend: '{{instance}}',
            expr: `rate(redis_keyspace_hits_total{${sel}}[$__rate_interval])
  / (rate(redis_keyspace_hits_total{${sel}}[$__rate_interval]) + rate(redis_keyspace_misses_total{${sel}}[$__rate_interval]))`,
          })],
        }),
        timeseries({
          title: 'PostgreSQL Connections',
          description: 'Backends connected per database against max_connections; the alert fires above 80% for 10m.',
          unit: 'none', min: 0, width: 12, height: 8,
          queries: [
            prometheusQuery({ expr: `sum by (instance, datname) (pg_stat_database_numbackends{${sel}})`, legend: '{{datname}}' }),
            prometheusQuery({ expr: `max by (instance) (pg_settings_max_connections{${sel}})`, legend: 'max_connections {{instance}}' }),
          ],
          overrides: [{ match: { byQuery: 'B' }, set: { custom: { lineStyle: { fill: 'dash', dash: [10, 10] } }, color: { fixed: 'red' } } }],
        }),
        timeseries({
          title: 'PostgreSQL Transactions',
          description: 'Commits and rollbacks per second per database.',
          unit: 'ops', min: 0, width: 12, height: 8,
          queries: [
            prometheusQuery({ expr: `sum by (datname) (rate(pg_stat_database_xact_commit{${sel}}[$__rate_interval]))`, legend: '{{datname}} commit' }),
            prometheusQuery({ expr: `sum by (datname) (rate(pg_stat_database_xact_rollback{${sel}}[$__rate_interval]))`, legend: '{{datname}} rollback' }),
          ],
        }),
      ],
    }),
  ],
});
