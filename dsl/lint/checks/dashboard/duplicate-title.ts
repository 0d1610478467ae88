import { folderSlug } from '../../../dashboard/identity.ts';
import { defineCheck } from '../../check.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/duplicate-title',
    description: 'Dashboard titles must be unique within a folder',
    severity: 'error',
    scope: 'project',
    docs: `Grafana refuses to save a second dashboard with the same title in a folder ("a dashboard with the
same name in the folder already exists"), and file provisioning logs an error and skips one of them.
Folders are compared by the name they are written to (\`out/dashboards/<folder>/\`).`,
    messages: {
      duplicate: '{{dashboard}} is also the title of a dashboard in {{module}}, in the same folder {{folder}}',
    },
  },
  run(ctx) {
    const seen = new Map<string, string>();
    for (const view of ctx.dashboards()) {
      const key = `${folderSlug(view.entry.folder)}\u0000${view.entry.dashboard.title.trim().toLowerCase()}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, view.entry.module);
        continue;
      }
      ctx.report({
        messageId: 'duplicate',
        data: { dashboard: view.subject, module: first, folder: JSON.stringify(view.entry.folder) },
        hint: 'rename one of them or move it to another folder',
        location: view.entry.dashboard.site,
        subject: view.subject,
        on: view.entry.dashboard,
      });
    }
  },
});
