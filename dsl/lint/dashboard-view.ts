/**
 * The dashboards as the checks see them, computed once per run: each dashboard resolved (layout,
 * ids, refIds, data sources), and every text that holds a query (panel targets, variable queries,
 * annotation expressions) with its PromQL checked for the target, Grafana variables substituted, and
 * a way back from an offset in the text to where the author wrote it.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { DashboardEntry } from '../collect/dashboards.ts';
import type { Project } from '../collect/project.ts';
import {
  resolveDashboard,
  type ResolvedDashboard,
  type ResolvedPanel,
  type ResolvedQuery,
} from '../dashboard/resolve.ts';
import { parseVariableQuery, renderLabelValues } from '../dashboard/variable-query.ts';
import type { Annotation, Expression, Suppression, Variable } from '../dashboard/types.ts';
import {
  substituteVariables,
  variableKindOf,
  type CheckResult,
  type VariableKind,
  type VariableUse,
} from '../promql/index.ts';
import { exprText, isPromQL } from '../promql/template.ts';
import type { Target } from '../promql/target.ts';
import { checkedExpression } from './expression-memo.ts';
import { locateInExpression } from './locate.ts';

export type QueryOwner =
  | { readonly kind: 'panel'; readonly panel: ResolvedPanel; readonly query: ResolvedQuery }
  | { readonly kind: 'variable'; readonly variable: Variable }
  | { readonly kind: 'annotation'; readonly annotation: Annotation };

export interface DashboardQueryText {
  readonly owner: QueryOwner;
  readonly language: 'promql' | 'logql';
  /** The text as authored (a whole variable query such as `label_values(up, job)`). */
  readonly text: string;
  /** The PromQL inside `text` (all of it, or a variable query's selector), checked with variables substituted. */
  readonly promql?: { readonly offset: number; readonly text: string; readonly result: CheckResult };
  /** Every `$var` in `text`, offsets into `text`. */
  readonly variables: readonly VariableUse[];
  /** e.g. `panel "Requests", query A`. */
  readonly subject: string;
  /** Suppressions that apply (the panel's, its row's, the dashboard's). */
  readonly on: { readonly suppress: readonly Suppression[] };
  /** Where offset `offset` of `text` was written; with `end`, spanning to it. */
  locate(offset: number, end?: number): SourceLocation | undefined;
}

export interface DashboardView {
  readonly entry: DashboardEntry;
  readonly resolved: ResolvedDashboard;
  /** Variables by name (the first of a name, when duplicated). */
  readonly variables: ReadonlyMap<string, Variable>;
  readonly queries: readonly DashboardQueryText[];
  /** `dashboard "Checkout API"`. */
  readonly subject: string;
  /** Suppressions of a panel together with those of its row and dashboard. */
  suppressionsOf(panel?: ResolvedPanel): { readonly suppress: readonly Suppression[] };
}

/** What a variable expands to, so the checker gets a placeholder of the right type. */
export function variableKinds(vars: readonly Variable[]): Record<string, VariableKind> {
  const out: Record<string, VariableKind> = {};
  for (const v of vars) {
    const values =
      v.type === 'custom'
        ? v.values.map((x) => (typeof x === 'string' ? x : x.value))
        : v.type === 'constant'
          ? [v.value]
          : [];
    const kind = variableKindOf(v.type, values);
    if (kind) out[v.name] = kind;
  }
  return out;
}

function spanning(from: SourceLocation | undefined, to: SourceLocation | undefined): SourceLocation | undefined {
  if (
    !from ||
    !to ||
    to.file !== from.file ||
    to.line < from.line ||
    (to.line === from.line && to.column <= from.column)
  )
    return from;
  return { ...from, endLine: to.line, endColumn: to.column };
}

interface Source {
  readonly site: SourceLocation | undefined;
  /** The text searched for in the author's file, and where `text` starts in it. */
  readonly written: string;
  readonly base: number;
  readonly fromTemplate: boolean;
}

function sourceOf(expr: Expression, site: SourceLocation | undefined): Source {
  const tpl = isPromQL(expr) && expr.site !== undefined;
  return { site: tpl && isPromQL(expr) ? expr.site : site, written: exprText(expr), base: 0, fromTemplate: tpl };
}

export function dashboardViews(project: Project, target: Target): DashboardView[] {
  return (project.dashboards ?? []).map((entry) => viewOf(project.root, entry, target));
}

