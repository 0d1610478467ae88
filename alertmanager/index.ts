// The one Alertmanager configuration of the project, built to out/alertmanager/alertmanager.yml: each
// system's route subtree and inhibitions come from its module; alerts no route takes go to the
// platform's catch-all channel (alertmanager/unrouted-alert makes sure none of ours do).
import { alertmanagerConfig, receiver, route } from '../dsl/index.ts';
import * as aiCompanion from './ai-companion.ts';
import * as aiOrchestrator from './ai-orchestrator.ts';
import * as checkout from './checkout.ts';
import * as keiko from './keiko.ts';
import * as pytake from './pytake.ts';
import { businessHours, secret, slackMessage, slackTemplate } from './shared.ts';
import * as synchronHub from './synchron-hub.ts';
import { routingTests } from './tests.ts';

const catchAll = receiver({ name: 'platform-catch-all', slack: [{ ...slackMessage, apiUrl: secret('platform-slack-webhook-url'), channel: '#alerts-unrouted' }] });

export default alertmanagerConfig({
  global: { resolveTimeout: '5m', smtpFrom: 'alertmanager@example.com', smtpSmarthost: 'smtp.example.com:587', smtpAuthUsername: 'alertmanager', smtpAuthPassword: secret('smtp-password') },
  templates: [slackTemplate],
  route: route({
    receiver: catchAll,
    groupBy: ['alertname'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [pytake.pytakeRoute, aiOrchestrator.aiOrchestratorRoute, aiCompanion.aiCompanionRoute, keiko.keikoRoute, synchronHub.synchronHubRoute, checkout.checkoutRoute],
  }),
  receivers: [
    catchAll,
    pytake.pytakeCritical, pytake.pytakeAlerts,
    aiOrchestrator.aiOrchestratorPager, aiOrchestrator.aiOrchestratorStatusPage, aiOrchestrator.aiOrchestratorPlatform, aiOrchestrator.aiOrchestratorProduct,
    aiCompanion.aiCompanionCritical, aiCompanion.aiCompanionWarnings,
    keiko.keikoCritical, keiko.keikoWarnings,
    synchronHub.synchronHubOncall, synchronHub.synchronHubAlerts,
    checkout.paymentsPager, checkout.paymentsAlerts,
  ],
  inhibitRules: [...pytake.pytakeInhibitions, ...aiOrchestrator.aiOrchestratorInhibitions, ...aiCompanion.aiCompanionInhibitions, ...keiko.keikoInhibitions],
  timeIntervals: [businessHours],
  tests: routingTests,
});
