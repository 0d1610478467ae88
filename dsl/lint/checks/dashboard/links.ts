import type { Link } from '../../../dashboard/index.ts';
import { defineCheck, type Report } from '../../check.ts';
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
    messages: {
      urlOrTo: '{{subject}} needs exactly one of url and to',
      emptyUrl: '{{subject}} has an empty url',
      noDashboard: '{{subject}} points to dashboard {{title}}, which no module exports',
      noSlo: '{{subject}} points to the SLO dashboard of {{service}}, which has no slo(...)',
    },
  },
  run(ctx) {
    const emitted = new Set(ctx.dashboards().map((v) => v.entry.dashboard));
    const uids = new Set(ctx.dashboards().map((v) => v.entry.uid));
    for (const view of ctx.dashboards()) {
      const check = (
        l: Link,
        owner: string,
        on: { readonly suppress: readonly { check: string; reason: string }[] },
      ): void => {
        const subject = `link ${JSON.stringify(l.title)} of ${owner}`;
        const problem:
          Pick<Report<'urlOrTo' | 'emptyUrl' | 'noDashboard' | 'noSlo'>, 'messageId' | 'data'> | undefined =
          (l.url === undefined) === (l.to === undefined)
            ? { messageId: 'urlOrTo', data: { subject } }
            : l.url !== undefined && l.url.trim() === ''
              ? { messageId: 'emptyUrl', data: { subject } }
              : l.to !== undefined && 'kind' in l.to && !emitted.has(l.to)
                ? { messageId: 'noDashboard', data: { subject, title: JSON.stringify(l.to.title) } }
                : l.to !== undefined && 'sloService' in l.to && !uids.has(l.to.uid ?? '')
                  ? { messageId: 'noSlo', data: { subject, service: JSON.stringify(l.to.sloService) } }
                  : undefined;
        if (problem)
          ctx.report({
            ...problem,
            hint: 'export the linked dashboard from a module under dashboards/, or link by url',
            location: l.site,
            subject,
            on,
          });
      };
      for (const l of view.entry.dashboard.links ?? [])
        if (l.kind === 'link') check(l, view.subject, view.suppressionsOf());
      for (const p of view.resolved.allPanels)
        for (const l of p.panel.links ?? []) check(l, panelSubject(p), view.suppressionsOf(p));
    }
  },
});
