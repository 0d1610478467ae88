import { isBuiltinVariable, substituteVariables } from '../../../promql/index.ts';
import { defineCheck } from '../../check.ts';
import { panelSubject } from '../../dashboard-view.ts';

/** Grafana's variable formats (`${var:format}`); `date` takes an argument (`${__from:date:iso}`). */
const FORMATS = new Set([
  'csv',
  'customqueryparam',
  'date',
  'distributed',
  'doublequote',
  'glob',
  'join',
  'json',
  'lucene',
  'percentencode',
  'pipe',
  'queryparam',
  'raw',
  'regex',
  'singlequote',
  'sqlstring',
  'text',
]);

export default defineCheck({
  meta: {
    id: 'dashboard/undefined-variable',
    description:
      'Every variable a dashboard uses ($var, ${var:fmt}, [[var]], repeat) must be defined by it or by Grafana',
    severity: 'error',
    docs: `Grafana leaves an unknown \`$var\` in the query as it is, so the panel fails or, worse, silently
shows nothing. Queries, variable queries, annotation expressions, panel and row titles, link URLs and
\`repeat\` are checked against the dashboard's variables and Grafana's built-ins (\`$__rate_interval\`,
\`$__range\`, ...). An unknown format (\`\${job:regexp}\`) and a variable whose query uses the variable
itself are errors too.`,
    messages: {
      undefined: '{{subject}} uses ${{variable}}, which {{dashboard}} does not define',
      unknownFormat: '{{subject}} formats ${{variable}} as {{format}}, which Grafana does not know',
      selfReference: 'variable {{variable}} uses itself in its query',
      repeat: '{{subject}} repeats by ${{variable}}, which {{dashboard}} does not define',
    },
  },
  run(ctx) {
    for (const view of ctx.dashboards()) {
      const defined = (name: string): boolean => view.variables.has(name) || isBuiltinVariable(name);
      for (const q of view.queries) {
        for (const use of q.variables) {
          if (!defined(use.name)) {
            ctx.report({
              messageId: 'undefined',
              data: { subject: q.subject, variable: use.name, dashboard: view.subject },
              hint: `add a variable named ${JSON.stringify(use.name)} to the dashboard, or fix the name (defined: ${[...view.variables.keys()].join(', ') || 'none'})`,
              location: q.locate(use.start, use.end),
              subject: q.subject,
              on: q.on,
            });
          } else if (use.format !== undefined && !FORMATS.has(use.format.split(':')[0] ?? '')) {
            ctx.report({
              messageId: 'unknownFormat',
              data: { subject: q.subject, variable: use.name, format: JSON.stringify(use.format) },
              hint: `use one of ${[...FORMATS].join(', ')}`,
              location: q.locate(use.start, use.end),
              subject: q.subject,
              on: q.on,
            });
          } else if (q.owner.kind === 'variable' && q.owner.variable.name === use.name) {
            ctx.report({
              messageId: 'selfReference',
              data: { variable: JSON.stringify(use.name) },
              hint: 'filter by other variables only; Grafana cannot resolve a circular variable',
              location: q.locate(use.start, use.end),
              subject: q.subject,
              on: q.on,
            });
          }
        }
      }
      const texts: {
        text: string;
        site: typeof view.entry.dashboard.site;
        subject: string;
        on: { suppress: readonly { check: string; reason: string }[] };
      }[] = [];
      for (const p of view.resolved.allPanels) {
        const on = view.suppressionsOf(p);
        texts.push({ text: p.panel.title, site: p.panel.site, subject: panelSubject(p), on });
        for (const l of p.panel.links ?? [])
          if (l.url)
            texts.push({ text: l.url, site: l.site ?? p.panel.site, subject: `link ${JSON.stringify(l.title)}`, on });
        const rep = p.panel.repeat?.variable;
        if (rep !== undefined && !defined(rep)) {
          ctx.report({
            messageId: 'repeat',
            data: { subject: panelSubject(p), variable: rep, dashboard: view.subject },
            hint: 'repeat by one of the dashboard variables',
            location: ctx.locate(p.panel.site, rep, 0),
            subject: panelSubject(p),
            on,
          });
        }
      }
      for (const r of view.resolved.rows) {
        const subject = `row ${JSON.stringify(r.row.title)}`;
        const on = { suppress: [...(r.row.suppress ?? []), ...(view.entry.dashboard.suppress ?? [])] };
        texts.push({ text: r.row.title, site: r.row.site, subject, on });
        if (r.row.repeat !== undefined && !defined(r.row.repeat)) {
          ctx.report({
            messageId: 'repeat',
            data: { subject, variable: r.row.repeat, dashboard: view.subject },
            hint: 'repeat by one of the dashboard variables',
            location: ctx.locate(r.row.site, r.row.repeat, 0),
            subject,
            on,
          });
        }
      }
      for (const l of view.entry.dashboard.links ?? []) {
        if (l.kind === 'link' && l.url)
          texts.push({
            text: l.url,
            site: l.site,
            subject: `link ${JSON.stringify(l.title)}`,
            on: { suppress: view.entry.dashboard.suppress ?? [] },
          });
      }
      for (const t of texts) {
        for (const use of substituteVariables(t.text).variables) {
          if (defined(use.name)) continue;
          ctx.report({
            messageId: 'undefined',
            data: { subject: t.subject, variable: use.name, dashboard: view.subject },
            hint: `add a variable named ${JSON.stringify(use.name)}, or fix the name`,
            location: ctx.locate(t.site, t.text, use.start),
            subject: t.subject,
            on: t.on,
          });
        }
      }
    }
  },
});
