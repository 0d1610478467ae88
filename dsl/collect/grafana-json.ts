/**
 * Reads a Grafana dashboard JSON file (the classic JSON model, also wrapped as the HTTP API's
 * `{ "dashboard": {...} }`) and lists every Prometheus query of its panels with where it is written.
 * Rows (`type: "row"`, whose `panels` hold collapsed panels) and the old `rows[].panels` layout are
 * walked too. Queries of non-Prometheus data sources (Loki also has `expr`) are left out.
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import { jsonStringOffsets, JsonSyntaxError, member, parseJsonWithPositions, stringValue, type JsonNode } from './json-source.ts';
import { lineIndex } from './line-index.ts';

export interface DashboardQuery {
  readonly expr: string;
  /** e.g. `panel "Error rate" (id 3), query A`. */
  readonly subject: string;
  /** Where offset `offset` of `expr` is in the file. */
  locate(offset: number): SourceLocation;
}

export interface DashboardFile {
  /** False when the JSON is not a dashboard (no `panels` or `rows`): such files are skipped when a folder is walked. */
  readonly isDashboard: boolean;
  readonly title?: string;
  readonly queries: readonly DashboardQuery[];
  readonly diagnostics: readonly Diagnostic[];
}

function datasourceType(node: JsonNode | undefined): string | undefined {
  return stringValue(member(node, 'type'));
}

function isPrometheus(panelDs: JsonNode | undefined, targetDs: JsonNode | undefined): boolean {
  const t = datasourceType(targetDs) ?? datasourceType(panelDs);
  // No type (a name, a `${DS}` variable, the default data source): assume Prometheus, as the query has `expr`.
  return t === undefined || t.includes('prometheus');
}

export function readDashboardFile(file: string, text: string): DashboardFile {
  const lines = lineIndex(text);
  const at = (offset: number): SourceLocation => ({ file, ...lines.pointAt(offset) });
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { isDashboard: false, queries: [], diagnostics: [{ checkId: 'file/syntax', severity: 'error', message: `invalid JSON: ${e.message}`, location: at(e.offset) }] };
  }
  const dashboard = member(root, 'dashboard')?.kind === 'object' ? member(root, 'dashboard') : root;
  const panels = member(dashboard, 'panels');
  const rows = member(dashboard, 'rows');
  if (panels?.kind !== 'array' && rows?.kind !== 'array') return { isDashboard: false, queries: [], diagnostics: [] };
  const queries: DashboardQuery[] = [];
  const visit = (list: JsonNode | undefined): void => {
    if (list?.kind !== 'array') return;
    for (const panel of list.items) {
      visit(member(panel, 'panels'));
      const targets = member(panel, 'targets');
      if (targets?.kind !== 'array') continue;
      const title = stringValue(member(panel, 'title')) ?? '';
      const id = member(panel, 'id');
      for (const target of targets.items) {
        const expr = member(target, 'expr');
        if (expr?.kind !== 'string' || expr.value.trim() === '') continue;
        if (!isPrometheus(member(panel, 'datasource'), member(target, 'datasource'))) continue;
        const refId = stringValue(member(target, 'refId'));
        let offsets: number[] | undefined;
        queries.push({
          expr: expr.value,
          subject: `panel ${JSON.stringify(title)}${id?.kind === 'number' ? ` (id ${id.value})` : ''}${refId ? `, query ${refId}` : ''}`,
          locate: (offset) => {
            offsets ??= jsonStringOffsets(text, expr.start);
            return at(offsets[Math.min(Math.max(offset, 0), offsets.length - 1)] ?? expr.start);
          },
        });
      }
    }
  };
  visit(panels);
  if (rows?.kind === 'array') for (const row of rows.items) visit(member(row, 'panels'));
  const title = stringValue(member(dashboard, 'title'));
  return { isDashboard: true, ...(title !== undefined ? { title } : {}), queries, diagnostics: [] };
}
