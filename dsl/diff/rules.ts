/**
 * Rule files (rulefmt YAML) diffed by group and rule: groups keyed by file and name, rules by kind
 * and name (with their labels when a name repeats in a group). Expressions are compared as tokens,
 * durations by their value, labels and annotations per key.
 */
import { parse } from 'yaml';
import { parseDuration } from '../core/duration.ts';
import { constantChanges, normalizeExpr } from './expr.ts';
import { diffKeyed, diffRecords, uniqueKeys } from './keyed.ts';
import { entity, type EntityChange, type FieldChange } from './model.ts';

interface RuleDoc {
  readonly kind: 'alert' | 'record';
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

interface GroupDoc {
  readonly file: string;
  readonly name: string;
  readonly fields: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly rules: readonly RuleDoc[];
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x) ?? '';
  return out;
}

/** The groups of a rule file (also a PrometheusRule manifest or Mimir namespace file); undefined when it is not one. */
export function parseRuleFile(file: string, content: string): GroupDoc[] | undefined {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch {
    return undefined;
  }
  const root = doc as { groups?: unknown; kind?: unknown; spec?: { groups?: unknown } } | null;
  const groups = root?.kind === 'PrometheusRule' ? root.spec?.groups : root?.groups;
  if (!Array.isArray(groups)) return undefined;
  return groups.map((g: Record<string, unknown>) => ({
    file,
    name: str(g.name) ?? '',
    fields: Object.fromEntries(['interval', 'limit', 'query_offset'].flatMap((k) => (g[k] === undefined ? [] : [[k, str(g[k]) ?? '']]))),
    labels: strings(g.labels),
    rules: (Array.isArray(g.rules) ? (g.rules as Record<string, unknown>[]) : []).map((r) => ({
      kind: r.alert !== undefined ? 'alert' as const : 'record' as const,
      name: str(r.alert ?? r.record) ?? '',
      expr: str(r.expr) ?? '',
      ...(r.for !== undefined ? { for: str(r.for) ?? '' } : {}),
      ...(r.keep_firing_for !== undefined ? { keep_firing_for: str(r.keep_firing_for) ?? '' } : {}),
      labels: strings(r.labels),
      annotations: strings(r.annotations),
    })),
  }));
}

function sameDuration(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const x = parseDuration(a);
  const y = parseDuration(b);
  return x.ok && y.ok && x.ms === y.ms;
}

function ruleFields(a: RuleDoc, b: RuleDoc): FieldChange[] {
  const out: FieldChange[] = [];
  if (normalizeExpr(a.expr) !== normalizeExpr(b.expr)) {
    const notes = constantChanges(a.expr, b.expr);
    out.push({ field: 'expr', before: a.expr.trim(), after: b.expr.trim(), ...(notes?.length ? { note: notes.join('; ') } : {}), impact: 'behaviour' });
  }
  for (const f of ['for', 'keep_firing_for'] as const) {
    if (!sameDuration(a[f], b[f])) out.push({ field: f, ...(a[f] !== undefined ? { before: a[f] } : {}), ...(b[f] !== undefined ? { after: b[f] } : {}), impact: 'behaviour' });
  }
  // Alert labels route notifications; recording rule labels are part of the recorded series.
  for (const c of diffRecords('labels', a.labels, b.labels)) out.push({ ...c, impact: 'behaviour' });
  for (const c of diffRecords('annotations', a.annotations, b.annotations)) out.push({ ...c, impact: 'presentation' });
  return out;
}

function ruleKeys(rules: readonly RuleDoc[], repeated: ReadonlySet<string>): Map<string, RuleDoc> {
  return uniqueKeys(rules, (r) => {
    const k = `${r.kind} ${r.name}`;
    return repeated.has(k) ? `${k} ${JSON.stringify(Object.entries(r.labels).sort())}` : k;
  });
}

