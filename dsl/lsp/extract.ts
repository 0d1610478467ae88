/**
 * Finds the PromQL an author writes in a TS module, in the unsaved text of the editor: `promql`
 * tagged templates, and string literals and untagged templates given as `expr`, `selector`, `bad`,
 * `good`, `total` (rules, panels, annotations, SLOs) or as a variable's `query`. Each becomes the
 * text the checker sees, with a map from every character back to where it stands in the TS source
 * (escapes take several source characters, `${...}` substitutions become values or placeholders).
 *
 * A substitution is evaluated when the module says what it is without running anything: a number
 * or string literal, `name('...')` / `labelName('...')` / `raw('...')`, a nested `promql` template,
 * or a `const` of the module initialized with one of those. Anything else becomes a placeholder of
 * the kind its position needs (a quoted string after a matcher operator, a duration in a range,
 * a name elsewhere); problems found inside a placeholder are not reported, since its value is
 * unknown until the module runs (`obs build` checks the real text on save).
 */
import ts from 'typescript';
import type { Span } from '../core/diagnostic.ts';
import { parseVariableQuery } from '../dashboard/index.ts';
import { quoteString, substituteVariables } from '../promql/index.ts';
import { stringRanges } from '../promql/grafana.ts';
import { contextBefore, needsParens, spliceNumber } from '../promql/template.ts';
import {
  calleeName,
  cookLiteral,
  isLiteral,
  literalParts,
  unwrapExpression,
  type Literal,
} from '../collect/ts-literals.ts';
import type { Suppression } from '../rules/index.ts';

export interface Embedded {
  /** Where the literal stands in the TS source (UTF-16 offsets, delimiters included). */
  readonly start: number;
  readonly end: number;
  /** The PromQL as checked. */
  readonly text: string;
  /** Source offset of each character of `text`, plus one entry for its end. */
  readonly offsets: readonly number[];
  /** Source spans whose value is not known here (substitutions, Grafana variables). */
  readonly placeholders: readonly Span[];
  /** A dashboard query (Grafana variables substituted) or a rule/SLO expression. */
  readonly context: 'rule' | 'dashboard';
  /** The recorded series, when this is the `expr` of a `record({ name: '...' })`. */
  readonly records?: string;
  /** Whether it is the `expr` of an `alert({...})`. */
  readonly alert?: boolean;
  /** The alert's name, when written as a literal. */
  readonly alertName?: string;
  /** Suppressions of the definitions around it (the rule, the panel, its dashboard). */
  readonly suppress: readonly Suppression[];
}

export interface Extraction {
  readonly texts: readonly Embedded[];
  /** The module's `fileSuppressions([...])`. */
  readonly fileSuppressions: readonly Suppression[];
}

const QUERY_KEYS = new Set(['expr', 'selector', 'bad', 'good', 'total']);
const RULE_CALLS = new Set(['alert', 'record', 'ruleGroup', 'slo', 'ruleTest', 'prometheusRule']);
const DASHBOARD_CALLS = new Set([
  'dashboard',
  'row',
  'timeseries',
  'stat',
  'gaugePanel',
  'barGauge',
  'table',
  'heatmap',
  'pieChart',
  'barChart',
  'histogramPanel',
  'prometheusQuery',
  'query',
  'queryVariable',
  'labelValues',
  'prometheusAnnotation',
  'redPanels',
  'redRow',
  'usePanels',
  'useRow',
]);
/** Calls whose `expr` is not PromQL. */
const OTHER_LANGUAGES = new Set(['lokiQuery', 'logs']);
const MAX_DEPTH = 4;
const PLACEHOLDER_NAME = 'obs_value';

/** Every PromQL text of a TS module's source, in source order. */
export function extractPromQL(fileName: string, source: string): Extraction {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const consts = constants(sf);
  const out: Embedded[] = [];
  const fileSuppressions: Suppression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && calleeName(node) === 'fileSuppressions' && node.arguments[0]) {
      fileSuppressions.push(...suppressionsIn(node.arguments[0]));
    } else if (ts.isTaggedTemplateExpression(node) && isPromqlTag(node.tag)) {
      const e = embed(node.template, true, node, consts);
      if (e) out.push(e);
    } else if (ts.isPropertyAssignment(node) && isLiteral(node.initializer)) {
      const key = propertyName(node.name);
      const call = enclosingCall(node);
      if (key !== undefined && !(call && OTHER_LANGUAGES.has(call))) {
        if (QUERY_KEYS.has(key)) {
          const e = embed(node.initializer, false, node, consts);
          if (e) out.push(e);
        } else if (key === 'query' && call === 'queryVariable') {
          const e = embed(node.initializer, false, node, consts);
          const part = e ? parseVariableQuery(e.text).promql : undefined;
          if (e && part) out.push(slice(e, part.offset, part.offset + part.text.length));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { texts: out, fileSuppressions };
}

/** `[{ check: '...', reason: '...' }, ...]` as written (entries that are not literals are skipped). */
function suppressionsIn(list: ts.Expression): Suppression[] {
  const e = unwrapExpression(list);
  if (!ts.isArrayLiteralExpression(e)) return [];
  return e.elements.flatMap((el) => {
    if (!ts.isObjectLiteralExpression(el)) return [];
    const field = (name: string): string | undefined => {
      for (const p of el.properties) {
        if (
          ts.isPropertyAssignment(p) &&
          propertyName(p.name) === name &&
          (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer))
        )
          return p.initializer.text;
      }
      return undefined;
    };
    const check = field('check');
    return check === undefined ? [] : [{ check, reason: field('reason') ?? '' }];
  });
}

/** The `suppress` lists of every object literal around `node` (its rule, panel, row, dashboard). */
function suppressionsAround(node: ts.Node): Suppression[] {
  const out: Suppression[] = [];
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isObjectLiteralExpression(n)) continue;
    for (const p of n.properties)
      if (ts.isPropertyAssignment(p) && propertyName(p.name) === 'suppress') out.push(...suppressionsIn(p.initializer));
  }
  return out;
}

