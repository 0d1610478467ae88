// The kube-state-metrics series our dashboards read (deploy annotations), written by hand from
// kube-state-metrics' documentation: https://github.com/kubernetes/kube-state-metrics/tree/main/docs
import { gauge, registry } from '../dsl/index.ts';

export const kubeStateMetrics = registry({
  name: 'kube-state-metrics',
  scrapeInterval: '30s',
  jobs: ['kube-state-metrics'],
  // The series we read, not all the exporter writes: a near miss of one may be a real metric.
  complete: false,
  metrics: {
    kube_deployment_status_observed_generation: gauge({
      help: 'The generation observed by the deployment controller.',
      labels: ['namespace', 'deployment'],
    }),
    kube_deployment_status_replicas_available: gauge({
      help: 'The number of available replicas per deployment.',
      labels: ['namespace', 'deployment'],
    }),
  },
});