function repeatedNames(...lists: (readonly RuleDoc[])[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    const seen = new Set<string>();
    for (const r of list) {
      const k = `${r.kind} ${r.name}`;
      if (seen.has(k)) out.add(k);
      seen.add(k);
    }
  }
  return out;
}

const ruleLabel = (r: RuleDoc): string => r.name;

function diffRules(a: readonly RuleDoc[], b: readonly RuleDoc[]): EntityChange[] {
  const repeated = repeatedNames(a, b);
  const d = diffKeyed(ruleKeys(a, repeated), ruleKeys(b, repeated));
  const out: EntityChange[] = [];
  for (const [, x, y] of d.common) {
    const fields = ruleFields(x, y);
    if (fields.length) out.push(entity({ entity: x.kind, change: 'changed', name: ruleLabel(y), fields }));
  }
  // A rule removed and one added with the same kind and expression is a rename.
  const added = [...d.added];
  for (const [, x] of d.removed) {
    const i = added.findIndex(([, y]) => y.kind === x.kind && normalizeExpr(y.expr) === normalizeExpr(x.expr));
    if (i >= 0) {
      const [[, y]] = added.splice(i, 1) as [[string, RuleDoc]];
      out.push(entity({ entity: x.kind, change: 'renamed', name: y.name, from: x.name, impact: 'identity', fields: ruleFields({ ...x, name: y.name }, y) }));
    } else out.push(entity({ entity: x.kind, change: 'removed', name: ruleLabel(x), impact: 'identity' }));
  }
  for (const [, y] of added) out.push(entity({ entity: y.kind, change: 'added', name: ruleLabel(y), impact: 'behaviour' }));
  return out;
}

function groupFields(a: GroupDoc, b: GroupDoc): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of ['interval', 'limit', 'query_offset']) {
    const x = a.fields[k];
    const y = b.fields[k];
    if (!sameDuration(x, y)) out.push({ field: k, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}), impact: 'behaviour' });
  }
  for (const c of diffRecords('labels', a.labels, b.labels)) out.push({ ...c, impact: 'behaviour' });
  return out;
}

const groupKey = (g: GroupDoc): string => `${g.file}\u0000${g.name}`;

export function diffRuleGroups(before: readonly GroupDoc[], after: readonly GroupDoc[]): EntityChange[] {
  const d = diffKeyed(uniqueKeys(before, groupKey), uniqueKeys(after, groupKey));
  const out: EntityChange[] = [];
  for (const [, a, b] of d.common) {
    const fields = groupFields(a, b);
    const children = diffRules(a.rules, b.rules);
    if (fields.length || children.length) out.push(entity({ entity: 'rule-group', change: 'changed', name: b.name, file: b.file, fields, children }));
  }
  const added = [...d.added];
  for (const [, a] of d.removed) {
    // The same group name in another file (a module renamed or moved): a move, diffed as one group.
    const i = added.findIndex(([, b]) => b.name === a.name);
    if (i >= 0) {
      const [[, b]] = added.splice(i, 1) as [[string, GroupDoc]];
      const fields = groupFields(a, b);
      out.push(entity({ entity: 'rule-group', change: 'moved', name: b.name, file: b.file, from: a.file, fields, children: diffRules(a.rules, b.rules) }));
      continue;
    }
    out.push(entity({ entity: 'rule-group', change: 'removed', name: a.name, file: a.file, impact: 'identity', children: a.rules.map((r) => entity({ entity: r.kind, change: 'removed', name: r.name, impact: 'identity' })) }));
  }
  for (const [, b] of added) {
    out.push(entity({ entity: 'rule-group', change: 'added', name: b.name, file: b.file, impact: 'behaviour', children: b.rules.map((r) => entity({ entity: r.kind, change: 'added', name: r.name, impact: 'behaviour' })) }));
  }
  return out.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.name.localeCompare(y.name));
}

export type { GroupDoc, RuleDoc };
