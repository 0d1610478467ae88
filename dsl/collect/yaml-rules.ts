/**
 * Reads a plain Prometheus rule file (rulefmt YAML; also PrometheusRule manifests and Mimir ruler
 * namespace files, which hold the same `groups`) into the RuleGroup/Rule values the TS DSL makes,
 * each located in the YAML, so the one set of lint checks serves both. Only what the checks cannot
 * see from those values is reported here: YAML that does not parse, a wrong structure, keys that
 * rulefmt does not know (with their YAML names).
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import type { Rule, RuleGroup } from '../rules/index.ts';
import { lineIndex, type LineIndex } from './line-index.ts';
import type { ModuleDefinitions, TextLocator } from './project.ts';
import { scalarOffsets, type ScalarStyle } from './yaml-scalar.ts';
import { yamlTrees, type YNode, type YPair } from './yaml-tree.ts';

export interface RuleFile {
  /** False when no document of the file has rule `groups` (a folder walk skips such files). */
  readonly isRuleFile: boolean;
  readonly module: ModuleDefinitions;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the scalars of one file share: its text, name and line index. */
interface FileRef {
  readonly src: string;
  readonly file: string;
  readonly lines: LineIndex;
}

/** Where one string of a rule was written: a scalar of the file, and its offsets once asked for. */
interface ScalarRef {
  readonly in: FileRef;
  readonly style: ScalarStyle;
  readonly start: number;
  readonly end: number;
  /** Where each character of the text was written; a number: the text is written as it is, from there. */
  offsets?: number[] | number | null;
}

/**
 * Remembers where the strings of YAML rules were written, keyed by the rule's site object (unique
 * per rule) and the text, and answers the checks' "where is offset N of this text" questions.
 * A rule's few strings are kept in a flat list (text, ref, text, ref, ...), not a Map of its own:
 * 150,000 rules held 40 MB of Maps.
 */
export class YamlTextLocations {
  private readonly byRule = new WeakMap<SourceLocation, (string | ScalarRef)[]>();

  register(site: SourceLocation, text: string, ref: ScalarRef): void {
    const list = this.byRule.get(site);
    if (!list) this.byRule.set(site, [text, ref]);
    else if (refOf(list, text) === undefined) list.push(text, ref);
  }

  readonly locate: TextLocator = (site, text, offset) => {
    const list = site ? this.byRule.get(site) : undefined;
    const ref = list ? refOf(list, text) : undefined;
    if (!ref) return undefined;
    const { src, file, lines } = ref.in;
    if (ref.offsets === undefined)
      ref.offsets = verbatimAt(src, ref, text) ?? scalarOffsets(src, ref.style, ref.start, ref.end, text) ?? null;
    const o = ref.offsets;
    const at =
      typeof o === 'number'
        ? o + Math.min(Math.max(offset, 0), text.length)
        : o
          ? (o[Math.min(Math.max(offset, 0), o.length - 1)] ?? ref.start)
          : ref.start;
    return { file, ...lines.pointAt(at) };
  };
}

/**
 * Where a one-line scalar written exactly as its text starts (inside the quotes of a quoted one):
 * most expressions are, and their offsets need no decoding (thousands of problems, each decoding
 * its rule's expression, were a tenth of a large lint run's walk).
 */
function verbatimAt(src: string, ref: ScalarRef, text: string): number | undefined {
  if (ref.style !== 'PLAIN' && ref.style !== 'QUOTE_DOUBLE' && ref.style !== 'QUOTE_SINGLE') return undefined;
  const from = ref.style === 'PLAIN' ? ref.start : ref.start + 1;
  const to = ref.style === 'PLAIN' ? ref.end : ref.end - 1;
  if (text.length === 0 || to - from !== text.length || text.includes('\n') || !src.startsWith(text, from))
    return undefined;
  return from;
}

function refOf(list: readonly (string | ScalarRef)[], text: string): ScalarRef | undefined {
  for (let i = 0; i < list.length; i += 2) if (list[i] === text) return list[i + 1] as ScalarRef;
  return undefined;
}

