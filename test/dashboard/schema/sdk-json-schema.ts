/**
 * JSON Schemas of Grafana's dashboard models, generated from the foundation SDK's own TypeScript
 * types (the npm package ships no JSON schema; the SDK's types are generated from the same CUE
 * schemas as Grafana's). Interfaces become objects with `additionalProperties: false` (a typo'd or
 * unknown field fails), optional members are not required, enums are their values, methods are left
 * out (they never reach JSON). No network: everything is read from node_modules.
 *
 * `any` in the SDK (panel `options`, query `spec`, target type) is then narrowed per plugin: a
 * `timeseries` panel's options must match `timeseries.Options`, a Prometheus target
 * `prometheus.Dataquery`, and so on.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../helpers/fixture-project.ts';

export type Schema = Record<string, unknown>;

export interface SdkSchemas {
  /** The classic dashboard (`dashboard.Dashboard`), panels and targets narrowed per plugin. */
  readonly classic: Schema;
  /** A `dashboard.grafana.app/v2` manifest whose spec is `dashboardv2.Dashboard`. */
  readonly v2: Schema;
  /** `schemaVersion` of the SDK's classic dashboards. */
  readonly schemaVersion: number;
}

const PANELS = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap', 'barchart', 'histogram', 'text', 'logs'] as const;
/** Panel plugins whose field config has plugin-specific (`custom`) options, and that type's name. */
const CUSTOM: Partial<Record<(typeof PANELS)[number], string>> = { timeseries: 'common.GraphFieldConfig', table: 'common.TableFieldOptions', heatmap: 'heatmap.FieldConfig', barchart: 'barchart.FieldConfig', histogram: 'histogram.FieldConfig' };

const ENTRY = `
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type * as resource from '@grafana/grafana-foundation-sdk/resource';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type * as loki from '@grafana/grafana-foundation-sdk/loki';
import type * as common from '@grafana/grafana-foundation-sdk/common';
${PANELS.map((p) => `import type * as ${p} from '@grafana/grafana-foundation-sdk/${p}';`).join('\n')}
export interface Roots {
  classic: dashboard.Dashboard;
  v2: dashboardv2.Dashboard;
  manifest: resource.Manifest;
  prometheus: prometheus.Dataquery;
  loki: loki.dataquery;
${PANELS.map((p) => `  ${p}_options: ${p}.Options;`).join('\n')}
${Object.entries(CUSTOM).map(([p, t]) => `  ${p}_custom: ${t};`).join('\n')}
}
`;

function program(): { checker: ts.TypeChecker; roots: ts.Type } {
  const entry = join(REPO_ROOT, '__sdk_schema_entry__.ts');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (file === entry ? ts.createSourceFile(file, ENTRY, lang) : getSourceFile(file, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === entry || fileExists(file);
  const p = ts.createProgram([entry], options, host);
  const checker = p.getTypeChecker();
  const sf = p.getSourceFile(entry);
  const decl = sf?.statements.find(ts.isInterfaceDeclaration);
  if (!decl) throw new Error('schema entry did not compile');
  return { checker, roots: checker.getTypeAtLocation(decl) };
}

/** `dashboardv2.Dashboard`-style names, from the SDK module folder the type is declared in. */
function qualifiedName(symbol: ts.Symbol): string | undefined {
  const decl = symbol.declarations?.[0];
  if (!decl) return undefined;
  const file = decl.getSourceFile().fileName;
  if (!file.includes('grafana-foundation-sdk')) return undefined;
  return `${dirname(file).split('/').pop()}.${symbol.getName()}`;
}

function generate(): { definitions: Record<string, Schema>; roots: Record<string, Schema> } {
  const { checker, roots } = program();
  const definitions: Record<string, Schema> = {};
  const isMethod = (s: ts.Symbol): boolean => (s.declarations ?? []).some((d) => ts.isMethodSignature(d) || ts.isMethodDeclaration(d));

  const convert = (type: ts.Type): Schema => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      const boolParts = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const others = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      const parts = [...(boolParts.length === 2 ? [{ type: 'boolean' }] : boolParts.map(convert)), ...others.map(convert)];
      if (parts.every((p) => 'const' in p)) return { enum: parts.map((p) => p.const) };
      return parts.length === 1 ? (parts[0] ?? {}) : { anyOf: parts };
    }
    if (type.isStringLiteral() || type.isNumberLiteral()) return { const: type.value };
    if (type.flags & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === 'true' };
    if (type.flags & ts.TypeFlags.String || type.flags & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
    if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
    if (checker.isArrayType(type)) return { type: 'array', items: convert(checker.getTypeArguments(type as ts.TypeReference)[0] ?? checker.getAnyType()) };
    if (checker.isTupleType(type)) return { type: 'array' };
    if (type.flags & ts.TypeFlags.Object) {
      const symbol = type.aliasSymbol ?? type.getSymbol();
      const name = symbol && symbol.getName() !== '__type' && symbol.getName() !== '__object' ? qualifiedName(symbol) : undefined;
      if (name) {
        if (!(name in definitions)) {
          definitions[name] = {};
          definitions[name] = objectSchema(type);
        }
        return { $ref: `#/definitions/${name}` };
      }
      return objectSchema(type);
    }
    return {};
  };

  const objectSchema = (type: ts.Type): Schema => {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      if (isMethod(prop)) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl) continue;
      properties[prop.getName()] = convert(checker.getTypeOfSymbolAtLocation(prop, decl));
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.getName());
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    return {
      type: 'object', properties, ...(required.length ? { required } : {}),
      additionalProperties: index ? convert(index.type) : false,
    };
  };

  const out: Record<string, Schema> = {};
  for (const prop of checker.getPropertiesOfType(roots)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (decl) out[prop.getName()] = convert(checker.getTypeOfSymbolAtLocation(prop, decl));
  }
  return { definitions, roots: out };
}

