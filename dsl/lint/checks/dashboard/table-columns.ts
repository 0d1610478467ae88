import { columnsRead } from '../../../dashboard/transformations.ts';
import type { ResolvedPanel } from '../../../dashboard/resolve.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

const VALUE_COLUMN = /^Value #(.+)$/;

/** Every column name the panel's transformations, table sort and overrides name. */
function namedColumns(p: ResolvedPanel): string[] {
  const panel = p.panel;
  if (!('queries' in panel) || panel.type === 'logs' || panel.type === 'text') return [];
  return [
    ...(panel.transformations ?? []).flatMap(columnsRead),
    ...(panel.type === 'table' ? (panel.sortBy ?? []).map((s) => s.column) : []),
    ...(panel.overrides ?? []).flatMap((o) => ('byName' in o.match ? [o.match.byName] : [])),
  ];
}

export default defineCheck({
  meta: {
    id: 'dashboard/table-columns',
    description: '`Value #<refId>` columns must exist: a refId of the panel, several queries, table format',
    severity: 'error',
    docs: `Grafana names the value column of a Prometheus \`format: 'table'\` query \`Value #A\`, \`Value #B\`, ...
after the query's refId, but only when the panel runs several table queries: with one it is just \`Value\`.
Transformations (\`organize\` renames and exclusions, \`filterFieldsByName\`, \`sortBy\`, \`joinByField\`),
the table's \`sortBy\` and \`byName\` overrides that name a column that does not exist do nothing, silently:
the table shows \`Value #C\` as a header, or is sorted by nothing. Reported: a \`Value #X\` for a refId the
panel does not have or a hidden query, a \`Value #X\` when only one table query runs, and (as a warning)
one whose query is not \`format: 'table'\` (time series results name their values after their labels), or
a plain \`Value\` on a panel with several table queries.`,
    messages: {
      column: '{{subject}}: {{problem}}',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      for (const p of view.resolved.allPanels) {
        const names = [...new Set(namedColumns(p))];
        if (names.length === 0) continue;
        const on = view.suppressionsOf(p);
        // Grafana names value columns by the number of table queries that run (time series ones do not count).
        const tables = p.queries.filter(
          (q) => q.query.kind !== 'loki-query' && q.query.hide !== true && q.query.format === 'table',
        );
        const refIds = p.queries.map((q) => q.refId);
        const report = (name: string, message: string, hint: string, severity?: 'warning'): void =>
          ctx.report({
            messageId: 'column',
            data: { subject: panelSubject(p), problem: message },
            hint,
            location: ctx.locate(p.panel.site, name, 0),
            subject: panelSubject(p),
            on,
            ...(severity ? { severity } : {}),
          });
        for (const name of names) {
          if (name === 'Value' && tables.length > 1) {
            report(
              name,
              `names the column "Value", but with ${tables.length} table queries the value columns are ${tables.map((q) => `"Value #${q.refId}"`).join(', ')}`,
              'name the query\'s column, e.g. "Value #A"',
              'warning',
            );
          }
          const refId = VALUE_COLUMN.exec(name)?.[1];
          if (refId === undefined) continue;
          const query = p.queries.find((q) => q.refId === refId);
          if (!query)
            report(
              name,
              `names the column ${JSON.stringify(name)}, but the panel has no query ${refId} (its queries are ${refIds.join(', ') || 'none'})`,
              'name the column of one of its queries',
            );
          else if (query.query.hide === true)
            report(
              name,
              `names the column ${JSON.stringify(name)}, but query ${refId} is hidden: it does not run, so it has no column`,
              'show the query, or drop the name',
            );
          else if (query.query.kind !== 'loki-query' && query.query.format !== 'table') {
            report(
              name,
              `names the column ${JSON.stringify(name)}, but query ${refId} is not format: 'table' (time series values are named after their labels)`,
              "set format: 'table' (and mode: 'instant' for one row per series) on the query",
              'warning',
            );
          } else if (tables.length <= 1) {
            report(
              name,
              `names the column ${JSON.stringify(name)}, but with one table query Grafana names its value column "Value"`,
              'write "Value", or add the other table queries',
            );
          }
        }
      }
    }
  },
});
