/** Words for diff changes, shared by the markdown and text formats. */
import { constantText, type ConstantDelta } from './expr.ts';
import type { ChangeKind, DiffSummary, EntityChange, EntityKind, FieldChange, SemanticDiff } from './model.ts';

const NOUNS: Readonly<Record<EntityKind, [string, string]>> = {
  slo: ['SLO', 'SLOs'],
  row: ['row', 'rows'],
  'rule-group': ['rule group', 'rule groups'],
  alert: ['alert', 'alerts'],
  record: ['recording rule', 'recording rules'],
  dashboard: ['dashboard', 'dashboards'],
  panel: ['panel', 'panels'],
  variable: ['variable', 'variables'],
  'routed-alert': ['routed alert', 'routed alerts'],
  route: ['route', 'routes'],
  receiver: ['receiver', 'receivers'],
  'inhibit-rule': ['inhibit rule', 'inhibit rules'],
  file: ['other file', 'other files'],
};
const ORDER: readonly EntityKind[] = [
  'slo',
  'alert',
  'record',
  'rule-group',
  'routed-alert',
  'route',
  'receiver',
  'inhibit-rule',
  'dashboard',
  'row',
  'panel',
  'variable',
  'file',
];
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
    const byChange = CHANGES.filter((k) => c[k]).map((k, i) =>
      i === 0 ? `${c[k]} ${noun(kind, c[k])} ${k}` : `${c[k]} ${k}`,
    );
    parts.push(byChange.join(', '));
  }
  return parts.join('; ');
}

export function impactText(s: DiffSummary): string {
  return (['identity', 'behaviour', 'presentation'] as const)
    .filter((i) => s.impact[i] > 0)
    .map((i) => `${s.impact[i]} ${i}`)
    .join(', ');
}

export function headline(d: SemanticDiff): string {
  const what = summaryText(d.summary);
  return what ? `${what} (impact: ${impactText(d.summary)})` : 'no semantic changes';
}

/** Deltas in order, equal ones once with how often: `threshold > 0.05 → > 0.1 (×2)`. */
export function constantsText(cs: readonly ConstantDelta[], code: (s: string) => string): string {
  const seen = new Map<string, number>();
  for (const c of cs) {
    const t = constantText(c, code);
    seen.set(t, (seen.get(t) ?? 0) + 1);
  }
  return [...seen].map(([t, n]) => (n > 1 ? `${t} (×${n})` : t)).join('; ');
}

/** Texts up to this long are shown whole; longer ones as the part that differs. */
const WHOLE = 60;
const CONTEXT = 24;

/**
 * The part of two texts that differs, with a little context and `…` where text is left out:
 * `…the 99.9% objective…` → `…the 99.95% objective…`. Whole texts when both are short.
 */
