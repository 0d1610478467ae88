/**
 * `obs import rules`: a Prometheus rule file (rulefmt YAML, a PrometheusRule manifest or a Mimir
 * ruler namespace file) as a TS module of `ruleGroup`/`alert`/`record` calls, laid out through
 * the code writer (code/writer.ts). The module builds exactly the file's groups: every field, every string byte for
 * byte (test/build/import-rules.test.ts builds imported files and compares the rule files obs writes
 * with the originals), so a team can switch a file over and review only the move.
 */
import { codeWriter, type CodeBlockWriter } from './code/writer.ts';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.ts';
import { identifierFor, templateBody, tsKey, tsString } from './code/literal.ts';
import { tsModule } from './code/module.ts';
import { readRuleFile, YamlTextLocations } from '../collect/yaml-rules.ts';
import type { ModuleDefinitions, TextLocator } from '../collect/project.ts';
import { dedent } from '../promql/template.ts';
import type { AlertRule, PrometheusRuleSpec, Rule, RuleGroup } from '../rules/index.ts';
import { importedSuppressions } from './problems.ts';

export interface ImportRulesOptions {
  /** The file's name as shown in messages and in the module's header comment. */
  readonly file: string;
}

/** Problems of the file to suppress in the module (see import-problems.ts). */
export interface ModuleSuppressions {
  readonly suppress: ReadonlyMap<Rule | RuleGroup, readonly string[]>;
  readonly moduleSuppress: readonly string[];
}

export type ImportRulesResult =
  | {
    readonly ok: true;
    /** The module, importing the authoring API from `dslImport` (which depends on where it is written). */
    moduleText(dslImport: string, suppressions?: ModuleSuppressions): string;
    readonly groups: number; readonly alerts: number; readonly records: number; readonly recordingOnly: boolean;
    /** The file's rules as read, for checking them (their objects are the keys of ModuleSuppressions). */
    readonly module: ModuleDefinitions;
    readonly locate: TextLocator;
    /** The PrometheusRule object's metadata, for a manifest (the module names the same object). */
    readonly object?: PrometheusRuleSpec;
    readonly notes: readonly string[];
  }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function importRules(src: string, opts: ImportRulesOptions): ImportRulesResult {
  const locations = new YamlTextLocations();
  const read = readRuleFile(opts.file, src, locations);
  const problems: Diagnostic[] = [...read.diagnostics];
  if (!read.isRuleFile && problems.length === 0) {
    problems.push({
      checkId: 'file/format', severity: 'error', message: `${opts.file} has no rule groups`,
      hint: 'give a Prometheus rule file (groups: [...]), a PrometheusRule manifest or a Mimir ruler namespace file',
      location: { file: opts.file, line: 1, column: 1 },
    });
  }
  const seen = new Set<string>();
  for (const g of read.module.groups) {
    if (seen.has(g.name)) {
      problems.push({
        checkId: 'rules/duplicate-group', severity: 'error', message: `group ${JSON.stringify(g.name)} appears twice (in several documents of the file?)`,
        hint: 'one module holds groups of unique names: import the documents as separate files, or rename one group', ...(g.site ? { location: g.site } : {}),
      });
    }
    seen.add(g.name);
    if (g.limit !== undefined && typeof g.limit !== 'number') {
      problems.push({
        checkId: 'rules/fields', severity: 'error', message: `group ${JSON.stringify(g.name)}: limit must be a whole number, not ${JSON.stringify(g.limit)}`,
        hint: 'write limit: 0 (no limit) or a positive number', ...(g.site ? { location: g.site } : {}),
      });
    }
  }
  if (problems.length) return { ok: false, diagnostics: problems };
  const groups = read.module.groups;
  const rules = groups.flatMap((g) => g.rules);
  const objects = prometheusRuleObjects(src);
  const notes = objects.notes;
  const object = objects.specs[0];
  return {
    ok: true, moduleText: (dslImport, suppressions) => moduleText(groups, opts.file, dslImport, object, suppressions), groups: groups.length,
    alerts: rules.filter((r) => r.kind === 'alert').length, records: rules.filter((r) => r.kind === 'record').length,
    recordingOnly: rules.length > 0 && rules.every((r) => r.kind === 'record'),
    module: read.module, locate: locations.locate, ...(object ? { object } : {}), notes,
  };
}

