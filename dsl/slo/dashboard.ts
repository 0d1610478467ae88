/**
 * The error-budget dashboard of one service: a row per SLO with the budget remaining, the SLI over
 * the period and the current burn rate, the burn rate of every alert window against the page and
 * ticket factors, and the SLI and budget over time. Built with the dashboard DSL from the SLO's own
 * recorded series (so it is cheap, and checked like any dashboard), one variable per grouping label.
 *
 * The factories stamp where they were called, which during a build is obs itself; every element is
 * re-stamped at the first SLO's `slo(...)` call so problems point at the definition.
 */
import { atCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import { generatedSuppression } from '../core/generated-suppression.ts';
// The modules, not dashboard/index.ts, which re-exports the Grafana SDK's units: loading registries
// (whose loader knows SLOs) would load the SDK at every start-up of \`obs lint\`.
import { dashboard, row } from '../dashboard/dashboard.ts';
import { stat, timeseries } from '../dashboard/panels.ts';
import { prometheusQuery } from '../dashboard/queries.ts';
import { datasourceVariable, labelValues, queryVariable } from '../dashboard/variables.ts';
import type { Dashboard, Panel, PrometheusQuery, Row, Variable } from '../dashboard/types.ts';
import { quoteString } from '../promql/index.ts';
import { toNumber, toText } from './decimal.ts';
import { percentText, type ResolvedSlo } from './resolve.ts';
import { BASE_WINDOW } from './windows.ts';

type Site = SourceLocation | undefined;

function at<T extends { readonly site?: SourceLocation }>(site: Site, v: T): T {
  const { site: _old, ...rest } = v;
  return Object.freeze(site ? { ...rest, site } : rest) as T;
}

function panelAt<P extends Panel>(site: Site, p: P): P {
  const queries = p.queries?.map((q) => (q.kind === 'prometheus-query' ? at(site, q) : q));
  return at(site, queries ? { ...p, queries } : p);
}

function variableAt(site: Site, v: Variable): Variable {
  return at(site, v.type === 'query' && typeof v.query !== 'string' ? { ...v, query: at(site, v.query) } : v);
}

/** Matchers of one SLO's series, narrowed by the dashboard's grouping variables. */
function selector(r: ResolvedSlo): string {
  const ids = Object.entries(r.names.ids).map(([k, v]) => `${k}=${quoteString(v)}`);
  return `{${[...ids, ...r.grouping.map((g) => `${g}=~"$${g}"`)].join(', ')}}`;
}

function legend(r: ResolvedSlo, what: string): string {
  return [what, ...r.grouping.map((g) => `{{${g}}}`)].filter(Boolean).join(' ');
}

function sloRow(r: ResolvedSlo): Row {
  const n = r.names;
  const sel = selector(r);
  const budget = toText(r.budget);
  const objective = toNumber(r.objective);
  const factors = [...new Set(r.tiers.map((t) => toText(t.factor)))].map(Number).sort((a, b) => a - b);
  const q = (expr: string, what: string, mode?: 'instant'): PrometheusQuery =>
    prometheusQuery({ expr, legend: legend(r, what), ...(mode ? { mode } : {}) });
  const title = `${r.slo.name}: ${r.objectivePercent}% over ${r.period}`;
  const about = r.slo.description ? `${r.slo.description} ` : '';
  return row({
    title,
    // The SLO's suppressions cover what it generates, its panels included.
    ...(r.slo.suppress ? { suppress: r.slo.suppress } : {}),
    panels: [
      stat({
        title: 'Error budget remaining',
        description: `${about}Share of the ${r.period} error budget (${percentText(r.budget)}% of events may fail) not yet spent; below 0 the objective is missed.`,
        width: 8,
        unit: 'percentunit',
        decimals: 1,
        colorMode: 'background',
        graphMode: 'area',
        thresholds: {
          base: 'red',
          steps: [
            { value: 0, color: 'orange' },
            { value: 0.25, color: 'green' },
          ],
        },
        mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
        queries: [q(`${n.budgetRemaining}${sel}`, '')],
      }),
      stat({
        title: `SLI over ${r.period}`,
        description: `Share of good events over the last ${r.period}, against the ${r.objectivePercent}% objective (SLI: ${r.sli.summary}).`,
        width: 8,
        unit: 'percentunit',
        decimals: 3,
        colorMode: 'value',
        graphMode: 'none',
        thresholds: { base: 'red', steps: [{ value: objective, color: 'green' }] },
        mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
        queries: [q(`1 - ${n.ratio(r.periodWindow)}${sel}`, '')],
      }),
      stat({
        title: 'Burn rate now',
        description: `How fast the budget burns over the last ${BASE_WINDOW}: 1 spends exactly the budget over ${r.period}; the alerts fire from ${factors.join(', ')}.`,
        width: 8,
        unit: 'suffix:x',
        decimals: 2,
        colorMode: 'value',
        graphMode: 'area',
        thresholds: {
          base: 'green',
          steps: [
            { value: factors[0] ?? 1, color: 'orange' },
            { value: factors[factors.length - 1] ?? 14.4, color: 'red' },
          ],
        },
        mappings: [{ special: 'null+nan', text: 'no traffic', color: 'text' }],
        queries: [q(`${n.burnRate}${sel}`, '')],
      }),
      timeseries({
        title: 'Burn rate per alert window',
        description:
          `Error ratio over each window the alerts read, divided by the budget (${budget}). ` +
          r.tiers.map((t) => `${t.severity} when ${t.long} and ${t.short} exceed ${toText(t.factor)}`).join('; ') +
          '.',
        width: 12,
        unit: 'suffix:x',
        min: 0,
        thresholdsStyle: 'line',
        thresholds: {
          base: 'transparent',
          steps: factors.map((value, i) => ({ value, color: i === factors.length - 1 ? 'red' : 'orange' })),
        },
        queries: r.windows.map((w) => q(`${n.ratio(w.window)}${sel} / ${budget}`, w.window)),
      }),
      timeseries({
        title: 'SLI',
        description: `Share of good events over ${BASE_WINDOW}, 1h and the whole ${r.period}, against the objective line.`,
        width: 12,
        unit: 'percentunit',
        max: 1,
        thresholdsStyle: 'line',
        thresholds: { base: 'red', steps: [{ value: objective, color: 'green' }] },
        queries: [BASE_WINDOW, '1h', r.periodWindow].map((w) => q(`1 - ${n.ratio(w)}${sel}`, w)),
      }),
      timeseries({
        title: 'Error budget remaining over time',
        description: `The ${r.period} error budget left at each moment: the slope is the burn.`,
        width: 24,
        height: 6,
        unit: 'percentunit',
        thresholdsStyle: 'line',
        thresholds: { base: 'red', steps: [{ value: 0, color: 'green' }] },
        queries: [q(`${n.budgetRemaining}${sel}`, 'remaining')],
      }),
    ],
  });
}

/** Grafana uids are at most 40 of [A-Za-z0-9_-]. */
function uidOf(service: string): string {
  return `slo-${service.replace(/[^A-Za-z0-9_-]+/g, '-')}`.slice(0, 40);
}

/**
 * The error-budget dashboard obs generates for a service's SLOs, for `link({ to })`; unlike a bare
 * `{ uid }` (which may be outside the project) dashboard/links checks that the service has SLOs.
 */
export function sloDashboard(service: string): { readonly uid: string; readonly sloService: string } {
  return { uid: uidOf(service), sloService: service };
}

export function serviceDashboard(service: string, slos: readonly ResolvedSlo[]): Dashboard {
  const site = slos[0]?.slo.site;
  return atCallSite(site, () => generatedDashboard(service, slos, site));
}

function generatedDashboard(service: string, slos: readonly ResolvedSlo[], site: Site): Dashboard {
  const grouping = [...new Set(slos.flatMap((r) => r.grouping))];
  const variables: Variable[] = [
    datasourceVariable({ name: 'datasource', label: 'Data source', plugin: 'prometheus' }),
    ...grouping.map((g) => {
      const owner = slos.find((r) => r.grouping.includes(g));
      const source = owner ? `${owner.names.ratio(BASE_WINDOW)}${owner.names.matchers}` : undefined;
      return queryVariable({
        name: g,
        label: g,
        query: labelValues(g, source),
        multi: true,
        includeAll: true,
        allValue: '.+',
        sort: 'alpha',
      });
    }),
  ];
  const rows = slos.map((r) => sloRow(r));
  return at(
    site,
    dashboard({
      title: `${service} SLOs`,
      uid: uidOf(service),
      folder: 'SLOs',
      description: `Error budgets of ${service}: ${slos.map((r) => `${r.slo.name} (${r.objectivePercent}% over ${r.period})`).join(', ')}. Generated from its slo(...) definitions.`,
      tags: ['slo', service],
      refresh: '1m',
      time: { from: 'now-7d', to: 'now' },
      variables: variables.map((v) => variableAt(site, v)),
      rows: rows.map((rw) => at(site, { ...rw, panels: rw.panels.map((p) => panelAt(site, p)) })),
      suppress: [
        generatedSuppression({
          check: 'dashboard/job-instance-variables',
          reason: 'SLO series are per service and objective, not per job or instance',
        }),
      ],
    }),
  );
}