function isPromqlTag(tag: ts.Node): boolean {
  return (
    (ts.isIdentifier(tag) && tag.text === 'promql') ||
    (ts.isPropertyAccessExpression(tag) && tag.name.text === 'promql')
  );
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The name of the call whose argument object holds `node` (the nearest one). */
function enclosingCall(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isCallExpression(n)) return calleeName(n);
  return undefined;
}

/** Rule or dashboard: the nearest call that says, else the folder. */
function contextOf(node: ts.Node, fileName: string): Embedded['context'] {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isCallExpression(n)) continue;
    const name = calleeName(n) ?? '';
    if (RULE_CALLS.has(name)) return 'rule';
    if (DASHBOARD_CALLS.has(name)) return 'dashboard';
  }
  return /(^|[\\/])dashboards[\\/]/.test(fileName) ? 'dashboard' : 'rule';
}

/** What `alert({...})` / `record({ name })` the expression belongs to. */
function ruleOf(node: ts.Node): { alert?: boolean; alertName?: string; records?: string } {
  const prop = ts.isPropertyAssignment(node) ? node : ts.isPropertyAssignment(node.parent) ? node.parent : undefined;
  if (
    !prop ||
    propertyName(prop.name) !== 'expr' ||
    !ts.isObjectLiteralExpression(prop.parent) ||
    !ts.isCallExpression(prop.parent.parent)
  )
    return {};
  const call = calleeName(prop.parent.parent);
  if (call !== 'alert' && call !== 'record') return {};
  let name: string | undefined;
  for (const p of prop.parent.properties) {
    if (
      ts.isPropertyAssignment(p) &&
      propertyName(p.name) === 'name' &&
      (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer))
    )
      name = p.initializer.text;
  }
  if (call === 'alert') return { alert: true, ...(name !== undefined ? { alertName: name } : {}) };
  return name !== undefined ? { records: name } : {};
}

function constants(sf: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.Const) !== 0) {
      for (const d of n.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && !out.has(d.name.text)) out.set(d.name.text, d.initializer);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

type Value =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'promql'; readonly text: string }
  | { readonly kind: 'name'; readonly text: string };

function valueOf(expr: ts.Expression, consts: Map<string, ts.Expression>, depth: number): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', value: e.text };
  if (ts.isTemplateExpression(e)) {
    const inner = build(e, false, consts, depth + 1);
    return inner && inner.placeholders.length === 0 ? { kind: 'string', value: inner.text } : undefined;
  }
  if (ts.isNumericLiteral(e)) return { kind: 'number', value: Number(e.text) };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand))
    return { kind: 'number', value: -Number(e.operand.text) };
  if (ts.isTaggedTemplateExpression(e) && isPromqlTag(e.tag)) {
    const inner = build(e.template, true, consts, depth + 1);
    return inner && inner.placeholders.length === 0 ? { kind: 'promql', text: inner.text } : undefined;
  }
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const fn = calleeName(e);
    const arg = e.arguments[0] ? valueOf(e.arguments[0], consts, depth + 1) : undefined;
    if (arg?.kind !== 'string') return undefined;
    if (fn === 'name' || fn === 'labelName') return { kind: 'name', text: arg.value };
    if (fn === 'raw') return { kind: 'promql', text: arg.value };
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? valueOf(init, consts, depth + 1) : undefined;
  }
  return undefined;
}

interface Built {
  text: string;
  readonly offsets: number[];
  readonly placeholders: Span[];
}

/**
 * The bracket offset `to` of a PromQL text is inside (and where it opened), and whether `to` is in
 * a quoted string.
 */
export function scanTo(text: string, to = text.length): { open: string | undefined; openAt: number; quoted: boolean } {
  const open: number[] = [];
  let quote = '';
  for (let i = 0; i < to; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') open.push(i);
    else if (c === ')' || c === ']' || c === '}') open.pop();
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl >= to ? to : nl;
    }
  }
  const at = open[open.length - 1] ?? -1;
  return { open: at >= 0 ? text[at] : undefined, openAt: at, quoted: quote !== '' };
}

