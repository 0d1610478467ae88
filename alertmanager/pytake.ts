// PyTake's routing (its monitoring document: alertmanager/alertmanager.yml with Slack and a webhook
// whose token is ALERT_WEBHOOK_TOKEN). Critical alerts (severity page) go to the on-call Slack channel
// and to the team's incident webhook, which authenticates with the token as a bearer credential; warnings
// (ticket) and the business heads-up (info) go to the alerts channel. A page inhibits the tickets of the
// same component, so a down API does not also report its latency and error symptoms as tickets.
import { inhibitRule, receiver, route } from '../dsl/index.ts';
import { secret, slackMessage } from './shared.ts';

const slackUrl = secret('pytake-slack-webhook-url');

export const pytakeCritical = receiver({
  name: 'pytake-critical',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#pytake-critical' }],
  webhook: [{
    url: 'https://api.pytake.com/internal/alerts/webhook',
    sendResolved: true,
    httpConfig: { authorization: { type: 'Bearer', credentials: secret('pytake-alert-webhook-token') } },
  }],
});

export const pytakeAlerts = receiver({
  name: 'pytake-alerts',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#pytake-alerts' }],
});

export const pytakeRoute = route({
  matchers: ['alertname=~"PyTake.+"'],
  receiver: pytakeAlerts,
  groupBy: ['alertname', 'component'],
  routes: [
    route({ matchers: ['severity="page"'], receiver: pytakeCritical, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: ['severity=~"ticket|info"'], receiver: pytakeAlerts, repeatInterval: '12h' }),
  ],
});

export const pytakeInhibitions = [
  inhibitRule({
    sourceMatchers: ['alertname=~"PyTake.+"', 'severity="page"'],
    targetMatchers: ['alertname=~"PyTake.+"', 'severity="ticket"'],
    equal: ['component'],
  }),
];
