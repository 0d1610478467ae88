/**
 * Reads a Grafana dashboard JSON file (the classic JSON model, also wrapped as the HTTP API's
 * `{ "dashboard": {...} }`) and lists every Prometheus query of its panels with where it is written.
 * Rows (`type: "row"`, whose `panels` hold collapsed panels) and the old `rows[].panels` layout are
 * walked too. Queries of non-Prometheus data sources (Loki also has `expr`) are left out.
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import {
  jsonStringOffsets,
  JsonSyntaxError,
  member,
  parseJsonWithPositions,
  stringValue,
  type JsonEntry,
  type JsonNode,
} from './json-source.ts';
import { lineIndex } from './line-index.ts';
import { variableKindOf, type VariableKind } from '../promql/index.ts';

export interface DashboardQuery {
  readonly expr: string;
  /** e.g. `panel "Error rate" (id 3), query A`. */
  readonly subject: string;
  /** Where offset `offset` of `expr` is in the file. */
  locate(offset: number): SourceLocation;
}

/** A string value of the dashboard JSON (keys are not values), with where each of its characters is written. */
export interface DashboardText {
  readonly text: string;
  /** Its JSON path, e.g. `links[0].url`. */
  readonly path: string;
  locate(offset: number): SourceLocation;
}

export interface DashboardFile {
  /** What the dashboard's custom, constant and interval variables expand to (for the checker's placeholders). */
  readonly variableKinds?: Readonly<Record<string, VariableKind>>;
  /** False when the JSON is not a dashboard (no `panels` or `rows`): such files are skipped when a folder is walked. */
  readonly isDashboard: boolean;
  readonly title?: string;
  readonly queries: readonly DashboardQuery[];
  /** Every string value of the file (for checks of text as text: secrets); empty unless a dashboard. */
  readonly texts?: readonly DashboardText[];
  readonly diagnostics: readonly Diagnostic[];
}

function datasourceType(node: JsonNode | undefined): string | undefined {
  return stringValue(member(node, 'type'));
}

const VARIABLE_REF = /^\$\{?([A-Za-z0-9_]+)\}?$|^\[\[([A-Za-z0-9_]+)\]\]$/;

/** The plugin type of a data source given as a variable (`$ds`, `${ds}`, or `{ uid: '${ds}' }`), from the variables' types. */
function variableDatasourceType(
  node: JsonNode | undefined,
  datasources: ReadonlyMap<string, string>,
): string | undefined {
  const ref = stringValue(node) ?? stringValue(member(node, 'uid'));
  const m = ref === undefined ? null : VARIABLE_REF.exec(ref);
  const name = m?.[1] ?? m?.[2];
  return name === undefined ? undefined : datasources.get(name);
}

function isPrometheus(
  panelDs: JsonNode | undefined,
  targetDs: JsonNode | undefined,
  datasources: ReadonlyMap<string, string>,
): boolean {
  const t =
    datasourceType(targetDs) ??
    variableDatasourceType(targetDs, datasources) ??
    datasourceType(panelDs) ??
    variableDatasourceType(panelDs, datasources);
  // No type (a name, a `${DS}` variable of unknown type, the default data source): assume Prometheus, as the query has `expr`.
  return t === undefined || t.includes('prometheus');
}

/** A variable's values: a custom variable's options (or its comma-separated query), a constant's or textbox's query. */
function variableValues(v: JsonNode): string[] {
  const options = member(v, 'options');
  const fromOptions =
    options?.kind === 'array'
      ? options.items
          .map((o) => stringValue(member(o, 'value')))
          .filter((x): x is string => x !== undefined && x !== '$__all')
      : [];
  if (fromOptions.length) return fromOptions;
  const query = stringValue(member(v, 'query'));
  if (query === undefined) return [];
  return stringValue(member(v, 'type')) === 'custom'
    ? query
        .split(/(?<!\\),/)
        .map((x) => x.trim())
        .filter((x) => x !== '')
    : [query];
}

/** The dashboard's data source variables (name → plugin type) and what its value variables expand to. */
function readVariables(dashboard: JsonNode | undefined): {
  datasources: Map<string, string>;
  kinds: Record<string, VariableKind>;
} {
  const datasources = new Map<string, string>();
  const kinds: Record<string, VariableKind> = {};
  const list = member(member(dashboard, 'templating'), 'list');
  if (list?.kind !== 'array') return { datasources, kinds };
  for (const v of list.items) {
    const name = stringValue(member(v, 'name'));
    const type = stringValue(member(v, 'type'));
    if (name === undefined || type === undefined) continue;
    if (type === 'datasource') {
      const plugin = stringValue(member(v, 'query'));
      if (plugin) datasources.set(name, plugin);
    } else if (type === 'custom' || type === 'constant' || type === 'interval' || type === 'textbox') {
      const kind = variableKindOf(type, type === 'interval' ? [] : variableValues(v));
      if (kind) kinds[name] = kind;
    }
  }
  return { datasources, kinds };
}

export function readDashboardFile(file: string, text: string): DashboardFile {
  const lines = lineIndex(text);
  const at = (offset: number): SourceLocation => ({ file, ...lines.pointAt(offset) });
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return {
      isDashboard: false,
      queries: [],
      diagnostics: [
        { checkId: 'file/syntax', severity: 'error', message: `invalid JSON: ${e.message}`, location: at(e.offset) },
      ],
    };
  }
  const dashboard = member(root, 'dashboard')?.kind === 'object' ? member(root, 'dashboard') : root;
  const panels = member(dashboard, 'panels');
  const rows = member(dashboard, 'rows');
  if (panels?.kind !== 'array' && rows?.kind !== 'array') return { isDashboard: false, queries: [], diagnostics: [] };
  const queries: DashboardQuery[] = [];
  const { datasources, kinds } = readVariables(dashboard);
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
        if (!isPrometheus(member(panel, 'datasource'), member(target, 'datasource'), datasources)) continue;
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
  const texts = stringValues(root).map(({ node, path }): DashboardText => {
    let offsets: number[] | undefined;
    return {
      text: node.value,
      path,
      locate: (offset) => {
        offsets ??= jsonStringOffsets(text, node.start);
        return at(offsets[Math.min(Math.max(offset, 0), offsets.length - 1)] ?? node.start);
      },
    };
  });
  return {
    isDashboard: true,
    ...(title !== undefined ? { title } : {}),
    queries,
    texts,
    diagnostics: [],
    ...(Object.keys(kinds).length ? { variableKinds: kinds } : {}),
  };
}

type StringNode = Extract<JsonNode, { kind: 'string' }>;

/** Every non-empty string value under `root` with its JSON path (iterative: the parser bounds the depth, a stack costs nothing). */
function stringValues(root: JsonNode): { node: StringNode; path: string }[] {
  const out: { node: StringNode; path: string }[] = [];
  const stack: { node: JsonNode; path: string }[] = [{ node: root, path: '' }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, path } = top;
    if (node.kind === 'string') {
      if (node.value !== '') out.push({ node, path: path || 'value' });
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--)
        stack.push({ node: node.items[i] as JsonNode, path: `${path}[${i}]` });
    } else if (node.kind === 'object') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i] as JsonEntry;
        stack.push({ node: e.value, path: path ? `${path}.${e.key}` : e.key });
      }
    }
  }
  return out;
}
