/**
 * One of `count` parts of a project, for checking it in parallel: rule groups and dashboards are
 * split, in order, into contiguous runs of about equal work (rules, panels). A group's rules and a
 * dashboard's panels stay together, so every check that judges one definition sees all of it.
 */
import type { Project } from '../collect/project.ts';

export interface Shard {
  /** 0-based; shard 0 also runs the checks that compare definitions across the project. */
  readonly index: number;
  readonly count: number;
}

export function shardOf(project: Project, shard: Shard): Project {
  const units: { item: object; weight: number }[] = [];
  for (const m of project.modules)
    for (const g of m.groups) units.push({ item: g, weight: Math.max(1, g.rules.length) });
  for (const d of project.dashboards ?? [])
    units.push({
      item: d,
      weight: 1 + (d.dashboard.panels?.length ?? 0) + (d.dashboard.rows ?? []).reduce((n, r) => n + r.panels.length, 0),
    });
  const total = units.reduce((n, u) => n + u.weight, 0);
  const mine = new Set<object>();
  let before = 0;
  for (const u of units) {
    if (Math.min(shard.count - 1, Math.floor((before * shard.count) / total)) === shard.index) mine.add(u.item);
    before += u.weight;
  }
  return {
    ...project,
    modules: project.modules.map((m) => ({ ...m, groups: m.groups.filter((g) => mine.has(g)) })),
    ...(project.dashboards ? { dashboards: project.dashboards.filter((d) => mine.has(d)) } : {}),
  };
}
