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
      readonly groups: number;
      readonly alerts: number;
      readonly records: number;
      readonly recordingOnly: boolean;
      /** The file's rules as read, for checking them (their objects are the keys of ModuleSuppressions). */
      readonly module: ModuleDefinitions;
      readonly locate: TextLocator;
      /** The (first) PrometheusRule object's metadata, for a manifest (the module names the same objects). */
      readonly object?: PrometheusRuleSpec;
      /** How many PrometheusRule objects the file holds (each is an object of the module). */
      readonly objects: number;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function importRules(src: string, opts: ImportRulesOptions): ImportRulesResult {
  const locations = new YamlTextLocations();
  const read = readRuleFile(opts.file, src, locations);
  const problems: Diagnostic[] = [...read.diagnostics];
  if (!read.isRuleFile && problems.length === 0) {
    problems.push({
      checkId: 'file/format',
      severity: 'error',
      message: `${opts.file} has no rule groups`,
      hint: 'give a Prometheus rule file (groups: [...]), a PrometheusRule manifest or a Mimir ruler namespace file',
      location: { file: opts.file, line: 1, column: 1 },
    });
  }
  const seen = new Set<string>();
  for (const g of read.module.groups) {
    if (seen.has(g.name)) {
      problems.push({
        checkId: 'rules/duplicate-group',
        severity: 'error',
        message: `group ${JSON.stringify(g.name)} appears twice (in several documents of the file?)`,
        hint: 'one module holds groups of unique names: import the documents as separate files, or rename one group',
        ...(g.site ? { location: g.site } : {}),
      });
    }
    seen.add(g.name);
    if (g.limit !== undefined && typeof g.limit !== 'number') {
      problems.push({
        checkId: 'rules/fields',
        severity: 'error',
        message: `group ${JSON.stringify(g.name)}: limit must be a whole number, not ${JSON.stringify(g.limit)}`,
        hint: 'write limit: 0 (no limit) or a positive number',
        ...(g.site ? { location: g.site } : {}),
      });
    }
  }
  if (problems.length) return { ok: false, diagnostics: problems };
  const groups = read.module.groups;
  const rules = groups.flatMap((g) => g.rules);
  const found = prometheusRuleObjects(src);
  const notes = found.notes;
  const object = found.objects[0]?.spec;
  // Each group with the object it came from; groups of no object (rulefmt documents beside the
  // manifests) go with the first object.
  const objects = found.objects.map((o, i) => ({
    spec: o.spec,
    groups: groups.filter(
      (g) => o.groups.includes(g.name) || (i === 0 && !found.objects.some((x) => x.groups.includes(g.name))),
    ),
  }));
  return {
    ok: true,
    moduleText: (dslImport, suppressions) => moduleText(groups, opts.file, dslImport, objects, suppressions),
    groups: groups.length,
    alerts: rules.filter((r) => r.kind === 'alert').length,
    records: rules.filter((r) => r.kind === 'record').length,
    recordingOnly: rules.length > 0 && rules.every((r) => r.kind === 'record'),
    module: read.module,
    locate: locations.locate,
    ...(object ? { object } : {}),
    objects: objects.length,
    notes,
  };
}

/** Kubernetes keeps these in metadata; the object obs writes is the one applied, without them. */
const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'ownerReferences',
  'finalizers',
];