const GROUP_KEYS = ['name', 'interval', 'limit', 'query_offset', 'labels', 'rules'];
const RULE_KEYS = ['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const FIELD_NAMES: Readonly<Record<string, string>> = { query_offset: 'queryOffset', keep_firing_for: 'keepFiringFor' };

/**
 * The fields of `fields` that are set, in a new object the caller completes by assignment. Not
 * `{ ...fields, name }`: in V8 an object spread followed by more properties gets a hidden class
 * of its own, about 220 bytes for every rule and group (130 MB of 150,000 rules' memory).
 */
function defined(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

export function readRuleFile(file: string, src: string, locations: YamlTextLocations): RuleFile {
  const lines = lineIndex(src);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceLocation => ({ file, ...lines.pointAt(offset) });
  const where = (n: YNode | null): SourceLocation => at(n?.start ?? 0);
  const problem = (checkId: string, message: string, hint: string, location: SourceLocation): void => {
    diagnostics.push({ checkId, severity: 'error', message, hint, location });
  };
  const groups: RuleGroup[] = [];
  let isRuleFile = false;
  const isEmpty = (n: YNode | null): boolean =>
    n === null || (n.kind === 'scalar' && n.value === '' && n.style === 'PLAIN');

  /**
   * A scalar's text (every scalar is a string, as Go's rulefmt sees them), or undefined with a
   * problem about `what` (`key`, when given, is a map entry's: named only in the problem).
   */
  const text = (n: YNode | null, what: string, key?: string): string | undefined => {
    if (n === null) return '';
    // Go's YAML decodes a null into a string field as "".
    if (n.kind === 'scalar')
      return n.style === 'PLAIN' && n.value.length <= 4 && /^(?:~|null|Null|NULL)$/.test(n.value) ? '' : n.value;
    const name = key === undefined ? what : `${what} ${JSON.stringify(key)}`;
    problem('file/format', `${name} must be a string`, 'write it as a plain or quoted YAML string', where(n));
    return undefined;
  };
  const fileRef: FileRef = { src, file, lines };
  const remember = (site: SourceLocation, value: string, n: YNode | null): void => {
    if (n?.kind === 'scalar')
      locations.register(site, value, { in: fileRef, style: n.style, start: n.start, end: n.end });
  };
  const stringMap = (
    n: YNode | null,
    what: string,
    site: SourceLocation | undefined,
  ): Record<string, string> | undefined => {
    if (isEmpty(n)) return undefined;
    if (n?.kind !== 'map') {
      problem('file/format', `${what} must be a map of names to strings`, 'write name: value pairs', where(n));
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const p of n.items) {
      const v = text(p.value, what, p.key);
      if (v === undefined) continue;
      out[p.key] = v;
      if (site) remember(site, v, p.value);
    }
    return out;
  };
  const unknownKey = (p: YPair, known: readonly string[], what: string): void => {
    problem(
      'rules/fields',
      `${what} has an unknown field ${JSON.stringify(p.key)}`,
      `known fields: ${known.join(', ')}`,
      at(p.keyStart),
    );
  };

  const readRule = (n: YNode | null, group: string, index: number): Rule | undefined => {
    if (n?.kind !== 'map') {
      problem(
        'file/format',
        `rule ${index} of group ${JSON.stringify(group)} must be a map`,
        'a rule has alert or record, and expr',
        where(n),
      );
      return undefined;
    }
    const site = where(n);
    // The rule's fields that are set, in the order written; alert or record become its kind and name.
    const rule: Record<string, unknown> = {};
    let alert: string | undefined;
    let record: string | undefined;
    let exprNode: YNode | null = null;
    for (const p of n.items) {
      if (!RULE_KEYS.includes(p.key)) {
        unknownKey(p, RULE_KEYS, `rule ${index} of group ${JSON.stringify(group)}`);
        continue;
      }
      if (p.key === 'labels' || p.key === 'annotations') {
        const map = stringMap(p.value, p.key, site);
        if (map !== undefined) rule[p.key] = map;
      } else {
        const v = text(p.value, p.key);
        if (v === undefined) continue;
        if (p.key === 'alert') alert = v;
        else if (p.key === 'record') record = v;
        else rule[FIELD_NAMES[p.key] ?? p.key] = v;
        if (p.key === 'expr') exprNode = p.value;
      }
    }
    if ((alert === undefined) === (record === undefined)) {
      problem(
        'rules/fields',
        `rule ${index} of group ${JSON.stringify(group)} needs exactly one of alert or record`,
        'alert: Name for an alerting rule, record: metric:name for a recording rule',
        site,
      );
      return undefined;
    }
    const expr = typeof rule.expr === 'string' ? rule.expr : '';
    remember(site, expr, exprNode);
    // Shaped as the DSL's factories shape them; the values are checked by the same checks.
    rule.expr = expr;
    rule.kind = alert !== undefined ? 'alert' : 'record';
    rule.name = alert ?? record;
    rule.site = site;
    return Object.freeze(rule) as unknown as Rule;
  };

  const readGroup = (n: YNode | null, index: number): void => {
    if (n?.kind !== 'map') {
      problem('file/format', `group ${index} must be a map`, 'a group has name and rules', where(n));
      return;
    }
    const site = where(n);
    const fields: Record<string, unknown> = {};
    let rulesNode: YNode | null = null;
    for (const p of n.items) {
      if (!GROUP_KEYS.includes(p.key)) unknownKey(p, GROUP_KEYS, `group ${index}`);
      else if (p.key === 'rules') rulesNode = p.value;
      else if (p.key === 'labels') fields.labels = stringMap(p.value, 'group labels', undefined);
      else {
        const v = text(p.value, p.key);
        if (v === undefined) continue;
        fields[FIELD_NAMES[p.key] ?? p.key] = p.key === 'limit' && /^\d+$/.test(v) ? Number(v) : v;
      }
    }
    const name = typeof fields.name === 'string' ? fields.name : '';
    const rules: Rule[] = [];
    if (rulesNode?.kind === 'seq')
      rulesNode.items.forEach((r, i) => {
        const rule = readRule(r, name, i + 1);
        if (rule) rules.push(rule);
      });
    else if (!isEmpty(rulesNode))
      problem(
        'file/format',
        `rules of group ${JSON.stringify(name)} must be a list`,
        'write each rule as a list item (- alert: ... or - record: ...)',
        where(rulesNode),
      );
    const group = defined(fields);
    group.name = name;
    group.kind = 'rule-group';
    // A copy of exactly its length: a list grown by push keeps room for 16 (150,000 groups: 18 MB).
    group.rules = Object.freeze(rules.slice());
    group.site = site;
    groups.push(Object.freeze(group) as unknown as RuleGroup);
  };

  const member = (n: YNode | null, key: string): YNode | null | undefined =>
    n?.kind === 'map' ? n.items.find((p) => p.key === key)?.value : undefined;
  const parsed = yamlTrees(src);
  if (parsed.error) {
    problem(
      'file/syntax',
      `invalid YAML: ${parsed.error.message}`,
      'fix the YAML syntax; promtool cannot load the file either',
      at(parsed.error.offset),
    );
    isRuleFile = true;
  }
  // A `kind: List` document (kubectl get -o yaml) holds its objects as items.
  const objects = parsed.docs.flatMap((body): readonly (YNode | null)[] => {
    const kind = member(body, 'kind');
    const items = kind?.kind === 'scalar' && kind.value === 'List' ? member(body, 'items') : undefined;
    return items?.kind === 'seq' ? items.items : [body];
  });
  for (const body of objects) {
    if (body?.kind !== 'map') continue;
    const kind = member(body, 'kind');
    const spec = kind?.kind === 'scalar' && kind.value === 'PrometheusRule' ? (member(body, 'spec') ?? null) : body;
    const list = member(spec, 'groups');
    if (list === undefined) continue;
    isRuleFile = true;
    if (list?.kind !== 'seq') {
      if (!isEmpty(list))
        problem('file/format', 'groups must be a list', 'write each group as a list item (- name: ...)', where(list));
      continue;
    }
    // Each group's part of the tree is let go once read: the tree of a large file (150,000
    // groups: ~200 MB) is otherwise held whole while its rules are made.
    const items = list.items as (YNode | null)[];
    for (let i = 0; i < items.length; i++) {
      const g = items[i] ?? null;
      items[i] = null;
      readGroup(g, i + 1);
    }
  }
  return { isRuleFile, module: { module: file, groups, tests: [] }, diagnostics };
}
