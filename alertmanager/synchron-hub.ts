// Synchron AI Hub's routing. Its monitoring document names no notification channel (its stack is
// Prometheus, Grafana, Loki and Tempo); so that its pages reach someone rather than the catch-all, they
// go to an on-call Slack channel, tickets to the hub's alerts channel.
import { receiver, route } from '../dsl/index.ts';
import { secret, slackMessage } from './shared.ts';

const slackUrl = secret('synchron-hub-slack-webhook-url');

export const synchronHubOncall = receiver({ name: 'synchron-hub-oncall', slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#synchron-hub-oncall' }] });
export const synchronHubAlerts = receiver({ name: 'synchron-hub-alerts', slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#synchron-hub-alerts' }] });

export const synchronHubRoute = route({
  matchers: ['alertname=~"SynchronHub.+"'],
  receiver: synchronHubAlerts,
  groupBy: ['alertname', 'service'],
  routes: [
    route({ matchers: ['severity="page"'], receiver: synchronHubOncall, groupWait: '10s', repeatInterval: '1h' }),
  ],
});
