// Node resources (USE method) for every host running the platform, from node_exporter.
import { dashboard, link, prometheusQuery, standardVariables, stat, useRow } from '../../dsl/index.ts';

export const nodes = dashboard({
  title: 'Nodes',
  description: 'Utilisation, saturation and errors of CPU, memory, disk and network, per node (node_exporter).',
  tags: ['platform', 'nodes', 'use'],
  refresh: '1m',
  variables: standardVariables({ metric: 'node_uname_info', job: { multi: true, includeAll: true, allValue: '.+' } }),
  links: [link({ title: 'node_exporter metrics', url: 'https://github.com/prometheus/node_exporter#enabled-by-default', newTab: true, icon: 'doc' })],
  panels: [
    stat({
      title: 'Nodes up',
      description: 'Nodes whose node_exporter answered the last scrape.',
      unit: 'none',
      thresholds: { base: 'red', steps: [{ value: 1, color: 'green' }] },
      queries: [prometheusQuery({ expr: 'sum(up{job=~"$job", instance=~"$instance"})', mode: 'instant' })],
    }),
  ],
  rows: [useRow()],
});
