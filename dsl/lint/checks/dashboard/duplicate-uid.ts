import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/duplicate-uid',
    description: 'Dashboard uids must be unique in the project',
    severity: 'error',
    scope: 'project',
    docs: `Grafana keeps one dashboard per uid (in an organisation, across folders): with two, provisioning
overwrites one with the other, and links go to whichever won. Both explicit and derived uids count;
the second dashboard in module order is reported.`,
    messages: {
      duplicate: '{{dashboard}} has uid {{uid}}, already used by {{first}}',
    },
  },
  run(ctx) {
    const seen = new Map<string, string>();
    for (const view of ctx.dashboards()) {
      const { uid, module } = view.entry;
      const first = seen.get(uid);
      if (first === undefined) {
        seen.set(uid, `${view.subject} in ${module}`);
        continue;
      }
      ctx.report({
        messageId: 'duplicate',
        data: { dashboard: view.subject, uid: JSON.stringify(uid), first },
        hint: view.entry.uidDerived ? 'set an explicit uid on one of them' : 'give each dashboard its own uid',
        location: view.entry.dashboard.site,
        subject: view.subject,
        on: view.entry.dashboard,
      });
    }
  },
});
