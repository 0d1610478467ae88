/**
 * Rule files (rulefmt YAML) diffed by group and rule: groups keyed by file and name, rules by kind
 * and name (with their labels when a name repeats in a group). Expressions are compared as tokens,
 * durations by their value, labels and annotations per key.
 */
import { parse } from 'yaml';
import { parseDuration } from '../core/duration.ts';
import { ruleFilePaths } from '../emit/rules.ts';
import { constantDeltas, constantText, isConstant, normalizeExpr, tokens } from './expr.ts';
import { diffRecords } from './keyed.ts';
import { matchEntities } from './match.ts';
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

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

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
    fields: Object.fromEntries(
      ['interval', 'limit', 'query_offset'].flatMap((k) => (g[k] === undefined ? [] : [[k, str(g[k]) ?? '']])),
    ),
    labels: strings(g.labels),
    rules: (Array.isArray(g.rules) ? (g.rules as Record<string, unknown>[]) : []).map((r) => ({
      kind: r.alert !== undefined ? ('alert' as const) : ('record' as const),
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
    const constants = constantDeltas(a.expr, b.expr);
    out.push({
      field: 'expr',
      before: a.expr.trim(),
      after: b.expr.trim(),
      ...(constants?.length ? { note: constants.map((c) => constantText(c)).join('; '), constants } : {}),
      impact: 'behaviour',
    });
  }
  for (const f of ['for', 'keep_firing_for'] as const) {
    if (!sameDuration(a[f], b[f]))
      out.push({
        field: f,
        ...(a[f] !== undefined ? { before: a[f] } : {}),
        ...(b[f] !== undefined ? { after: b[f] } : {}),
        impact: 'behaviour',
      });
  }
  // Alert labels route notifications; recording rule labels are part of the recorded series.
  for (const c of diffRecords('labels', a.labels, b.labels)) out.push({ ...c, impact: 'behaviour' });
  for (const c of diffRecords('annotations', a.annotations, b.annotations)) out.push({ ...c, impact: 'presentation' });
  return out;
}

const labelKey = (r: RuleDoc): string => JSON.stringify(Object.entries(r.labels).sort());

/** The expression with its numbers and durations masked: equal for rules that differ only in thresholds or ranges. */
const shape = (expr: string): string =>
  tokens(expr)
    .map((t) => (isConstant(t) ? '#' : t))
    .join(' ');

/**
 * Rules matched by identity, in stages: kind, name and labels; kind and name (when a name is not
 * repeated unevenly); kind and expression (the same rule renamed); kind, labels and the expression's
 * shape with its numbers masked (renamed, thresholds changed). Never by position in the group.
 */
function diffRules(a: readonly RuleDoc[], b: readonly RuleDoc[]): EntityChange[] {
  const m = matchEntities(a, b, {
    stages: [
      { name: 'same', key: (r) => `${r.kind} ${r.name} ${labelKey(r)}` },
      { name: 'same', key: (r) => `${r.kind} ${r.name}` },
      { name: 'renamed', key: (r) => `${r.kind} ${normalizeExpr(r.expr)}` },
      { name: 'renamed', key: (r) => `${r.kind} ${labelKey(r)} ${shape(r.expr)}` },
    ],
  });
  const out: EntityChange[] = [];
  const at = new Map(b.map((r, i) => [r, i]));
  for (const { before: x, after: y } of [...m.pairs].sort((p, q) => (at.get(p.after) ?? 0) - (at.get(q.after) ?? 0))) {
    const fields = ruleFields(x, y);
    if (x.name !== y.name)
      out.push(entity({ entity: x.kind, change: 'renamed', name: y.name, from: x.name, impact: 'identity', fields }));
    else if (fields.length) out.push(entity({ entity: x.kind, change: 'changed', name: y.name, fields }));
  }
  for (const x of m.removed) out.push(entity({ entity: x.kind, change: 'removed', name: x.name, impact: 'identity' }));
  for (const y of m.added) out.push(entity({ entity: y.kind, change: 'added', name: y.name, impact: 'behaviour' }));
  return out;
}

function groupFields(a: GroupDoc, b: GroupDoc): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of ['interval', 'limit', 'query_offset']) {
    const x = a.fields[k];
    const y = b.fields[k];
    if (!sameDuration(x, y))
      out.push({
        field: k,
        ...(x !== undefined ? { before: x } : {}),
        ...(y !== undefined ? { after: y } : {}),
        impact: 'behaviour',
      });
  }
  for (const c of diffRecords('labels', a.labels, b.labels)) out.push({ ...c, impact: 'behaviour' });
  return out;
}

export function diffRuleGroups(before: readonly GroupDoc[], after: readonly GroupDoc[]): EntityChange[] {
  // By file and name; the same group name in another file (a module renamed or moved) is a move.
  const m = matchEntities(before, after, {
    stages: [
      { name: 'same', key: (g) => `${g.file}\u0000${g.name}` },
      { name: 'moved', key: (g) => g.name },
    ],
  });
  const out: EntityChange[] = [];
  for (const { before: a, after: b } of m.pairs) {
    const fields = groupFields(a, b);
    const children = diffRules(a.rules, b.rules);
    if (a.file !== b.file)
      out.push(
        entity({ entity: 'rule-group', change: 'moved', name: b.name, file: b.file, from: a.file, fields, children }),
      );
    else if (fields.length || children.length)
      out.push(entity({ entity: 'rule-group', change: 'changed', name: b.name, file: b.file, fields, children }));
  }
  for (const a of m.removed) {
    out.push(
      entity({
        entity: 'rule-group',
        change: 'removed',
        name: a.name,
        file: a.file,
        impact: 'identity',
        children: a.rules.map((r) => entity({ entity: r.kind, change: 'removed', name: r.name, impact: 'identity' })),
      }),
    );
  }
  for (const b of m.added) {
    out.push(
      entity({
        entity: 'rule-group',
        change: 'added',
        name: b.name,
        file: b.file,
        impact: 'behaviour',
        children: b.rules.map((r) => entity({ entity: r.kind, change: 'added', name: r.name, impact: 'behaviour' })),
      }),
    );
  }
  return out.sort((x, y) => (x.file ?? '').localeCompare(y.file ?? '') || x.name.localeCompare(y.name));
}

export type { GroupDoc, RuleDoc };

/** The groups of the rule files of a tree (files that do not parse are left out). */
export function ruleGroupsOf(tree: ReadonlyMap<string, string>): GroupDoc[] {
  return ruleFilePaths([...tree.keys()].sort()).flatMap((p) => parseRuleFile(p, tree.get(p) ?? '') ?? []);
}
