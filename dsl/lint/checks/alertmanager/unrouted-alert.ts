import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'alertmanager/unrouted-alert',
    description: 'Every alert of the project reaches a route of its own, not only the catch-all root receiver',
    severity: 'error',
    scope: 'project',
    needs: ['alertmanager'],
    docs: `The root route's receiver catches what no other route takes: an alert that lands there was routed by
nobody, and usually pages nobody who owns it (a new team's alerts, a misspelt \`team\` label, a severity no
route knows). The check follows Alertmanager's routing with what the rule says about the alert's labels: its
\`alertname\`, its own and its group's labels, and the labels its expression keeps (whose values only the
series decide, so a matcher on them may hold). An alert that can land on no route but the root is an error
at the alert. Give it the labels a route matches (\`team\`, \`severity\`), or add a route for it; \`obs routes\`
lists where every alert lands.`,
    messages: {
      unrouted: '{{subject}} reaches no route but the root: it goes to the catch-all receiver {{receiver}}',
    },
  },
  run(ctx) {
    const v = ctx.alertmanager;
    if (!v) return;
    for (const { alert, landings } of v.alerts) {
      if (landings.length === 0 || landings.some((l) => l.node.depth > 0)) continue;
      const labels = Object.entries(alert.knowledge.values)
        .filter(([k]) => k !== 'alertname')
        .map(([k, x]) => `${k}=${JSON.stringify(x)}`);
      ctx.report({
        messageId: 'unrouted',
        data: { subject: alert.subject, receiver: JSON.stringify(v.tree.receiver) },
        hint: `no route of ${v.module} matches its labels (${labels.join(', ') || 'none but alertname'}); add the labels a route matches, or a route for it`,
        location: alert.site ?? { file: alert.module, line: 1, column: 1 },
        subject: alert.subject,
        on: alert.rule,
      });
    }
  },
});
