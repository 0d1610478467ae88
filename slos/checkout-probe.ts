// The checkout page as users reach it: the blackbox exporter probes it every 15s. Named the way
// Sloth names its rules, so the team's existing Sloth dashboards show it unchanged.
import { slo } from '../dsl/index.ts';

export const checkoutProbe = slo({
  service: 'checkout-web',
  name: 'probe-availability',
  description: 'Probes of https://checkout.example.com/ that succeed.',
  objective: 99.5,
  sli: { availability: { gauge: 'probe_success{job="blackbox", instance="https://checkout.example.com/"}' } },
  naming: 'sloth',
  labels: { team: 'payments' },
  alerting: { annotations: { runbook_url: 'https://runbooks.example.com/checkout-web#probe' } },
});