/** The text a substitution stands for, or a placeholder (`undefined` value) of the kind its place needs. */
function spliced(value: Value | undefined, before: string, tagged: boolean): { text: string; known: boolean } {
  if (tagged) {
    const context = contextBefore(before);
    if (value?.kind === 'name') return { text: value.text, known: true };
    // A fragment is checked where it is written; what it contains is not reported again here.
    if (value?.kind === 'promql')
      return {
        text: context === 'other' && needsParens(value.text) ? `(${value.text.trim()})` : value.text.trim(),
        known: false,
      };
    if (context === 'matcher')
      return value?.kind === 'string' ? { text: quoteString(value.value), known: true } : { text: '"x"', known: false };
    if (context === 'duration')
      return value?.kind === 'string' ? { text: value.value, known: true } : { text: '5m', known: false };
    if (value?.kind === 'number') return { text: spliceNumber(value.value), known: true };
    return { text: PLACEHOLDER_NAME, known: false };
  }
  if (value?.kind === 'string') return { text: value.value, known: true };
  if (value?.kind === 'number') return { text: String(value.value), known: true };
  if (value) return { text: value.text, known: true };
  const s = scanTo(before);
  // Unquoted inside braces: the substitution is matchers (`{${selector}}`).
  return {
    text: s.quoted ? 'x' : s.open === '[' ? '5m' : s.open === '{' ? `${PLACEHOLDER_NAME}=""` : PLACEHOLDER_NAME,
    known: false,
  };
}

/** The text of a string or template literal with each character's source offset. */
function build(lit: Literal, tagged: boolean, consts: Map<string, ts.Expression>, depth: number): Built | undefined {
  const src = lit.getSourceFile().text;
  const out: Built = { text: '', offsets: [], placeholders: [] };
  const { pieces, substitutions } = literalParts(lit);
  pieces.forEach(([from, to], i) => {
    cookLiteral(src, from, to, out);
    const sub = substitutions[i];
    if (!sub) return;
    const s = spliced(valueOf(sub.expression, consts, depth + 1), out.text, tagged);
    for (let k = 0; k < s.text.length; k++) out.offsets.push(sub.start);
    out.text += s.text;
    // A substitution's text is never the author's characters: a problem inside it is located at the `${`.
    if (!s.known) out.placeholders.push({ start: sub.start, end: sub.end });
  });
  out.offsets.push(lit.end - 1);
  return out;
}

function embed(
  lit: ts.TemplateLiteral | Literal,
  tagged: boolean,
  at: ts.Node,
  consts: Map<string, ts.Expression>,
): Embedded | undefined {
  const b = build(lit, tagged, consts, 0);
  if (!b || b.text.trim() === '') return undefined;
  const sf = lit.getSourceFile();
  const context = contextOf(at, sf.fileName);
  const placeholders = [...b.placeholders];
  let text = b.text;
  if (context === 'dashboard') {
    // Same length: offsets stay valid. The variables' values are the dashboard's business.
    const sub = substituteVariables(text);
    text = sub.text;
    const strings = stringRanges(text);
    for (const v of sub.variables) {
      // A variable in a string (`"$job"`, `"$tenant:ctx"`): the string's value is unknown, so is what is said of it.
      const str = strings.find((x) => v.start > x.start && v.start < x.end);
      placeholders.push({
        start: b.offsets[str ? str.start : v.start] ?? 0,
        end: b.offsets[str ? str.end : v.end] ?? 0,
      });
    }
  }
  return {
    start: lit.getStart(),
    end: lit.end,
    text,
    offsets: b.offsets,
    placeholders,
    context,
    suppress: suppressionsAround(at),
    ...ruleOf(at),
  };
}

/** The part `[from, to)` of an embedded text (a variable query's PromQL). */
function slice(e: Embedded, from: number, to: number): Embedded {
  return { ...e, text: e.text.slice(from, to), offsets: e.offsets.slice(from, to + 1) };
}

/** The source offset of offset `i` of an embedded text. */
export function sourceOffset(e: Embedded, i: number): number {
  return e.offsets[Math.min(Math.max(i, 0), e.offsets.length - 1)] ?? e.start;
}

/** The offset in the embedded text of a source offset inside the literal, or undefined outside it. */
export function textOffset(e: Embedded, source: number): number | undefined {
  if (source < e.start || source > e.end) return undefined;
  // The first character at or after `source`.
  for (let i = 0; i < e.offsets.length; i++) if ((e.offsets[i] ?? 0) >= source) return i;
  return undefined;
}

/**
 * Whether the source span [start, end) touches a placeholder (a substitution or variable whose
 * value is unknown here): what is said there is said of a stand-in, not of what the module writes.
 */
export function inPlaceholder(e: Embedded, start: number, end = start): boolean {
  return e.placeholders.some((p) => (start >= p.start && start < p.end) || (start < p.end && end > p.start));
}
