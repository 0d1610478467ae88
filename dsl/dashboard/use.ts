/**
 * USE panels for a node (utilisation, saturation, errors of CPU, memory, disk and network) from
 * node_exporter metrics, filtered by the dashboard's job/instance variables.
 */
import { row } from './dashboard.ts';
import { timeseries } from './panels.ts';
import { prometheusQuery } from './queries.ts';
import { matcherList, type Matchers } from './selectors.ts';
import type { Row, Suppression, TimeseriesPanel, TimeseriesSpec } from './types.ts';

export interface UseOptions {
  /** Matchers (regex) that select the nodes (default `job=~"$job", instance=~"$instance"`). */
  readonly selector?: Matchers;
  /** Filesystems left out of the disk space panel (regex, default `tmpfs|overlay|squashfs`). */
  readonly ignoreFilesystems?: string;
  /** Network devices left out (regex, default `lo|veth.*|docker.*`). */
  readonly ignoreDevices?: string;
  readonly suppress?: readonly Suppression[];
}

const RI = '[$__rate_interval]';

export function usePanels(o: UseOptions = {}): TimeseriesPanel[] {
  const m = o.selector ?? { job: '$job', instance: '$instance' };
  const s = (...literal: string[]): string => `{${matcherList(m, ...literal)}}`;
  const fs = s(`fstype!~"${o.ignoreFilesystems ?? 'tmpfs|overlay|squashfs'}"`);
  const dev = s(`device!~"${o.ignoreDevices ?? 'lo|veth.*|docker.*'}"`);
  const common = { width: 8 as const, min: 0, ...(o.suppress ? { suppress: o.suppress } : {}) };
  const panel = (spec: TimeseriesSpec): TimeseriesPanel => timeseries({ ...common, ...spec });
  return [
    panel({
      title: 'CPU utilisation',
      description: 'Share of CPU time not idle, per node (node_cpu_seconds_total).',
      unit: 'percentunit',
      max: 1,
      queries: [
        prometheusQuery({
          expr: `1 - avg by (instance) (rate(node_cpu_seconds_total${s('mode="idle"')}${RI}))`,
          legend: '{{instance}}',
        }),
      ],
    }),
    panel({
      title: 'CPU saturation',
      description: 'One-minute load average per CPU; above 1 means runnable tasks wait (node_load1).',
      unit: 'short',
      queries: [
        prometheusQuery({
          expr: `node_load1${s()}\n/ on (instance)\ncount by (instance) (node_cpu_seconds_total${s('mode="idle"')})`,
          legend: '{{instance}}',
        }),
      ],
    }),
    panel({
      title: 'Memory utilisation',
      description: 'Share of memory not available to new processes (node_memory_MemAvailable_bytes).',
      unit: 'percentunit',
      max: 1,
      queries: [
        prometheusQuery({
          expr: `1 - node_memory_MemAvailable_bytes${s()} / node_memory_MemTotal_bytes${s()}`,
          legend: '{{instance}}',
        }),
      ],
    }),
    panel({
      title: 'Memory saturation',
      description: 'Major page faults per second: memory pressure forcing reads from disk (node_vmstat_pgmajfault).',
      unit: 'ops',
      queries: [prometheusQuery({ expr: `rate(node_vmstat_pgmajfault${s()}${RI})`, legend: '{{instance}}' })],
    }),
    panel({
      title: 'Disk utilisation',
      description: 'Share of time each disk was busy with I/O (node_disk_io_time_seconds_total).',
      unit: 'percentunit',
      max: 1,
      queries: [
        prometheusQuery({
          expr: `rate(node_disk_io_time_seconds_total${s()}${RI})`,
          legend: '{{instance}} {{device}}',
        }),
      ],
    }),
    panel({
      title: 'Disk saturation',
      description: 'Average I/O queue length per disk (node_disk_io_time_weighted_seconds_total).',
      unit: 'short',
      queries: [
        prometheusQuery({
          expr: `rate(node_disk_io_time_weighted_seconds_total${s()}${RI})`,
          legend: '{{instance}} {{device}}',
        }),
      ],
    }),
    panel({
      title: 'Disk space used',
      description: 'Share of each filesystem that is used (node_filesystem_avail_bytes).',
      unit: 'percentunit',
      max: 1,
      thresholds: {
        base: 'green',
        steps: [
          { value: 0.8, color: 'orange' },
          { value: 0.9, color: 'red' },
        ],
      },
      thresholdsStyle: 'line',
      queries: [
        prometheusQuery({
          expr: `1 - node_filesystem_avail_bytes${fs} / node_filesystem_size_bytes${fs}`,
          legend: '{{instance}} {{mountpoint}}',
        }),
      ],
    }),
    panel({
      title: 'Network utilisation',
      description: 'Bytes received and transmitted per second, per node (node_network_*_bytes_total).',
      unit: 'Bps',
      queries: [
        prometheusQuery({
          expr: `sum by (instance) (rate(node_network_receive_bytes_total${dev}${RI}))`,
          legend: '{{instance}} received',
        }),
        prometheusQuery({
          expr: `sum by (instance) (rate(node_network_transmit_bytes_total${dev}${RI}))`,
          legend: '{{instance}} transmitted',
        }),
      ],
    }),
    panel({
      title: 'Network errors',
      description: 'Packets dropped or in error per second, per node (node_network_*_drop_total, *_errs_total).',
      unit: 'pps',
      queries: [
        prometheusQuery({
          expr: `sum by (instance) (rate(node_network_receive_drop_total${dev}${RI}) + rate(node_network_transmit_drop_total${dev}${RI}))`,
          legend: '{{instance}} dropped',
        }),
        prometheusQuery({
          expr: `sum by (instance) (rate(node_network_receive_errs_total${dev}${RI}) + rate(node_network_transmit_errs_total${dev}${RI}))`,
          legend: '{{instance}} errors',
        }),
      ],
    }),
  ];
}

/** The USE panels in a row. */
export function useRow(o: UseOptions & { readonly title?: string; readonly collapsed?: boolean } = {}): Row {
  return row({
    title: o.title ?? 'Node resources (utilisation, saturation, errors)',
    ...(o.collapsed ? { collapsed: true } : {}),
    panels: usePanels(o),
  });
}
