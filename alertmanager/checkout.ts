// The checkout demo system's routing: the payments team's pager and channel.
import { receiver, route } from '../dsl/index.ts';
import { secret, slackMessage } from './shared.ts';

export const paymentsPager = receiver({
  name: 'payments-pager',
  pagerduty: [{ routingKey: secret('payments-pagerduty-routing-key'), sendResolved: true }],
});
export const paymentsAlerts = receiver({ name: 'payments-alerts', slack: [{ ...slackMessage, apiUrl: secret('payments-slack-webhook-url'), channel: '#payments-alerts' }] });

export const checkoutRoute = route({
  matchers: ['team="payments"'],
  receiver: paymentsAlerts,
  groupBy: ['alertname', 'job'],
  routes: [route({ matchers: ['severity="page"'], receiver: paymentsPager, groupWait: '10s', repeatInterval: '1h' })],
});
