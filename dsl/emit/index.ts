/** Project → every generated file, sorted by path. Emitters never re-check: the build gates on lint first. */
import type { Project } from '../collect/project.ts';
import type { Artifact } from './artifact.ts';
import { DEFAULT_ALERTMANAGER } from '../alertmanager/index.ts';
import { emitDashboards, type DashboardEmitOptions } from './dashboards.ts';
import { emitRules, rulesFilePath, type RuleEmitOptions } from './rules.ts';
import { emitUnitTests } from './unit-tests.ts';
import { emitAlertmanager } from './alertmanager.ts';

export interface EmitOptions {
  readonly rules: RuleEmitOptions;
  /** Default: classic JSON, provisioned from /var/lib/grafana/dashboards. */
  readonly dashboards?: DashboardEmitOptions;
  /** The Alertmanager release the configuration is written for (default 0.25). */
  readonly alertmanager?: { readonly version: string };
}

export function emitProject(project: Project, opts: EmitOptions): Artifact[] {
  const files = [...emitRules(project.modules, opts.rules), ...emitUnitTests(project.modules), ...emitDashboards(project.dashboards ?? [], opts.dashboards),
    ...emitAlertmanager(project.alertmanager, opts.alertmanager?.version ?? DEFAULT_ALERTMANAGER)];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`internal: two artifacts want ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { Artifact } from './artifact.ts';
export { rulesFilePath };
export { ALERTMANAGER_FILE, alertmanagerYaml, templateFilePath } from './alertmanager.ts';
export { testFilePath, testFilesOf } from './unit-tests.ts';
export { dashboardFilePath, dashboardJson, DEFAULT_DASHBOARD_EMIT, type DashboardEmitOptions, type DashboardFormat } from './dashboards.ts';

/** Modules whose sanitized names would write the same file. */
export function outputCollisions(project: Project): { path: string; modules: string[] }[] {
  const byPath = new Map<string, string[]>();
  for (const m of project.modules) {
    if (m.groups.length === 0) continue;
    const p = rulesFilePath(m.module);
    byPath.set(p, [...(byPath.get(p) ?? []), m.module]);
  }
  return [...byPath].filter(([, ms]) => ms.length > 1).map(([path, modules]) => ({ path, modules }));
}
