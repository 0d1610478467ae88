/**
 * The semantic diff's result: changed entities (rule groups, rules, dashboards, panels, variables,
 * other files), each with the fields that changed and an impact class:
 * - `behaviour`: what fires, what is recorded or what a panel queries (expr, for, thresholds, labels);
 * - `presentation`: what people read (annotations, titles, units, layout);
 * - `identity`: names others refer to (a rename or removal breaks silences, links, dashboards).
 */

import type { ConstantDelta } from './expr.ts';

export type Impact = 'identity' | 'behaviour' | 'presentation';

/** Most severe first; an entity's impact is the most severe of its changes. */
export const IMPACTS: readonly Impact[] = ['identity', 'behaviour', 'presentation'];

export type EntityKind =
  | 'slo'
  | 'rule-group'
  | 'alert'
  | 'record'
  | 'dashboard'
  | 'row'
  | 'panel'
  | 'variable'
  /** Alertmanager: an alert whose receivers changed, a route, a receiver, an inhibit rule. */
  | 'routed-alert'
  | 'route'
  | 'receiver'
  | 'inhibit-rule'
  | 'file';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export interface FieldChange {
  /** e.g. `expr`, `for`, `labels.severity`, `query A`, `unit`, `gridPos`. */
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
  /** What a reviewer should notice, e.g. `threshold > 0.05 → > 0.1`. */
  readonly note?: string;
  /** The constants of an expression that changed, when nothing else did (what `note` says, as data). */
  readonly constants?: readonly ConstantDelta[];
  readonly impact: Impact;
}

export interface EntityChange {
  readonly entity: EntityKind;
  readonly change: ChangeKind;
  /** The entity's name (alert name, panel title, dashboard title, file path). */
  readonly name: string;
  /** The stable id others refer to: a dashboard's uid. */
  readonly key?: string;
  /** Where it lives: the rule file for groups, the dashboard file for dashboards. */
  readonly file?: string;
  /** For panels: the title of the row they are in (after the change; before, for a removed panel). */
  readonly within?: string;
  /** For renames and moves: the old name or place. */
  readonly from?: string;
  readonly impact: Impact;
  readonly fields: readonly FieldChange[];
  /** Rules of a group, panels and variables of a dashboard. */
  readonly children: readonly EntityChange[];
}

export interface DiffSummary {
  /** Changed entities by kind and change, e.g. `{ alert: { changed: 2, added: 1 } }`. */
  readonly counts: Readonly<Partial<Record<EntityKind, Readonly<Partial<Record<ChangeKind, number>>>>>>;
  /** Leaf changes by impact. */
  readonly impact: Readonly<Record<Impact, number>>;
}

export interface SemanticDiff {
  readonly version: 1;
  /** Labels of the two sides, e.g. `origin/main` and `working tree`. */
  readonly base: string;
  readonly head: string;
  readonly changes: readonly EntityChange[];
  readonly summary: DiffSummary;
  /** What was compared, when a reviewer should know (uncommitted changes, the base commit). */
  readonly notes?: readonly string[];
}

export function worstImpact(impacts: readonly Impact[], fallback: Impact = 'presentation'): Impact {
  for (const i of IMPACTS) if (impacts.includes(i)) return i;
  return fallback;
}

export function entity(
  e: Omit<EntityChange, 'impact' | 'children' | 'fields'> & {
    impact?: Impact;
    fields?: readonly FieldChange[];
    children?: readonly EntityChange[];
  },
): EntityChange {
  const fields = e.fields ?? [];
  const children = e.children ?? [];
  const impact = e.impact ?? worstImpact([...fields.map((f) => f.impact), ...children.map((c) => c.impact)]);
  return { ...e, impact, fields, children };
}