/** Kubernetes keeps these in metadata; the object obs writes is the one applied, without them. */
const SERVER_FIELDS = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'ownerReferences', 'finalizers'];

/** The metadata of each PrometheusRule document of the file (none for a rule file). */
function prometheusRuleObjects(src: string): { specs: PrometheusRuleSpec[]; notes: string[] } {
  const specs: PrometheusRuleSpec[] = [];
  const notes: string[] = [];
  let docs;
  try {
    docs = parseAllDocuments(src);
  } catch {
    return { specs, notes };
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (typeof v !== 'object' || v === null || (v as { kind?: unknown }).kind !== 'PrometheusRule') continue;
    const meta = (v as { metadata?: unknown }).metadata;
    if (typeof meta !== 'object' || meta === null) continue;
    const m = meta as Record<string, unknown>;
    const strings = (x: unknown): Record<string, string> | undefined =>
      typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, String(y)])) : undefined;
    const annotations = strings(m.annotations);
    // kubectl's record of the last applied object is the object again, not metadata of it.
    if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    const labels = strings(m.labels);
    specs.push({
      name: String(m.name ?? ''),
      ...(m.namespace !== undefined ? { namespace: String(m.namespace) } : {}),
      ...(labels && Object.keys(labels).length ? { labels } : {}),
      ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
    });
    const dropped = SERVER_FIELDS.filter((f) => m[f] !== undefined);
    if (dropped.length) notes.push(`metadata fields the API server sets were left out: ${dropped.join(', ')}`);
  }
  if (specs.length > 1) notes.push(`the file holds ${specs.length} PrometheusRule objects; the module is written as the first, ${specs[0]!.name} (import each object as a file of its own to keep them apart)`);
  return { specs, notes };
}

function moduleText(groups: readonly RuleGroup[], source: string, dslImport: string, object: PrometheusRuleSpec | undefined, suppressions: ModuleSuppressions | undefined): string {
  const rules = groups.flatMap((g) => g.rules);
  const w = codeWriter();
  // Group constants never shadow the factories the module imports, nor the module's other exports.
  const taken = new Set<string>(['alert', 'promql', 'record', 'ruleGroup', 'prometheusRule', 'fileSuppressions', 'manifest', 'suppress']);
  let promqlUsed = false;
  const suppressOf = (owner: Rule | RuleGroup): void => {
    const checks = suppressions?.suppress.get(owner);
    if (checks?.length) writeSuppress(w, importedSuppressions(checks, source), 'suppress: [', '],');
  };
  if (object) {
    w.write('export const manifest = prometheusRule({').newLine().indent(() => {
      w.writeLine(`name: ${tsString(object.name)},`);
      if (object.namespace !== undefined) w.writeLine(`namespace: ${tsString(object.namespace)},`);
      if (object.labels) writeMap(w, 'labels', object.labels);
      if (object.annotations) writeMap(w, 'annotations', object.annotations);
    }).write('});').newLine().blankLine();
  }
  if (suppressions?.moduleSuppress.length) {
    writeSuppress(w, importedSuppressions(suppressions.moduleSuppress, source), 'export const suppress = fileSuppressions([', ']);');
    w.blankLine();
  }
  groups.forEach((g, i) => {
    if (i > 0) w.blankLine();
    w.write(`export const ${uniqueName(g.name, taken)} = ruleGroup({`).newLine().indent(() => {
      w.writeLine(`name: ${tsString(g.name)},`);
      if (g.interval !== undefined) w.writeLine(`interval: ${tsString(g.interval)},`);
      if (g.limit !== undefined) w.writeLine(`limit: ${g.limit},`);
      if (g.queryOffset !== undefined) w.writeLine(`queryOffset: ${tsString(g.queryOffset)},`);
      if (g.labels !== undefined) writeMap(w, 'labels', g.labels);
      suppressOf(g);
      w.writeLine('rules: [').indent(() => {
        for (const r of g.rules) promqlUsed = writeRule(w, r, () => suppressOf(r)) || promqlUsed;
      }).writeLine('],');
    }).write('});').newLine();
  });
  const used = [
    'ruleGroup', ...(rules.some((r) => r.kind === 'alert') ? ['alert'] : []), ...(rules.some((r) => r.kind === 'record') ? ['record'] : []), ...(promqlUsed ? ['promql'] : []),
    ...(object ? ['prometheusRule'] : []), ...(suppressions?.moduleSuppress.length ? ['fileSuppressions'] : []),
  ];
  return tsModule({
    header: [`// Imported by \`obs import rules\` from ${source}; this module is now where these rules are defined.`],
    from: dslImport, names: used.sort(), body: w.toString(),
  });
}

