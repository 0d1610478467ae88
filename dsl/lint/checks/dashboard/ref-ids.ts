import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

export default defineCheck({
  meta: {
    id: 'dashboard/ref-ids',
    description: 'Query refIds must be unique in a panel, and overrides must name existing ones',
    severity: 'error',
    docs: `refIds are assigned A, B, C, ... in order, around any set explicitly. Two queries with one refId
make Grafana drop one of them; an override \`{ byQuery: 'X' }\` for a refId the panel does not have
applies to nothing.`,
    messages: {
      duplicate: '{{subject}} has two queries with refId {{refId}}',
      unknownQuery: '{{subject}} overrides query {{query}}, but its queries are {{queries}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        const on = view.suppressionsOf(p);
        const ids = new Set<string>();
        for (const q of p.queries) {
          if (ids.has(q.refId)) {
            ctx.report({
              messageId: 'duplicate',
              data: { subject: panelSubject(p), refId: JSON.stringify(q.refId) },
              hint: 'leave refId out to have it assigned, or make it unique',
              location: q.query.site ?? p.panel.site,
              subject: panelSubject(p),
              on,
            });
          }
          ids.add(q.refId);
        }
        const overrides = 'overrides' in p.panel ? (p.panel.overrides ?? []) : [];
        for (const o of overrides) {
          if (!('byQuery' in o.match) || ids.has(o.match.byQuery)) continue;
          ctx.report({
            messageId: 'unknownQuery',
            data: {
              subject: panelSubject(p),
              query: JSON.stringify(o.match.byQuery),
              queries: [...ids].join(', ') || 'none',
            },
            hint: 'name a refId of this panel',
            location: ctx.locate(p.panel.site, o.match.byQuery, 0),
            subject: panelSubject(p),
            on,
          });
        }
      }
    }
  },
});
