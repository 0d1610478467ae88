/**
 * Which panels of a dashboard a change touched, for outlining them on the before/after page. Panels
 * are matched by what they are (same content; else same type and title; else same type and
 * queries), never by array position or generated id, so inserting a panel marks one panel added.
 */
import { stableJson } from '../core/stable-json.ts';
import type { DashboardJson, PanelJson, PanelMark } from './model.ts';
import { allPanels } from './panels.ts';

export interface DashboardChanges {
  /** Panel key (see panels.ts) → mark, for each side. Unmarked panels are unchanged. */
  readonly before: Readonly<Record<string, PanelMark>>;
  readonly after: Readonly<Record<string, PanelMark>>;
  /** For a changed panel of the after side: the settings that differ (targets, fieldConfig, options...). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Variables whose definition changed, was added or removed (by name). */
  readonly variables: readonly string[];
  /** Settings of the dashboard itself (title, time, tags, links...) that changed. */
  readonly settings: readonly string[];
  readonly changed: boolean;
}

const stable = (v: unknown): string => stableJson(v);

/** A panel's content without what placement and generation decide (id, position, a row's children). */
function content(p: PanelJson): string {
  const { id: _id, gridPos: _g, panels: _p, ...rest } = p;
  return stable(rest);
}

const titleKey = (p: PanelJson): string => `${p.type ?? ''}\u0000${(p.title ?? '').trim()}`;
const queryKey = (p: PanelJson): string =>
  `${p.type ?? ''}\u0000${(p.targets ?? []).map((t) => (t?.expr ?? '').replace(/\s+/g, ' ')).join('\u0001')}`;

interface Side {
  key: string;
  panel: PanelJson;
}

export function dashboardChanges(before: DashboardJson, after: DashboardJson): DashboardChanges {
  const a: Side[] = allPanels(before.panels ?? []).map(({ key, panel }) => ({ key, panel }));
  const b: Side[] = allPanels(after.panels ?? []).map(({ key, panel }) => ({ key, panel }));
  const markA: Record<string, PanelMark> = {};
  const markB: Record<string, PanelMark> = {};
  const fields: Record<string, string[]> = {};
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  const pairs: [Side, Side][] = [];
  const pass = (keyOf: (p: PanelJson) => string): void => {
    const pool = new Map<string, Side[]>();
    for (const s of a) if (!usedA.has(s.key)) pool.set(keyOf(s.panel), [...(pool.get(keyOf(s.panel)) ?? []), s]);
    for (const s of b) {
      if (usedB.has(s.key)) continue;
      const match = pool.get(keyOf(s.panel))?.shift();
      if (!match) continue;
      usedA.add(match.key);
      usedB.add(s.key);
      pairs.push([match, s]);
    }
  };
  pass(content);
  pass(titleKey);
  pass(queryKey);
  // A panel drawn as another type (bar gauge → pie chart) is still the same panel: same title, or same queries.
  pass((p) => (p.title?.trim() ? `title\u0000${p.title.trim()}` : `untitled\u0000${p.type ?? ''}`));
  pass((p) =>
    (p.targets ?? []).length > 0 ? queryKey({ ...p, type: '' }) : `noquery\u0000${p.type ?? ''}\u0000${content(p)}`,
  );
  // Moved: a different size or column, or another place in the reading order of the panels both sides
  // have. Panels pushed down by an inserted one keep their order: they are not moved.
  const order = (side: Side[]): Map<string, number> =>
    new Map(
      [...side]
        .filter((s) => (side === a ? usedA : usedB).has(s.key))
        .sort(
          (x, y) =>
            (x.panel.gridPos?.y ?? 0) - (y.panel.gridPos?.y ?? 0) ||
            (x.panel.gridPos?.x ?? 0) - (y.panel.gridPos?.x ?? 0),
        )
        .map((s, i) => [s.key, i]),
    );
  const rankA = order(a);
  const rankB = order(b);
  for (const [pa, pb] of pairs) {
    const ga = pa.panel.gridPos;
    const gb = pb.panel.gridPos;
    const moved = ga?.x !== gb?.x || ga?.w !== gb?.w || ga?.h !== gb?.h || rankA.get(pa.key) !== rankB.get(pb.key);
    const differing = [...new Set([...Object.keys(pa.panel), ...Object.keys(pb.panel)])]
      .filter((k) => !['id', 'gridPos', 'panels'].includes(k) && stable(pa.panel[k]) !== stable(pb.panel[k]))
      .sort();
    const mark: PanelMark | undefined = differing.length > 0 ? 'changed' : moved ? 'moved' : undefined;
    if (!mark) continue;
    markA[pa.key] = mark;
    markB[pb.key] = mark;
    if (differing.length > 0) fields[pb.key] = differing;
  }
  for (const s of a) if (!usedA.has(s.key)) markA[s.key] = 'removed';
  for (const s of b) if (!usedB.has(s.key)) markB[s.key] = 'added';

  const vars = (d: DashboardJson): Map<string, string> =>
    new Map((d.templating?.list ?? []).filter((v) => v && typeof v.name === 'string').map((v) => [v.name, stable(v)]));
  const va = vars(before);
  const vb = vars(after);
  const variables = [...new Set([...va.keys(), ...vb.keys()])].filter((n) => va.get(n) !== vb.get(n)).sort();
  const settings = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(
      (k) =>
        !['panels', 'templating', 'version', 'id', 'schemaVersion'].includes(k) &&
        stable(before[k]) !== stable(after[k]),
    )
    .sort();
  // A move alone changes what the reviewer sees only when the layout differs; it counts as a change.
  const changed = Object.keys(markA).length + Object.keys(markB).length + variables.length + settings.length > 0;
  return { before: markA, after: markB, fields, variables, settings, changed };
}
