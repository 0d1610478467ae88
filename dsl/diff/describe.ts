/** Words for diff changes, shared by the markdown and text formats. */
import type { ChangeKind, DiffSummary, EntityChange, EntityKind, FieldChange, SemanticDiff } from './model.ts';

const NOUNS: Readonly<Record<EntityKind, [string, string]>> = {
  'rule-group': ['rule group', 'rule groups'],
  alert: ['alert', 'alerts'],
  record: ['recording rule', 'recording rules'],
  dashboard: ['dashboard', 'dashboards'],
  panel: ['panel', 'panels'],
  variable: ['variable', 'variables'],
  file: ['other file', 'other files'],
};
const ORDER: readonly EntityKind[] = ['alert', 'record', 'rule-group', 'dashboard', 'panel', 'variable', 'file'];
const CHANGES: readonly ChangeKind[] = ['changed', 'added', 'removed', 'renamed', 'moved'];

export function noun(kind: EntityKind, n = 1): string {
  return NOUNS[kind][n === 1 ? 0 : 1];
}

/** `2 alerts changed, 1 added; 1 dashboard changed`; empty when nothing changed. */
export function summaryText(s: DiffSummary): string {
  const parts: string[] = [];
  for (const kind of ORDER) {
    const c = s.counts[kind];
    if (!c) continue;
    const total = CHANGES.reduce((n, k) => n + (c[k] ?? 0), 0);
    const byChange = CHANGES.filter((k) => c[k]).map((k, i) => (i === 0 ? `${c[k]} ${noun(kind, total)} ${k}` : `${c[k]} ${k}`));
    parts.push(byChange.join(', '));
  }
  return parts.join('; ');
}

export function impactText(s: DiffSummary): string {
  return (['identity', 'behaviour', 'presentation'] as const).filter((i) => s.impact[i] > 0).map((i) => `${s.impact[i]} ${i}`).join(', ');
}

export function headline(d: SemanticDiff): string {
  const what = summaryText(d.summary);
  return what ? `${what} (impact: ${impactText(d.summary)})` : 'no semantic changes';
}

/** One field change in words; `code` wraps values (backticks in markdown). */
export function fieldText(f: FieldChange, code: (s: string) => string): string {
  if (f.note) return `${f.field}: ${f.note.replace(/(threshold|range|offset) (.*) → (.*)/g, (_, k: string, a: string, b: string) => `${k} ${code(a)} → ${code(b)}`)}`;
  if (f.field === 'expr' || f.field.startsWith('query ')) {
    if (f.before === undefined) return `${f.field} added`;
    if (f.after === undefined) return `${f.field} removed`;
    return `${f.field} changed`;
  }
  if (f.before === undefined) return `${f.field} added: ${code(f.after ?? '')}`;
  if (f.after === undefined) return `${f.field} removed (was ${code(f.before)})`;
  return `${f.field}: ${code(f.before)} → ${code(f.after)}`;
}

export function changeText(c: EntityChange, code: (s: string) => string): string {
  if (c.change === 'added') return 'added';
  if (c.change === 'removed') return 'removed';
  const head = c.change === 'renamed' ? [`renamed from ${code(c.from ?? '')}`] : c.change === 'moved' && c.from ? [`moved from ${code(c.from)}`] : [];
  return [...head, ...c.fields.map((f) => fieldText(f, code))].join('; ') || c.change;
}

/** Expression changes that need the whole text shown (not just a number that moved). */
export function exprDetails(c: EntityChange): FieldChange[] {
  return c.fields.filter((f) => (f.field === 'expr' || f.field.startsWith('query ')) && !f.note && (f.before !== undefined || f.after !== undefined));
}
