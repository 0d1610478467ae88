/**
 * `obs import rules`: a Prometheus rule file (rulefmt YAML, a PrometheusRule manifest or a Mimir
 * ruler namespace file) as a TS module of `ruleGroup`/`alert`/`record` calls, laid out through
 * ts-morph's writer. The module builds exactly the file's groups: every field, every string byte for
 * byte (test/build/import-rules.test.ts builds imported files and compares the rule files obs writes
 * with the originals), so a team can switch a file over and review only the move.
 */
import { CodeBlockWriter } from 'ts-morph';
import type { Diagnostic } from '../core/diagnostic.ts';
import { identifierFor, templateBody, tsKey, tsString } from '../core/ts-literal.ts';
import { tsModule } from '../core/ts-module.ts';
import { readRuleFile, YamlTextLocations } from '../collect/yaml-rules.ts';
import { dedent } from '../promql/template.ts';
import type { AlertRule, Rule, RuleGroup } from '../rules/index.ts';

export interface ImportRulesOptions {
  /** The file's name as shown in messages and in the module's header comment. */
  readonly file: string;
}

export type ImportRulesResult =
  | {
    readonly ok: true;
    /** The module, importing the authoring API from `dslImport` (which depends on where it is written). */
    moduleText(dslImport: string): string;
    readonly groups: number; readonly alerts: number; readonly records: number; readonly recordingOnly: boolean;
  }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function importRules(src: string, opts: ImportRulesOptions): ImportRulesResult {
  const read = readRuleFile(opts.file, src, new YamlTextLocations());
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
  return {
    ok: true, moduleText: (dslImport) => moduleText(groups, opts.file, dslImport), groups: groups.length,
    alerts: rules.filter((r) => r.kind === 'alert').length, records: rules.filter((r) => r.kind === 'record').length,
    recordingOnly: rules.length > 0 && rules.every((r) => r.kind === 'record'),
  };
}

function moduleText(groups: readonly RuleGroup[], source: string, dslImport: string): string {
  const rules = groups.flatMap((g) => g.rules);
  const w = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });
  // Group constants never shadow the factories the module imports.
  const taken = new Set<string>(['alert', 'promql', 'record', 'ruleGroup']);
  let promqlUsed = false;
  groups.forEach((g, i) => {
    if (i > 0) w.blankLine();
    w.write(`export const ${uniqueName(g.name, taken)} = ruleGroup({`).newLine().indent(() => {
      w.writeLine(`name: ${tsString(g.name)},`);
      if (g.interval !== undefined) w.writeLine(`interval: ${tsString(g.interval)},`);
      if (g.limit !== undefined) w.writeLine(`limit: ${g.limit},`);
      if (g.queryOffset !== undefined) w.writeLine(`queryOffset: ${tsString(g.queryOffset)},`);
      if (g.labels !== undefined) writeMap(w, 'labels', g.labels);
      w.writeLine('rules: [').indent(() => {
        for (const r of g.rules) promqlUsed = writeRule(w, r) || promqlUsed;
      }).writeLine('],');
    }).write('});').newLine();
  });
  const used = ['ruleGroup', ...(rules.some((r) => r.kind === 'alert') ? ['alert'] : []), ...(rules.some((r) => r.kind === 'record') ? ['record'] : []), ...(promqlUsed ? ['promql'] : [])];
  return tsModule({
    header: [`// Imported by \`obs import rules\` from ${source}; this module is now where these rules are defined.`],
    from: dslImport, names: used.sort(), body: w.toString(),
  });
}

function uniqueName(group: string, taken: Set<string>): string {
  const base = identifierFor(group, 'rules');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** Writes one rule; true when it used the `promql` tag. */
function writeRule(w: CodeBlockWriter, r: Rule): boolean {
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
