import type { Link } from '../../../dashboard/index.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/links',
    description: 'Links point somewhere: a URL, or a dashboard the build emits',
    severity: 'error',
    scope: 'project',
    docs: `A link has either \`url\` or \`to\` (a dashboard of this project, linked by its uid with the time range
and variables). A \`to\` dashboard that no module exports would be a dead link in Grafana, so it is an
error, and so is \`to: sloDashboard(service)\` for a service without SLOs; \`to: { uid }\` names a
dashboard by uid and is not checked (it may live outside this project).`,
  },
  run(ctx) {
    const emitted = new Set(ctx.dashboards().map((v) => v.entry.dashboard));
    const uids = new Set(ctx.dashboards().map((v) => v.entry.uid));
    for (const view of ctx.dashboards()) {
      const check = (l: Link, owner: string, on: { readonly suppress: readonly { check: string; reason: string }[] }): void => {
        const subject = `link ${JSON.stringify(l.title)} of ${owner}`;
        let problem: string | undefined;
        if ((l.url === undefined) === (l.to === undefined)) problem = `${subject} needs exactly one of url and to`;
        else if (l.url !== undefined && l.url.trim() === '') problem = `${subject} has an empty url`;
        else if (l.to !== undefined && 'kind' in l.to && !emitted.has(l.to)) problem = `${subject} points to dashboard ${JSON.stringify(l.to.title)}, which no module exports`;
        else if (l.to !== undefined && 'sloService' in l.to && !uids.has(l.to.uid ?? '')) problem = `${subject} points to the SLO dashboard of ${JSON.stringify(l.to.sloService)}, which has no slo(...)`;
        if (problem) ctx.report({ message: problem, hint: 'export the linked dashboard from a module under dashboards/, or link by url', location: l.site, subject, on });
      };
      for (const l of view.entry.dashboard.links ?? []) if (l.kind === 'link') check(l, view.subject, view.suppressionsOf());
      for (const p of view.resolved.allPanels) for (const l of p.panel.links ?? []) check(l, panelSubject(p), view.suppressionsOf(p));
    }
  },
});
