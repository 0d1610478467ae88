import { uidProblem } from '../../../dashboard/identity.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/uid',
    description: 'An explicit dashboard uid must be one Grafana accepts: at most 40 letters, digits, "-" or "_"',
    severity: 'error',
    docs: `The uid is the dashboard's identity in URLs (\`/d/<uid>\`), links and provisioning; Grafana refuses a
uid longer than 40 characters or with other characters. Derived uids (from the module path, when \`uid\`
is left out) are always valid; an explicit one is checked here.`,
    messages: {
      uid: '{{dashboard}} has uid {{uid}}: {{problem}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const uid = view.entry.dashboard.uid;
      if (uid === undefined) continue;
      const problem = uidProblem(uid);
      if (!problem) continue;
      ctx.report({
        messageId: 'uid',
        data: { dashboard: view.subject, uid: JSON.stringify(uid), problem },
        hint: 'shorten the uid or drop it to derive one from the file path',
        location: view.entry.dashboard.site,
        subject: view.subject,
        on: view.entry.dashboard,
      });
    }
  },
});
