import { datasourceFor, queryPlugin } from '../../../dashboard/resolve.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

const isVariableRef = (uid: string): boolean => uid.startsWith('$') || uid.startsWith('[[');
/** `${ds}`, `$ds`, `[[ds]]`, `${ds:text}` → `ds`. */
const variableName = (uid: string): string =>
  uid
    .replace(/^\$\{|^\$|^\[\[/, '')
    .replace(/\}$|\]\]$/, '')
    .split(':')[0] ?? '';

export default defineCheck({
  meta: {
    id: 'dashboard/datasource-variable',
    description: 'Dashboards pick their data source with a datasource variable, and use it',
    severity: 'warning',
    docs: `A dashboard with a data source variable works on every Prometheus (staging, each region) and
survives data source renames; a uid pinned in a panel does not. Queries use the dashboard's variable of
their plugin automatically (\`{ type: 'prometheus', uid: '\${datasource}' }\`), so this reports a dashboard
without one, a panel or query that pins a fixed uid, and a data source variable nothing uses.
(dashboard-linter: template-datasource-rule, panel-datasource-rule.)`,
    messages: {
      pinned: '{{subject}} pins data source uid {{uid}} instead of using a datasource variable',
      missing: '{{dashboard}} has {{plugin}} queries but no {{plugin}} datasource variable',
      unused: 'datasource variable {{name}} of {{dashboard}} is not used by any query',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const d = view.entry.dashboard;
      const used = new Set<string>();
      const plugins = new Set<string>();
      for (const p of view.resolved.allPanels) {
        for (const q of p.queries) {
          plugins.add(queryPlugin(q.query));
        }
        const pinned = [p.panel.datasource, ...p.queries.map((q) => q.query.datasource)].find(
          (r) => r !== undefined && !isVariableRef(r.uid),
        );
        if (pinned) {
          ctx.report({
            messageId: 'pinned',
            data: { subject: panelSubject(p), uid: JSON.stringify(pinned.uid) },
            hint: 'remove the datasource so the dashboard variable is used',
            location: p.panel.site,
            subject: panelSubject(p),
            on: view.suppressionsOf(p),
          });
        }
      }
      // Query variables and annotations use the Prometheus data source the same way.
      const others = [
        ...(d.variables ?? []).flatMap((v) =>
          v.type === 'query' ? [datasourceFor(d, 'prometheus', v.datasource)] : [],
        ),
        ...(d.annotations ?? []).map((a) => datasourceFor(d, 'prometheus', a.datasource)),
      ];
      for (const ref of [...others, ...view.resolved.allPanels.flatMap((p) => p.queries.map((q) => q.datasource))]) {
        if (ref !== undefined && isVariableRef(ref.uid)) used.add(variableName(ref.uid));
      }
      for (const plugin of [...plugins].sort()) {
        if ((d.variables ?? []).some((v) => v.type === 'datasource' && v.plugin === plugin)) continue;
        ctx.report({
          messageId: 'missing',
          data: { dashboard: view.subject, plugin },
          hint: `add datasourceVariable({ plugin: '${plugin}' }) (standardVariables() includes one)`,
          location: d.site,
          subject: view.subject,
          on: d,
        });
      }
      for (const v of d.variables ?? []) {
        if (v.type !== 'datasource' || used.has(v.name)) continue;
        ctx.report({
          messageId: 'unused',
          data: { name: JSON.stringify(v.name), dashboard: view.subject },
          hint: 'remove it, or remove the fixed data sources from the queries that should use it',
          location: v.site,
          subject: view.subject,
          on: d,
        });
      }
    }
  },
});