/** A rule's or group's suppressions, one per line: each is an item of the to-do list the build shows. */
function writeSuppress(w: CodeBlockWriter, list: readonly { check: string; reason: string }[], open: string, close: string): void {
  w.writeLine(open).indent(() => {
    for (const s of list) w.writeLine(`{ check: ${tsString(s.check)}, reason: ${tsString(s.reason)} },`);
  }).writeLine(close);
}

function uniqueName(group: string, taken: Set<string>): string {
  const base = identifierFor(group, 'rules');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** Writes one rule; true when it used the `promql` tag. */
function writeRule(w: CodeBlockWriter, r: Rule, suppress: () => void): boolean {
  let tagged = false;
  w.writeLine(`${r.kind}({`).indent(() => {
    w.writeLine(`name: ${tsString(r.name)},`);
    // `expr: |` keeps a final line break; PromQL ignores it, and without it the expression can be a `promql` template.
    tagged = writeExpr(w, (typeof r.expr === 'string' ? r.expr : r.expr.text).replace(/\n+$/, ''));
    if (r.kind === 'alert') {
      const a: AlertRule = r;
      if (a.for !== undefined) w.writeLine(`for: ${tsString(a.for)},`);
      if (a.keepFiringFor !== undefined) w.writeLine(`keepFiringFor: ${tsString(a.keepFiringFor)},`);
    }
    if (r.labels !== undefined) writeMap(w, 'labels', r.labels);
    if (r.kind === 'alert' && (r as AlertRule).annotations !== undefined) writeMap(w, 'annotations', (r as AlertRule).annotations ?? {});
    suppress();
  }).writeLine('}),');
  return tagged;
}

/**
 * One-line expressions stay string literals. A multi-line one becomes a `promql` template, laid
 * out as in the file, when the template gives back exactly the file's text (it strips the code's
 * indentation, trailing blanks and tabs); otherwise a plain template literal, which always does.
 */
function writeExpr(w: CodeBlockWriter, expr: string): boolean {
  if (!expr.includes('\n')) {
    w.writeLine(`expr: ${tsString(expr)},`);
    return false;
  }
  const at = ' '.repeat(w.getIndentationLevel() * 2);
  const indented = `\n${expr.split('\n').map((l) => (l === '' ? '' : `${at}  ${l}`)).join('\n')}\n${at}`;
  const tagged = !expr.includes('\t') && dedent(indented) === expr;
  // Template literals are written as they are: the writer does not indent inside them.
  w.write(tagged ? `expr: promql\`${templateBody(indented)}\`,` : `expr: \`${templateBody(expr)}\`,`).newLine();
  return tagged;
}

/** Short maps on one line, as people write them; longer ones a pair per line. */
function writeMap(w: CodeBlockWriter, key: string, values: Readonly<Record<string, string>>): void {
  const pairs = Object.entries(values).map(([k, v]) => `${tsKey(k)}: ${v.includes('\n') ? `\`${templateBody(v)}\`` : tsString(v)}`);
  const inline = `${key}: {${pairs.length ? ` ${pairs.join(', ')} ` : ''}},`;
  if (w.getIndentationLevel() * 2 + inline.length <= 100 && !inline.includes('\n')) {
    w.writeLine(inline);
    return;
  }
  w.writeLine(`${key}: {`).indent(() => {
    for (const p of pairs) w.write(`${p},`).newLine();
  }).writeLine('},');
}
