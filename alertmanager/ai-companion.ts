// AI Companion's routing (its monitoring document: e-mail and Slack, alert grouping and inhibition,
// team-specific routing). The SMTP password its alertmanager.yml held in clear text is a secret file
// here. Alerts are grouped per service (application, system, redis, postgresql, container); pages go
// to Slack and the on-call mailbox, tickets to Slack. A page inhibits the tickets of the same service:
// a down Redis does not also report its memory.
import { inhibitRule, receiver, route } from '../dsl/index.ts';
import { secret, slackMessage } from './shared.ts';

const slackUrl = secret('ai-companion-slack-webhook-url');

export const aiCompanionCritical = receiver({
  name: 'ai-companion-critical',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#ai-companion-critical' }],
  email: [{ to: 'oncall@ai-companion.example.com', sendResolved: true }],
});

export const aiCompanionWarnings = receiver({
  name: 'ai-companion-warnings',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#ai-companion-alerts' }],
});

export const aiCompanionRoute = route({
  matchers: ['alertname=~"AiCompanion.+"'],
  receiver: aiCompanionWarnings,
  groupBy: ['alertname', 'service'],
  routes: [
    route({ matchers: ['severity="page"'], receiver: aiCompanionCritical, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: ['severity="ticket"'], receiver: aiCompanionWarnings, repeatInterval: '12h' }),
  ],
});

export const aiCompanionInhibitions = [
  inhibitRule({
    sourceMatchers: ['alertname=~"AiCompanion.+"', 'severity="page"'],
    targetMatchers: ['alertname=~"AiCompanion.+"', 'severity="ticket"'],
    equal: ['service'],
  }),
];