/** The metadata and group names of each PrometheusRule object of the file (documents, `kind: List` items). */
function prometheusRuleObjects(src: string): {
  objects: { spec: PrometheusRuleSpec; groups: string[] }[];
  notes: string[];
} {
  const objects: { spec: PrometheusRuleSpec; groups: string[] }[] = [];
  const notes: string[] = [];
  let docs;
  try {
    docs = parseAllDocuments(src);
  } catch {
    return { objects, notes };
  }
  const values = (Array.isArray(docs) ? docs : [docs]).flatMap((doc): unknown[] => {
    const v = doc.toJS({ maxAliasCount: 100 }) as { kind?: unknown; items?: unknown } | null;
    return v?.kind === 'List' && Array.isArray(v.items) ? v.items : [v];
  });
  for (const v of values) {
    if (typeof v !== 'object' || v === null || (v as { kind?: unknown }).kind !== 'PrometheusRule') continue;
    const meta = (v as { metadata?: unknown }).metadata;
    if (typeof meta !== 'object' || meta === null) continue;
    const m = meta as Record<string, unknown>;
    const strings = (x: unknown): Record<string, string> | undefined =>
      typeof x === 'object' && x !== null
        ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, String(y)]))
        : undefined;
    const annotations = strings(m.annotations);
    // kubectl's record of the last applied object is the object again, not metadata of it.
    if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    const labels = strings(m.labels);
    const groups = (v as { spec?: { groups?: unknown } }).spec?.groups;
    objects.push({
      spec: {
        name: String(m.name ?? ''),
        ...(m.namespace !== undefined ? { namespace: String(m.namespace) } : {}),
        ...(labels && Object.keys(labels).length ? { labels } : {}),
        ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
      },
      groups: Array.isArray(groups) ? groups.map((g) => String((g as { name?: unknown } | null)?.name ?? '')) : [],
    });
    const dropped = SERVER_FIELDS.filter((f) => m[f] !== undefined);
    if (dropped.length)
      notes.push(
        `metadata fields the API server sets were left out: ${dropped.join(', ')} (of ${String(m.name ?? '')})`,
      );
  }
  return { objects, notes };
}

function moduleText(
  groups: readonly RuleGroup[],
  source: string,
  dslImport: string,
  objects: readonly { spec: PrometheusRuleSpec; groups: readonly RuleGroup[] }[],
  suppressions: ModuleSuppressions | undefined,
): string {
  const rules = groups.flatMap((g) => g.rules);
  const w = codeWriter();
  // Group constants never shadow the factories the module imports, nor the module's other exports.
  const taken = new Set<string>([
    'alert',
    'promql',
    'record',
    'ruleGroup',
    'prometheusRule',
    'fileSuppressions',
    'manifest',
    'suppress',
  ]);
  let promqlUsed = false;
  const suppressOf = (owner: Rule | RuleGroup): void => {
    const checks = suppressions?.suppress.get(owner);
    if (checks?.length) writeSuppress(w, importedSuppressions(checks, source), 'suppress: [', '],');
  };
  // One object holds every group and comes first; several name their groups, so they follow them.
  const writeObject = (name: string, object: PrometheusRuleSpec, groupNames?: readonly string[]): void => {
    w.write(`export const ${name} = prometheusRule({`)
      .newLine()
      .indent(() => {
        w.writeLine(`name: ${tsString(object.name)},`);
        if (object.namespace !== undefined) w.writeLine(`namespace: ${tsString(object.namespace)},`);
        if (object.labels) writeMap(w, 'labels', object.labels);
        if (object.annotations) writeMap(w, 'annotations', object.annotations);
        if (groupNames) w.writeLine(`groups: [${groupNames.join(', ')}],`);
      })
      .write('});')
      .newLine();
  };
  if (objects.length === 1) writeObject('manifest', objects[0]!.spec);
  if (objects.length === 1) w.blankLine();
  const constants = new Map<RuleGroup, string>();
  if (suppressions?.moduleSuppress.length) {
    writeSuppress(
      w,
      importedSuppressions(suppressions.moduleSuppress, source),
      'export const suppress = fileSuppressions([',
      ']);',
    );
    w.blankLine();
  }
  groups.forEach((g, i) => {
    if (i > 0) w.blankLine();
    const constant = uniqueName(g.name, taken);
    constants.set(g, constant);
    w.write(`export const ${constant} = ruleGroup({`)
      .newLine()
      .indent(() => {
        w.writeLine(`name: ${tsString(g.name)},`);
        if (g.interval !== undefined) w.writeLine(`interval: ${tsString(g.interval)},`);
        if (g.limit !== undefined) w.writeLine(`limit: ${g.limit},`);
        if (g.queryOffset !== undefined) w.writeLine(`queryOffset: ${tsString(g.queryOffset)},`);
        if (g.labels !== undefined) writeMap(w, 'labels', g.labels);
        suppressOf(g);
        w.writeLine('rules: [')
          .indent(() => {
            for (const r of g.rules) promqlUsed = writeRule(w, r, () => suppressOf(r)) || promqlUsed;
          })
          .writeLine('],');
      })
      .write('});')
      .newLine();
  });
  if (objects.length > 1) {
    objects.forEach((o, i) => {
      w.blankLine();
      writeObject(
        uniqueName(`manifest ${i + 1}`, taken),
        o.spec,
        o.groups.map((g) => constants.get(g)!),
      );
    });
  }
  const used = [
    'ruleGroup',
    ...(rules.some((r) => r.kind === 'alert') ? ['alert'] : []),
    ...(rules.some((r) => r.kind === 'record') ? ['record'] : []),
    ...(promqlUsed ? ['promql'] : []),
    ...(objects.length ? ['prometheusRule'] : []),
    ...(suppressions?.moduleSuppress.length ? ['fileSuppressions'] : []),
  ];
  return tsModule({
    header: [`// Imported by \`obs import rules\` from ${source}; this module is now where these rules are defined.`],
    from: dslImport,
    names: used.sort(),
    body: w.toString(),
  });
}

