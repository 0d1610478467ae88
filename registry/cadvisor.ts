// cAdvisor's container metrics the AI Companion rules and dashboards read, written by hand from
// cAdvisor's source (google/cadvisor lib/metrics/prometheus.go): names, help texts and labels as the
// collector registers them.
//
// Every container series carries `id` (cgroup path), `name` (first alias: the Docker container
// name) and `image` (DefaultContainerLabels), plus one `container_label_<k>` per Docker label and
// `container_env_<k>` per whitelisted env var: label families (`families` below), whose members any
// selector may name.
// The host's own cgroups (`id="/"`, `/system.slice/...`) have no `name`; queries filter `name!=""`.
import { counter, gauge, registry } from '../dsl/index.ts';

const container = ['id', 'name', 'image'] as const;
const families = ['container_label_*', 'container_env_*'] as const;

export const cadvisor = registry({
  name: 'cadvisor',
  // prometheus.yml's global scrape_interval; the job is prefixed to stay unique across systems.
  scrapeInterval: '15s',
  jobs: ['ai-companion-cadvisor'],
  // The series we read, not all the exporter writes: a near miss of one may be a real metric.
  complete: false,
  metrics: {
    // cpu="total" unless cAdvisor runs with per-CPU usage enabled.
    container_cpu_usage_seconds_total: counter({
      help: 'Cumulative cpu time consumed in seconds.', unit: 'seconds', labels: [...container, 'cpu'], labelFamilies: [...families],
    }),
    container_cpu_user_seconds_total: counter({
      help: 'Cumulative user cpu time consumed in seconds.', unit: 'seconds', labels: [...container], labelFamilies: [...families],
    }),
    container_cpu_system_seconds_total: counter({
      help: 'Cumulative system cpu time consumed in seconds.', unit: 'seconds', labels: [...container], labelFamilies: [...families],
    }),
    container_cpu_cfs_throttled_seconds_total: counter({
      help: 'Total time duration the container has been throttled.', unit: 'seconds', labels: [...container], labelFamilies: [...families],
    }),
    container_memory_usage_bytes: gauge({
      help: 'Current memory usage in bytes, including all memory regardless of when it was accessed',
      unit: 'bytes', labels: [...container], labelFamilies: [...families],
    }),
    container_memory_working_set_bytes: gauge({
      help: 'Current working set in bytes.', unit: 'bytes', labels: [...container], labelFamilies: [...families],
    }),
    container_memory_rss: gauge({ help: 'Size of RSS in bytes.', unit: 'bytes', labels: [...container], labelFamilies: [...families] }),
    container_memory_cache: gauge({ help: 'Number of bytes of page cache memory.', unit: 'bytes', labels: [...container], labelFamilies: [...families] }),
    container_memory_failcnt: counter({ help: 'Number of memory usage hits limits', labels: [...container], labelFamilies: [...families] }),
    container_oom_events_total: counter({
      help: 'Count of out of memory events observed for the container', labels: [...container], labelFamilies: [...families],
    }),
    container_spec_memory_limit_bytes: gauge({
      help: 'Memory limit for the container.', unit: 'bytes', labels: [...container], labelFamilies: [...families],
    }),
    container_spec_cpu_quota: gauge({ help: 'CPU quota of the container.', labels: [...container], labelFamilies: [...families] }),
    container_spec_cpu_period: gauge({ help: 'CPU period of the container.', labels: [...container], labelFamilies: [...families] }),
    container_start_time_seconds: gauge({
      help: 'Start time of the container since unix epoch in seconds.', unit: 'seconds', labels: [...container], labelFamilies: [...families],
    }),
    container_last_seen: gauge({
      help: 'Last time a container was seen by the exporter', unit: 'seconds', labels: [...container], labelFamilies: [...families],
    }),
    container_network_receive_bytes_total: counter({
      help: 'Cumulative count of bytes received', unit: 'bytes', labels: [...container, 'interface'], labelFamilies: [...families],
    }),
    container_network_transmit_bytes_total: counter({
      help: 'Cumulative count of bytes transmitted', unit: 'bytes', labels: [...container, 'interface'], labelFamilies: [...families],
    }),
    container_fs_usage_bytes: gauge({
      help: 'Number of bytes that are consumed by the container on this filesystem.', unit: 'bytes',
      labels: [...container, 'device'], labelFamilies: [...families],
    }),
    container_fs_reads_bytes_total: counter({
      help: 'Cumulative count of bytes read', unit: 'bytes', labels: [...container, 'device'], labelFamilies: [...families],
    }),
    container_fs_writes_bytes_total: counter({
      help: 'Cumulative count of bytes written', unit: 'bytes', labels: [...container, 'device'], labelFamilies: [...families],
    }),
  },
});
