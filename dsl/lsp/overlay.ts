/**
 * What the author's unsaved edits to a registry module or a module with recording rules change in
 * the project's last snapshot, so completion, hover and the live checks of the other open modules
 * see a metric or a recorded series as it is typed, before the save (the snapshot, taken in a child
 * process, reads only saved files: see snapshot.ts).
 *
 * The module is not run: its text is read with TypeScript's parser, in the saved and the unsaved
 * version, and only what differs between the two is applied to the snapshot. A metric entry is
 * read when it is written `name: counter({...})` (or gauge, histogram, summary, info, stateset,
 * untyped) with literals (and the module's own `const`s) as its options; it is made by obs's own
 * factory, as the module would. A recording rule is read as the editor finds it
 * (`record({ name: '...', expr: ... })`). What is built by code stays as the snapshot has it.
 */
import ts from 'typescript';
import type { SourceLocation } from '../core/diagnostic.ts';
import { lineIndex } from '../collect/line-index.ts';
import { calleeName, unwrapExpression } from '../collect/ts-literals.ts';
import { counter, gauge, histogram, info, stateset, summary, untyped } from '../registry/factories.ts';
import { DEFAULT_TARGET_LABELS, type MetricDef, type MetricDefs, type RegistryData } from '../registry/index.ts';
import { extractPromQL } from './extract.ts';
import type { RecordedSeries, Snapshot } from './snapshot.ts';

type Factory = (spec: never) => MetricDef;
const FACTORIES: Record<string, Factory> = {
  counter: counter as Factory,
  gauge: gauge as Factory,
  histogram: histogram as Factory,
  summary: summary as Factory,
  info: info as Factory,
  stateset: stateset as Factory,
  untyped: untyped as Factory,
};

/** A module's text as saved and as in the editor (project-relative path). */
export interface Buffer {
  readonly file: string;
  readonly saved: string;
  readonly text: string;
}

/** Not a value the module says without running. */
const UNKNOWN = Symbol('unknown');
type Static = string | number | boolean | null | readonly Static[] | { readonly [k: string]: Static };

function keyOf(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** The value of an expression made of literals, arrays, objects and the module's `const`s. */
function staticValue(
  expr: ts.Expression,
  consts: ReadonlyMap<string, ts.Expression>,
  depth = 0,
): Static | typeof UNKNOWN {
  if (depth > 8) return UNKNOWN;
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand))
    return -Number(e.operand.text);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(e)) {
    if (e.text === 'Infinity') return Infinity;
    const init = consts.get(e.text);
    return init ? staticValue(init, consts, depth + 1) : UNKNOWN;
  }
  if (ts.isArrayLiteralExpression(e)) {
    const out: Static[] = [];
    for (const el of e.elements) {
      const v = staticValue(el, consts, depth + 1);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  if (ts.isObjectLiteralExpression(e)) {
    const out: Record<string, Static> = {};
    for (const p of e.properties) {
      const k = ts.isPropertyAssignment(p) ? keyOf(p.name) : undefined;
      if (!ts.isPropertyAssignment(p) || k === undefined) return UNKNOWN;
      const v = staticValue(p.initializer, consts, depth + 1);
      if (v === UNKNOWN) return UNKNOWN;
      out[k] = v;
    }
    return out;
  }
  return UNKNOWN;
}

function moduleConsts(sf: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    const list = ts.isVariableStatement(st) ? st.declarationList : undefined;
    if (!list || (list.flags & ts.NodeFlags.Const) === 0) continue;
    for (const d of list.declarations)
      if (ts.isIdentifier(d.name) && d.initializer) out.set(d.name.text, d.initializer);
  }
  return out;
}