export function textDelta(a: string, b: string): [string, string] {
  if (a.length <= WHOLE && b.length <= WHOLE) return [a, b];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // Widen to whole words, then add context.
  const start = Math.max(0, a.lastIndexOf(' ', Math.max(0, p - CONTEXT)) + 1);
  const cut = (t: string): string => {
    const diffEnd = t.length - s;
    const ctxEnd = t.indexOf(' ', Math.min(t.length, diffEnd + CONTEXT));
    const end = ctxEnd < 0 || ctxEnd < diffEnd ? t.length : ctxEnd;
    return `${start > 0 ? '…' : ''}${t.slice(start, end)}${end < t.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

/** A value added or removed, cut after WHOLE characters at a word. */
function clip(t: string): string {
  if (t.length <= WHOLE) return t;
  const end = t.lastIndexOf(' ', WHOLE);
  return `${t.slice(0, end > WHOLE / 2 ? end : WHOLE)}…`;
}

/** How a format writes values (`code`: backticks in markdown) and plain words (`text`: escaped in markdown). */
export interface Ink {
  readonly code: (s: string) => string;
  readonly text: (s: string) => string;
}

/** One field change in words. */
export function fieldText(f: FieldChange, ink: Ink): string {
  const name = ink.text(f.field);
  if (f.constants?.length) return `${name}: ${constantsText(f.constants, ink.code)}`;
  if (f.before === undefined && f.after === undefined) return f.note ? `${name}: ${ink.text(f.note)}` : name;
  if (f.field === 'expr' || /^query \S+$/.test(f.field)) {
    if (f.before === undefined) return `${name} added`;
    if (f.after === undefined) return `${name} removed`;
    return `${name} changed`;
  }
  if (f.before === undefined) return `${name} added: ${ink.code(clip(f.after ?? ''))}`;
  if (f.after === undefined) return `${name} removed (was ${ink.code(clip(f.before))})`;
  const [x, y] = textDelta(f.before, f.after);
  return `${name}: ${ink.code(x)} → ${ink.code(y)}${f.note ? `: ${ink.text(f.note)}` : ''}`;
}

/** Queries whose constants changed alike are named once: `queries A, B, C: 0.001 → 0.0005`. */
function mergedFields(fields: readonly FieldChange[], ink: Ink): string[] {
  const out: { text: string; refs: string[]; rest: string }[] = [];
  for (const f of fields) {
    const ref = /^query (\S+)$/.exec(f.field)?.[1];
    if (ref !== undefined && f.constants?.length) {
      const rest = constantsText(f.constants, ink.code);
      const last = out[out.length - 1];
      if (last && last.refs.length && last.rest === rest) {
        last.refs.push(ref);
        continue;
      }
      out.push({ text: '', refs: [ref], rest });
      continue;
    }
    out.push({ text: fieldText(f, ink), refs: [], rest: '' });
  }
  return out.map((o) =>
    o.refs.length > 1
      ? `${ink.text(`queries ${o.refs.join(', ')}`)}: ${o.rest}`
      : o.refs.length
        ? `${ink.text(`query ${o.refs[0]}`)}: ${o.rest}`
        : o.text,
  );
}

export function changeText(c: EntityChange, ink: Ink): string {
  // An alert's receivers before → after: what the reviewer asks of a routing change.
  const moved = c.entity === 'routed-alert' ? c.fields.find((f) => f.field === 'receivers') : undefined;
  if (moved) return `${ink.code(moved.before ?? '')} → ${ink.code(moved.after ?? '')}`;
  // Additions and removals carry only what they affect (the alerts a new route or inhibit rule takes).
  if (c.change === 'added' || c.change === 'removed') return [c.change, ...mergedFields(c.fields, ink)].join('; ');
  const head =
    c.change === 'renamed'
      ? [`renamed from ${ink.code(c.from ?? '')}`]
      : c.change === 'moved'
        ? [c.from ? `moved from ${ink.code(c.from)}` : 'moved']
        : [];
  return [...head, ...mergedFields(c.fields, ink)].join('; ') || c.change;
}

/** An SLO change in one sentence: `SLO checkout-api availability objective 99.9 % → 99.95 %: burn-rate thresholds ...`. */
export function sloText(c: EntityChange, ink: Ink): string {
  const what =
    c.change === 'changed'
      ? c.fields
          .map((f) =>
            f.field === 'alerts'
              ? ink.text(f.note ?? '')
              : `${ink.text(f.field)} ${ink.code(f.before ?? '')} → ${ink.code(f.after ?? '')}${f.note ? `: ${ink.text(f.note)}` : ''}`,
          )
          .join('; ') || `generated rules changed (${c.children.length} ${noun('rule-group', c.children.length)})`
      : c.change;
  return `SLO ${ink.code(c.name)} ${what}`;
}

/** Expression changes that need the whole text shown (not just a number that moved). */
export function exprDetails(c: EntityChange): FieldChange[] {
  return c.fields.filter(
    (f) =>
      (f.field === 'expr' || /^query \S+$/.test(f.field)) &&
      !f.constants?.length &&
      (f.before !== undefined || f.after !== undefined),
  );
}
