// AI Orchestrator's routing (its monitoring document: Slack, e-mail, PagerDuty and webhooks; Critical
// (P0) for outages, Warning (P1) for degradation, Info (P2) for capacity and business metrics). Pages go
// to PagerDuty and the incident Slack channel; P0 pages also reach the status-page webhook. Tickets go to
// Slack and the platform team's mailbox. The product team's business heads-ups (info) are mailed during
// business hours only. A page inhibits tickets of the same team.
import { inhibitRule, receiver, route } from '../dsl/index.ts';
import { businessHours, secret, slackMessage } from './shared.ts';

const slackUrl = secret('ai-orchestrator-slack-webhook-url');
const email = { from: 'alertmanager@ai-orchestrator.example.com', smarthost: 'smtp.ai-orchestrator.example.com:587', authUsername: 'alertmanager', authPassword: secret('ai-orchestrator-smtp-password'), sendResolved: true } as const;

export const aiOrchestratorPager = receiver({
  name: 'ai-orchestrator-pager',
  pagerduty: [{ routingKey: secret('ai-orchestrator-pagerduty-routing-key'), severity: 'critical', description: '{{ .CommonAnnotations.summary }}', sendResolved: true }],
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#ai-orchestrator-incidents' }],
});

export const aiOrchestratorStatusPage = receiver({
  name: 'ai-orchestrator-status-page',
  webhook: [{
    url: 'https://status.ai-orchestrator.example.com/api/alertmanager',
    sendResolved: true,
    httpConfig: { authorization: { type: 'Bearer', credentials: secret('ai-orchestrator-status-page-token') } },
  }],
});

export const aiOrchestratorPlatform = receiver({
  name: 'ai-orchestrator-platform',
  slack: [{ ...slackMessage, apiUrl: slackUrl, channel: '#ai-orchestrator-alerts' }],
  email: [{ ...email, to: 'platform-team@ai-orchestrator.example.com' }],
});

export const aiOrchestratorProduct = receiver({
  name: 'ai-orchestrator-product',
  email: [{ ...email, to: 'product-team@ai-orchestrator.example.com' }],
});

export const aiOrchestratorRoute = route({
  matchers: ['alertname=~"AiOrchestrator.+"'],
  receiver: aiOrchestratorPlatform,
  groupBy: ['alertname', 'priority'],
  routes: [
    // P0 outages also reach the status page; continue so they page too.
    route({ matchers: ['severity="page"', 'priority="P0"'], receiver: aiOrchestratorStatusPage, continue: true, groupWait: '10s' }),
    route({ matchers: ['severity="page"'], receiver: aiOrchestratorPager, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: ['severity="ticket"'], receiver: aiOrchestratorPlatform, repeatInterval: '12h' }),
    route({ matchers: ['severity="info"', 'team="product"'], receiver: aiOrchestratorProduct, activeTimeIntervals: [businessHours], repeatInterval: '24h' }),
  ],
});

export const aiOrchestratorInhibitions = [
  inhibitRule({
    sourceMatchers: ['alertname=~"AiOrchestrator.+"', 'severity="page"'],
    targetMatchers: ['alertname=~"AiOrchestrator.+"', 'severity="ticket"'],
    equal: ['team'],
  }),
];
