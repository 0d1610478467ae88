/** Project → every generated file, sorted by path. Emitters never re-check: the build gates on lint first. */
import { entryDigest, nameDashboards, type DashboardEntry } from '../collect/dashboards.ts';
import type { Project } from '../collect/project.ts';
import type { Artifact } from './artifact.ts';
import { DEFAULT_ALERTMANAGER } from '../alertmanager/index.ts';
import { digestOfAll } from '../core/definition-digest.ts';
import type { RunMemo } from '../core/run-memo.ts';
import {
  DEFAULT_DASHBOARD_EMIT,
  dashboardProvisioning,
  emitContext,
  emitDashboard,
  type DashboardEmitOptions,
} from './dashboards.ts';
import { emitModuleRules, rulesFilePath, type RuleEmitOptions } from './rules.ts';
import { emitModuleTests, groupModules } from './unit-tests.ts';
import { emitAlertmanager } from './alertmanager.ts';

export interface EmitOptions {
  readonly rules: RuleEmitOptions;
  /** Default: classic JSON, provisioned from /var/lib/grafana/dashboards. */
  readonly dashboards?: DashboardEmitOptions;
  /** The Alertmanager release the configuration is written for (default 0.25). */
  readonly alertmanager?: { readonly version: string };
}

/**
 * Every file of the project. With `memo` (a long-running session: watch mode), a module's rule
 * and test files, a dashboard's file and the Alertmanager files are made again only when what
 * they are made from changed (its definition's digest, the options; see core/definition-digest.ts):
 * the rest are the files the previous run made, byte for byte what making them again would give.
 */
export function emitProject(project: Project, opts: EmitOptions, memo?: RunMemo<readonly Artifact[]>): Artifact[] {
  /** `make()`, or the files it made for the same `key` in an earlier run. */
  const made = (key: readonly unknown[] | undefined, make: () => Artifact[]): readonly Artifact[] => {
    const digest = memo && key && digestOfAll(key);
    if (!memo || !digest) return make();
    let files = memo.get(digest.hash);
    if (!files) memo.set(digest.hash, (files = make()));
    return files;
  };
  const dashboards = project.dashboards ?? [];
  const dashboardOptions = opts.dashboards ?? DEFAULT_DASHBOARD_EMIT;
  const version = opts.alertmanager?.version ?? DEFAULT_ALERTMANAGER;
  const moduleOf = groupModules(project.modules);
  nameDashboards(dashboards);
  const ctx = emitContext(dashboards);
  // Two files may want one path here (modules `a_b.ts` and `a-b.ts`): outputPathProblems reports them.
  const files = [
    ...project.modules.flatMap((m) => [
      ...made(['rules', opts.rules, m.module, m.groups, m.prometheusRules ?? null], () =>
        emitModuleRules(m, opts.rules),
      ),
      // A test file names the rule files of the groups it tests.
      ...made(['tests', m.module, m.tests, m.tests.map((t) => t.groups.map((g) => moduleOf.get(g) ?? null))], () =>
        emitModuleTests(m, moduleOf),
      ),
    ]),
    ...dashboards.flatMap((e) =>
      made(entryKey(e, dashboardOptions.format), () => [emitDashboard(e, ctx, dashboardOptions.format)]),
    ),
    ...(dashboards.length ? [dashboardProvisioning(dashboards, dashboardOptions)] : []),
    ...made(['alertmanager', version, project.alertmanager ?? null], () =>
      emitAlertmanager(project.alertmanager, version),
    ),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What a dashboard's file is made from: the entry (links to project dashboards by uid) and the format. */
function entryKey(e: DashboardEntry, format: string): unknown[] | undefined {
  const d = entryDigest(e);
  return d && ['dashboard', format, d.hash];
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