/** A rule's or group's suppressions, one per line: each is an item of the to-do list the build shows. */
function writeSuppress(
  w: CodeBlockWriter,
  list: readonly { check: string; reason: string }[],
  open: string,
  close: string,
): void {
  w.writeLine(open)
    .indent(() => {
      for (const s of list) w.writeLine(`{ check: ${tsString(s.check)}, reason: ${tsString(s.reason)} },`);
    })
    .writeLine(close);
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
  w.writeLine(`${r.kind}({`)
    .indent(() => {
      w.writeLine(`name: ${tsString(r.name)},`);
      // `expr: |` keeps a final line break; PromQL ignores it, and without it the expression can be a `promql` template.
      tagged = writeExpr(w, (typeof r.expr === 'string' ? r.expr : r.expr.text).replace(/\n+$/, ''));
      if (r.kind === 'alert') {
        const a: AlertRule = r;
        if (a.for !== undefined) w.writeLine(`for: ${tsString(a.for)},`);
        if (a.keepFiringFor !== undefined) w.writeLine(`keepFiringFor: ${tsString(a.keepFiringFor)},`);
      }
      if (r.labels !== undefined) writeMap(w, 'labels', r.labels);
      if (r.kind === 'alert' && (r as AlertRule).annotations !== undefined)
        writeMap(w, 'annotations', (r as AlertRule).annotations ?? {});
      suppress();
    })
    .writeLine('}),');
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
  const indented = `\n${expr
    .split('\n')
    .map((l) => (l === '' ? '' : `${at}  ${l}`))
    .join('\n')}\n${at}`;
  const tagged = !expr.includes('\t') && dedent(indented) === expr;
  // Template literals are written as they are: the writer does not indent inside them.
  w.write(tagged ? `expr: promql\`${templateBody(indented)}\`,` : `expr: \`${templateBody(expr)}\`,`).newLine();
  return tagged;
}

/** Short maps on one line, as people write them; longer ones a pair per line. */
function writeMap(w: CodeBlockWriter, key: string, values: Readonly<Record<string, string>>): void {
  const pairs = Object.entries(values).map(
    ([k, v]) => `${tsKey(k)}: ${v.includes('\n') ? `\`${templateBody(v)}\`` : tsString(v)}`,
  );
  const inline = `${key}: {${pairs.length ? ` ${pairs.join(', ')} ` : ''}},`;
  if (w.getIndentationLevel() * 2 + inline.length <= 100 && !inline.includes('\n')) {
    w.writeLine(inline);
    return;
  }
  w.writeLine(`${key}: {`)
    .indent(() => {
      for (const p of pairs) w.write(`${p},`).newLine();
    })
    .writeLine('},');
}