let cached: SdkSchemas | undefined;

export async function sdkSchemas(): Promise<SdkSchemas> {
  if (cached) return cached;
  const { definitions, roots } = generate();
  const root = (name: string): Schema => roots[name] ?? {};
  const dash = await import('@grafana/grafana-foundation-sdk/dashboard');
  const schemaVersion = dash.defaultDashboard().schemaVersion;
  // A target is a Prometheus or a Loki query (the SDK types it as an opaque variant).
  definitions['cog.Dataquery'] = { anyOf: [root('prometheus'), root('loki')] };
  const byType = (field: 'type' | 'group', shape: (p: (typeof PANELS)[number]) => Schema): Schema[] =>
    PANELS.map((p) => ({ if: { properties: { [field]: { const: p } }, required: [field] }, then: shape(p) }));
  const custom = (p: (typeof PANELS)[number]): Schema => (CUSTOM[p] ? { properties: { defaults: { properties: { custom: root(`${p}_custom`) } } } } : {});
  definitions['dashboard.Panel'] = {
    allOf: [definitions['dashboard.Panel'] ?? {}, { properties: { type: { enum: [...PANELS] } } },
      ...byType('type', (p) => ({ properties: { options: root(`${p}_options`), fieldConfig: custom(p) } }))],
  };
  definitions['dashboardv2.VizConfigKind'] = {
    allOf: [definitions['dashboardv2.VizConfigKind'] ?? {}, { properties: { group: { enum: [...PANELS] } } },
      ...byType('group', (p) => ({ properties: { spec: { properties: { options: root(`${p}_options`), fieldConfig: custom(p) } } } }))],
  };
  const specOf = (q: Schema): Schema => ({ ...q, required: ((q.required as string[] | undefined) ?? []).filter((r) => r !== 'refId') });
  definitions['dashboardv2.DataQueryKind'] = {
    allOf: [definitions['dashboardv2.DataQueryKind'] ?? {},
      { if: { properties: { group: { const: 'prometheus' } }, required: ['group'] }, then: { properties: { spec: { anyOf: [specOf(root('prometheus')), { type: 'object', required: ['query'] }] } } } },
      { if: { properties: { group: { const: 'loki' } }, required: ['group'] }, then: { properties: { spec: specOf(root('loki')) } } }],
  };
  // The roots are `$ref`s to the SDK's types; the extra constraints sit beside them in an allOf.
  const classic: Schema = { definitions, allOf: [root('classic'), { properties: { schemaVersion: { const: schemaVersion } } }] };
  const v2: Schema = {
    definitions,
    allOf: [root('manifest'), { properties: { apiVersion: { const: 'dashboard.grafana.app/v2' }, kind: { const: 'Dashboard' }, spec: root('v2') } }],
  };
  cached = { classic, v2, schemaVersion };
  return cached;
}