function viewOf(root: string, entry: DashboardEntry, target: Target): DashboardView {
  const d = entry.dashboard;
  const resolved = resolveDashboard(d);
  const vars = d.variables ?? [];
  const variables = new Map<string, Variable>();
  for (const v of vars) if (!variables.has(v.name)) variables.set(v.name, v);
  const kinds = variableKinds(vars);
  const suppressionsOf = (panel?: ResolvedPanel): { suppress: Suppression[] } => ({
    suppress: [
      ...(panel?.panel.suppress ?? []),
      ...(panel?.row !== undefined ? (resolved.rows[panel.row]?.row.suppress ?? []) : []),
      ...(d.suppress ?? []),
    ],
  });
  // Parsing every query is most of a view's cost; the project-wide checks only look at entries.
  const collectQueries = (): DashboardQueryText[] => {
    const queries: DashboardQueryText[] = [];
    const add = (
      owner: QueryOwner,
      language: 'promql' | 'logql',
      text: string,
      promqlPart: { offset: number; text: string } | undefined,
      src: Source,
      subject: string,
      panel?: ResolvedPanel,
    ): void => {
      const at = (offset: number): SourceLocation | undefined =>
        locateInExpression(root, src.site, src.written, src.base + offset, src.fromTemplate);
      let promql: DashboardQueryText['promql'];
      let uses: readonly VariableUse[];
      if (language === 'promql' && promqlPart) {
        const result = checkedExpression(promqlPart.text, target, { kinds });
        promql = { ...promqlPart, result };
        const inner = result.variables.map((u) => ({
          ...u,
          start: u.start + promqlPart.offset,
          end: u.end + promqlPart.offset,
        }));
        const outside = substituteVariables(text).variables.filter(
          (u) => u.end <= promqlPart.offset || u.start >= promqlPart.offset + promqlPart.text.length,
        );
        uses = [...inner, ...outside].sort((a, b) => a.start - b.start);
      } else uses = substituteVariables(text).variables;
      queries.push({
        owner,
        language,
        text,
        ...(promql ? { promql } : {}),
        variables: uses,
        subject,
        on: suppressionsOf(panel),
        locate: (offset, end) => spanning(at(offset), end !== undefined && end > offset ? at(end) : undefined),
      });
    };
    for (const panel of resolved.allPanels) {
      for (const q of panel.queries) {
        const text = exprText(q.query.expr);
        const subject = `panel ${JSON.stringify(panel.panel.title)}, query ${q.refId}`;
        const owner: QueryOwner = { kind: 'panel', panel, query: q };
        const src = sourceOf(q.query.expr, q.query.site ?? panel.panel.site);
        if (q.query.kind === 'loki-query') add(owner, 'logql', text, undefined, src, subject, panel);
        else add(owner, 'promql', text, { offset: 0, text }, src, subject, panel);
      }
    }
    for (const v of vars) {
      if (v.type !== 'query') continue;
      const subject = `variable ${JSON.stringify(v.name)}`;
      const owner: QueryOwner = { kind: 'variable', variable: v };
      if (typeof v.query === 'string') {
        const parts = parseVariableQuery(v.query);
        add(
          owner,
          'promql',
          v.query,
          parts.promql,
          { site: v.site, written: v.query, base: 0, fromTemplate: false },
          subject,
        );
      } else if (v.query.selector !== undefined) {
        const sel = exprText(v.query.selector);
        add(
          owner,
          'promql',
          sel,
          { offset: 0, text: sel },
          sourceOf(v.query.selector, v.query.site ?? v.site),
          subject,
        );
      } else {
        const text = renderLabelValues(v.query);
        add(
          owner,
          'promql',
          text,
          undefined,
          { site: v.query.site ?? v.site, written: text, base: 0, fromTemplate: false },
          subject,
        );
      }
    }
    for (const a of d.annotations ?? []) {
      const text = exprText(a.expr);
      add(
        { kind: 'annotation', annotation: a },
        'promql',
        text,
        { offset: 0, text },
        sourceOf(a.expr, a.site),
        `annotation ${JSON.stringify(a.name)}`,
      );
    }
    return queries;
  };
  let collected: DashboardQueryText[] | undefined;
  return {
    entry,
    resolved,
    variables,
    subject: `dashboard ${JSON.stringify(d.title)}`,
    suppressionsOf,
    get queries() {
      return (collected ??= collectQueries());
    },
  };
}

export function panelSubject(p: ResolvedPanel): string {
  return `panel ${JSON.stringify(p.panel.title)}`;
}

/** PromQL texts of panel targets, parsed (the checks that read the AST skip what does not parse). */
export function panelPromQL(view: DashboardView): (DashboardQueryText & {
  readonly owner: Extract<QueryOwner, { kind: 'panel' }>;
  readonly promql: NonNullable<DashboardQueryText['promql']>;
})[] {
  return view.queries.filter(
    (
      q,
    ): q is DashboardQueryText & {
      owner: Extract<QueryOwner, { kind: 'panel' }>;
      promql: NonNullable<DashboardQueryText['promql']>;
    } => q.owner.kind === 'panel' && q.promql !== undefined && q.promql.result.expr !== undefined,
  );
}
