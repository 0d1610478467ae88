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
  // Two files may want one path here (modules `a_b.ts` and `a-b.ts`): outputPathProblems reports them.
  const files = [
    ...emitRules(project.modules, opts.rules),
    ...emitUnitTests(project.modules),
    ...emitDashboards(project.dashboards ?? [], opts.dashboards),
    ...emitAlertmanager(project.alertmanager, opts.alertmanager?.version ?? DEFAULT_ALERTMANAGER),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { Artifact } from './artifact.ts';
export { rulesFilePath };
export { ALERTMANAGER_FILE, alertmanagerYaml, templateFilePath } from './alertmanager.ts';
export { testFilePath, testFilesOf } from './unit-tests.ts';
export {
  dashboardFilePath,
  dashboardJson,
  DEFAULT_DASHBOARD_EMIT,
  type DashboardEmitOptions,
  type DashboardFormat,
} from './dashboards.ts';
export { outputPathProblems } from './output-paths.ts';
