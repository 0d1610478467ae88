// Routing tests: an alert's labels and the receivers Alertmanager must notify. `obs test` runs them with
// the real `amtool config routes test` and with obs's own routing (which also knows inhibitions and
// time intervals); a failing test is reported at its line here.
import { routingTest } from '../dsl/index.ts';

export const routingTests = [
  routingTest({ labels: { alertname: 'PyTakeServiceDown', severity: 'page', component: 'api' }, receivers: ['pytake-critical'] }),
  routingTest({ labels: { alertname: 'PyTakeHighResponseTime', severity: 'ticket', component: 'api' }, receivers: ['pytake-alerts'] }),
  routingTest({
    name: 'a PyTake page inhibits the tickets of its component',
    labels: { alertname: 'PyTakeHighResponseTime', severity: 'ticket', component: 'api' },
    firing: [{ alertname: 'PyTakeServiceDown', severity: 'page', component: 'api' }],
    receivers: [],
  }),
  routingTest({
    name: 'a PyTake page does not inhibit tickets of another component',
    labels: { alertname: 'PyTakeRedisHighMemory', severity: 'ticket', component: 'redis' },
    firing: [{ alertname: 'PyTakeServiceDown', severity: 'page', component: 'api' }],
    receivers: ['pytake-alerts'],
  }),
  routingTest({ labels: { alertname: 'AiOrchestratorServiceDown', severity: 'page', priority: 'P0', team: 'platform' }, receivers: ['ai-orchestrator-status-page', 'ai-orchestrator-pager'] }),
  routingTest({ labels: { alertname: 'AiOrchestratorHighErrorRate', severity: 'page', priority: 'P1', team: 'platform' }, receivers: ['ai-orchestrator-pager'] }),
  routingTest({ labels: { alertname: 'AiOrchestratorQueueBacklog', severity: 'ticket', priority: 'P2', team: 'platform' }, receivers: ['ai-orchestrator-platform'] }),
  routingTest({
    name: 'product heads-ups are mailed in business hours',
    labels: { alertname: 'AiOrchestratorLowUserActivity', severity: 'info', priority: 'P2', team: 'product' },
    at: '2026-03-04T10:00:00+01:00',
    receivers: ['ai-orchestrator-product'],
  }),
  routingTest({
    name: 'product heads-ups wait outside business hours',
    labels: { alertname: 'AiOrchestratorLowUserActivity', severity: 'info', priority: 'P2', team: 'product' },
    at: '2026-03-07T10:00:00+01:00',
    receivers: [],
  }),
  routingTest({ labels: { alertname: 'AiCompanionRedisDown', severity: 'page', service: 'redis' }, receivers: ['ai-companion-critical'] }),
  routingTest({
    name: 'a down Redis silences its memory ticket',
    labels: { alertname: 'AiCompanionHighRedisMemoryUsage', severity: 'ticket', service: 'redis' },
    firing: [{ alertname: 'AiCompanionRedisDown', severity: 'page', service: 'redis' }],
    receivers: [],
  }),
  routingTest({ labels: { alertname: 'KeikoBackendDown', severity: 'page', service: 'keiko-backend' }, receivers: ['keiko-critical'] }),
  routingTest({ labels: { alertname: 'KeikoHighCpuUsage', severity: 'ticket', service: 'keiko-system' }, receivers: ['keiko-warnings'] }),
  routingTest({ labels: { alertname: 'SynchronHubBackendDown', severity: 'page', service: 'synchron-hub' }, receivers: ['synchron-hub-oncall'] }),
  routingTest({ labels: { alertname: 'SynchronHubKafkaConsumerLag', severity: 'ticket', service: 'synchron-hub' }, receivers: ['synchron-hub-alerts'] }),
  routingTest({ labels: { alertname: 'CheckoutApiDown', severity: 'page', team: 'payments' }, receivers: ['payments-pager'] }),
  routingTest({ labels: { alertname: 'SomethingNobodyOwns', severity: 'page' }, receivers: ['platform-catch-all'] }),
];
