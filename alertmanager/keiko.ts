// Keiko's routing (its monitoring document: Slack through ALERTMANAGER_SLACK_URL, and e-mail). Pages go
// to Slack and the team's mailbox, tickets to Slack. A page inhibits the tickets of the same service.
import { inhibitRule, receiver, route } from '../dsl/index.ts';
import { secret, slackMessage } from './shared.ts';

const slackUrl = secret('keiko-slack-webhook-url');

export const keikoCritical = receiver({
  name: 'keiko-critical',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#keiko-critical' }],
  email: [{ to: 'keiko-oncall@keiko.example.com', sendResolved: true }],
});

export const keikoWarnings = receiver({
  name: 'keiko-warnings',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#keiko-alerts' }],
});

export const keikoRoute = route({
  matchers: ['alertname=~"Keiko.+"'],
  receiver: keikoWarnings,
  groupBy: ['alertname', 'service'],
  routes: [
    route({ matchers: ['severity="page"'], receiver: keikoCritical, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: ['severity="ticket"'], receiver: keikoWarnings, repeatInterval: '12h' }),
  ],
});

export const keikoInhibitions = [
  inhibitRule({
    sourceMatchers: ['alertname=~"Keiko.+"', 'severity="page"'],
    targetMatchers: ['alertname=~"Keiko.+"', 'severity="ticket"'],
    equal: ['service'],
  }),
];