/** Per registry name, the metric entries the module writes with literal options (null: one that is not). */
export function registryEntries(file: string, text: string): Map<string, Map<string, MetricDef | null>> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const consts = moduleConsts(sf);
  const lines = lineIndex(text);
  const out = new Map<string, Map<string, MetricDef | null>>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && calleeName(n) === 'registry' && n.arguments[0]) {
      const spec = unwrapExpression(n.arguments[0]);
      if (ts.isObjectLiteralExpression(spec)) {
        const prop = (k: string): ts.PropertyAssignment | undefined =>
          spec.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && keyOf(p.name) === k);
        const name = prop('name');
        const registryName = name ? staticValue(name.initializer, consts) : UNKNOWN;
        const metrics = prop('metrics');
        const list = metrics ? unwrapExpression(metrics.initializer) : undefined;
        if (typeof registryName === 'string' && list && ts.isObjectLiteralExpression(list)) {
          const entries = out.get(registryName) ?? new Map<string, MetricDef | null>();
          for (const p of list.properties) {
            if (!ts.isPropertyAssignment(p)) continue;
            const key = keyOf(p.name);
            if (key === undefined) continue;
            entries.set(key, metricOf(p, consts, { file, ...lines.pointAt(p.name.getStart(sf)) }));
          }
          out.set(registryName, entries);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function metricOf(
  p: ts.PropertyAssignment,
  consts: ReadonlyMap<string, ts.Expression>,
  site: SourceLocation,
): MetricDef | null {
  const call = unwrapExpression(p.initializer);
  if (!ts.isCallExpression(call)) return null;
  const factory = FACTORIES[calleeName(call) ?? ''];
  if (!factory || call.arguments.length > 1) return null;
  const spec = call.arguments[0] ? staticValue(call.arguments[0], consts) : {};
  if (spec === UNKNOWN || typeof spec !== 'object' || spec === null || Array.isArray(spec)) return null;
  try {
    return { ...factory(spec as never), site };
  } catch {
    return null; // options the factory refuses: the module would fail too; the build says why
  }
}

/** The same entry, wherever it is written. */
function sameMetric(a: MetricDef | null | undefined, b: MetricDef | null | undefined): boolean {
  if (!a || !b) return a === b;
  const { site: _a, ...x } = a;
  const { site: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** What was read of a text, kept while the text stays the same (two per file: saved and unsaved). */
type Memo = Map<string, { readonly text: string; readonly value: unknown }>;

function memoized<T>(memo: Memo, key: string, text: string, read: () => T): T {
  const hit = memo.get(key);
  if (hit?.text === text) return hit.value as T;
  const value = read();
  memo.set(key, { text, value });
  return value;
}

/** The registries with what the buffers' edits to their metric entries change. */
function overlayRegistries(
  registries: readonly RegistryData[],
  buffers: readonly Buffer[],
  memo: Memo,
): readonly RegistryData[] {
  let out = registries;
  for (const b of buffers) {
    if (!out.some((r) => r.site?.file === b.file)) continue;
    const read = (which: string, text: string) =>
      memoized(memo, `registry\0${which}\0${b.file}`, text, () => registryEntries(b.file, text));
    const saved = read('saved', b.saved);
    const now = read('text', b.text);
    const next = out.map((r) => {
      if (r.site?.file !== b.file) return r;
      const before = saved.get(r.name) ?? new Map<string, MetricDef | null>();
      const after = now.get(r.name) ?? new Map<string, MetricDef | null>();
      const metrics: Record<string, MetricDefs[string]> = { ...r.metrics };
      let changed = false;
      for (const [k, def] of before) {
        if (after.has(k) || def === null) continue;
        delete metrics[k]; // an entry read before, edited away
        changed = true;
      }
      for (const [k, def] of after) {
        if (def === null || sameMetric(def, before.get(k))) continue;
        metrics[k] = def; // a new entry, or one whose options changed
        changed = true;
      }
      return changed ? { ...r, metrics } : r;
    });
    if (next.some((r, i) => r !== out[i])) out = next;
  }
  // A registry module the last check did not see (new, not yet saved): its entries written with
  // literal options, in registries with obs's defaults (target labels job and instance).
  for (const b of buffers) {
    if (registries.some((r) => r.site?.file === b.file) || !b.text.includes('registry(')) continue;
    const now = memoized(memo, `registry\0text\0${b.file}`, b.text, () => registryEntries(b.file, b.text));
    for (const [name, entries] of now) {
      const metrics: Record<string, MetricDef> = {};
      for (const [k, def] of entries) if (def) metrics[k] = def;
      if (Object.keys(metrics).length === 0) continue;
      out = [
        ...out,
        {
          kind: 'registry',
          name,
          targetLabels: [...DEFAULT_TARGET_LABELS],
          metrics,
          site: { file: b.file, line: 1, column: 1 },
        },
      ];
    }
  }
  return out;
}

/** The recording rules with what the buffers' edits to their `record(...)` calls change. */
function overlayRecorded(
  recorded: readonly RecordedSeries[],
  buffers: readonly Buffer[],
  memo: Memo,
): readonly RecordedSeries[] {
  let out = recorded;
  for (const b of buffers) {
    const records = (which: string, text: string): Map<string, { expr: string; start: number }> =>
      memoized(memo, `records\0${which}\0${b.file}`, text, () => {
        const m = new Map<string, { expr: string; start: number }>();
        // Only a module that writes `record(` is read through.
        if (!/\brecord\s*\(/.test(text)) return m;
        for (const e of extractPromQL(b.file, text).texts)
          if (e.records !== undefined && e.placeholders.length === 0 && !m.has(e.records))
            m.set(e.records, { expr: e.text, start: e.start });
        return m;
      });
    const before = records('saved', b.saved);
    const after = records('text', b.text);
    const gone = new Set([...before.keys()].filter((n) => !after.has(n) || after.get(n)?.expr !== before.get(n)?.expr));
    const added = [...after].filter(([n, r]) => before.get(n)?.expr !== r.expr);
    if (gone.size === 0 && added.length === 0) continue;
    const lines = lineIndex(b.text);
    const group = out.find((r) => r.module === b.file)?.group ?? '(unsaved)';
    out = [
      ...out.filter((r) => r.module !== b.file || !gone.has(r.name)),
      ...added.map(([name, r]) => ({
        name,
        expr: r.expr,
        module: b.file,
        group,
        site: { file: b.file, ...lines.pointAt(r.start) },
      })),
    ];
  }
  return out;
}

/**
 * The snapshot as the unsaved buffers would make it, and a key that is the same exactly when the
 * overlay is (the workspace is rebuilt only when it changes). One per project: it keeps what it
 * read of each buffer's last text and saved text.
 */
export class Overlays {
  readonly #memo: Memo = new Map();

  apply(snapshot: Snapshot, buffers: readonly Buffer[]): { snapshot: Snapshot; key: string } {
    return overlaySnapshot(snapshot, buffers, this.#memo);
  }

  /** Forgets what was read of a file (closed). */
  forget(file: string): void {
    for (const k of [...this.#memo.keys()]) if (k.endsWith(`\0${file}`)) this.#memo.delete(k);
  }
}

function overlaySnapshot(
  snapshot: Snapshot,
  buffers: readonly Buffer[],
  memo: Memo,
): { snapshot: Snapshot; key: string } {
  const edited = buffers.filter((b) => b.text !== b.saved);
  if (edited.length === 0) return { snapshot, key: '' };
  const registries = overlayRegistries(snapshot.registries, edited, memo);
  const recorded = overlayRecorded(snapshot.recorded, edited, memo);
  if (registries === snapshot.registries && recorded === snapshot.recorded) return { snapshot, key: '' };
  const key = JSON.stringify([
    registries.filter((r, i) => r !== snapshot.registries[i]).map((r) => [r.name, r.metrics]),
    recorded.filter((r) => !snapshot.recorded.includes(r)).map((r) => [r.name, r.expr, r.module]),
    snapshot.recorded.filter((r) => !recorded.includes(r)).map((r) => [r.name, r.module]),
  ]);
  return { snapshot: { ...snapshot, registries, recorded }, key };
}
