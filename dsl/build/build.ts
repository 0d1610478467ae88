/**
 * The library API behind `obs build`: load config → discover → collect → check → emit → write.
 * Data flows one way; nothing is written unless the checks pass.
 */
import { join } from 'node:path';
import { setProjectRoot } from '../core/call-site.ts';
import { failsBuild, problemCounts, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import { readTree } from '../core/files.ts';
import { discoverModules } from '../collect/discover.ts';
import { loadProject } from '../collect/load.ts';
import { loadRegistries } from '../collect/registries.ts';
import { bucketBounds } from '../registry/index.ts';
import type { Project } from '../collect/project.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { emitProject, outputCollisions, type Artifact } from '../emit/index.ts';
import { CHECKS } from '../lint/checks/index.ts';
import { runChecks, type SuppressedProblem } from '../lint/engine.ts';
import { clearSourceCache } from '../lint/locate.ts';
import { resolveTarget } from '../promql/index.ts';
import { CACHE_AVAILABLE, inputsFingerprint, rememberBuild } from './build-cache.ts';
import { lintOptions } from './lint-options.ts';
import { diffTree, isClean, writeOutDir, type TreeDiff } from './out-dir.ts';
import { amtoolCheck, findAmtoolBinary } from './amtool.ts';

export interface BuildOptions {
  readonly root: string;
  /** Compare with out/ instead of writing it. */
  readonly check?: boolean;
  /** Do not write out/ (used by `obs test` and `obs lint`). */
  readonly dryRun?: boolean;
  /** Check for this Prometheus version instead of the configured one (`obs lint --target`). */
  readonly target?: string;
  /** `false`: check only, generate no files (`obs lint`, which writes nothing and shows no files). */
  readonly emit?: boolean;
  /** Told what the build is doing, for a progress display (the CLI shows it on a terminal only). */
  readonly onProgress?: (p: BuildProgress) => void;
  /**
   * Reuse the last successful build's result when no input and no file of out/ changed since
   * (see build-cache.ts), and remember this one. `obs build` sets it; dry runs never use it.
   */
  readonly cache?: boolean;
}

export interface BuildProgress {
  readonly phase: 'loading' | 'checking' | 'emitting' | 'writing';
  /** While loading: how many modules (they load together). */
  readonly total?: number;
}

export interface BuildSummary {
  readonly modules: number;
  readonly groups: number;
  readonly alerts: number;
  readonly records: number;
  readonly tests: number;
  readonly files: number;
  readonly problems: Readonly<Record<Severity, number>>;
  readonly ms: number;
  /**
   * What the build saw, by singular noun in display order (`{ 'rule group': 3, alert: 5 }`): the
   * summary `obs build` prints. To show a new kind of definition, add its count here.
   */
  readonly counts: Readonly<Record<string, number>>;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly config: ResolvedConfig;
  readonly project: Project;
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
  readonly files: readonly Artifact[];
  /** What differs between out/ and this build (written, or found stale with `check`). */
  readonly diff?: TreeDiff;
  readonly summary: BuildSummary;
}

/** Panels of every dashboard, rows' panels included. */
function dashboardPanelCount(project: Project): number {
  return (project.dashboards ?? []).reduce((n, e) => n + (e.dashboard.panels ?? []).length + (e.dashboard.rows ?? []).reduce((m, r) => m + r.panels.length, 0), 0);
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const config = await loadConfig(opts.root, opts.target !== undefined ? { version: opts.target } : {});
  // Taken before the definitions load (the config just did), so an edit made while they load or
  // later is not taken as built; files outside the project are stat'ed as each import finishes.
  const inputs = opts.cache && !opts.dryRun && CACHE_AVAILABLE ? inputsFingerprint(opts.root, config.outDir) : undefined;
  setProjectRoot(opts.root);
  clearSourceCache();
  const modules = discoverModules(opts.root, [config.paths.alerts, config.paths.recording, config.paths.dashboards, config.paths.slos, config.paths.alertmanager]);
  opts.onProgress?.({ phase: 'loading', total: modules.length });
  // Registries first: SLOs expand while their modules load, and check latency thresholds against
  // the histogram buckets the registries declare.
  const registries = await loadRegistries(opts.root, discoverModules(opts.root, [config.paths.registry]));
  const project = await loadProject(opts.root, modules, { buckets: bucketBounds(registries.registries) });
  const target = resolveTarget(config.prometheus.version, config.prometheus.features);
  opts.onProgress?.({ phase: 'checking' });
  const lint = runChecks(project, CHECKS, lintOptions(config, target, registries.registries));
  const collisions: Diagnostic[] = outputCollisions(project).flatMap((c) => c.modules.map((module) => ({
    checkId: 'collect/output-collision', severity: 'error' as const,
    message: `${c.modules.join(' and ')} would both be written to ${config.outDir}/${c.path}`,
    hint: 'rename one of the modules; output names keep only letters, digits, ".", "_" and "-"',
    location: { file: module, line: 1, column: 1 },
  })));
  const diagnostics = [...project.diagnostics, ...registries.diagnostics, ...collisions, ...lint.diagnostics];
  const checked = !diagnostics.some((d) => failsBuild(d, config.lint.failOn));
  if (checked && opts.emit !== false) opts.onProgress?.({ phase: 'emitting' });
  const emitted = checked && opts.emit !== false ? emitProject(project, { rules: config.rules, dashboards: config.dashboards, alertmanager: config.alertmanager }) : [];
  // The real Alertmanager's verdict on what was emitted, when amtool is installed.
  const amtool = project.alertmanager && emitted.length ? findAmtoolBinary() : undefined;
  if (amtool && project.alertmanager) diagnostics.push(...amtoolCheck(amtool, emitted, project.alertmanager));
  const ok = !diagnostics.some((d) => failsBuild(d, config.lint.failOn));
  const files = ok ? emitted : [];
  const outDir = join(opts.root, config.outDir);
  let diff: TreeDiff | undefined;
  if (ok && !opts.dryRun) opts.onProgress?.({ phase: 'writing' });
  if (ok && opts.check) diff = diffTree(readTree(outDir), files);
  else if (ok && !opts.dryRun) diff = writeOutDir(outDir, files);
  const problems = problemCounts(diagnostics);
  // One collect/module-error per module that failed to load.
  const loaded = modules.length - project.diagnostics.filter((d) => d.checkId === 'collect/module-error').length;
  const groups = project.modules.flatMap((m) => m.groups);
  const rules = groups.flatMap((g) => g.rules);
  const result: BuildResult = {
    ok: ok && (!opts.check || (diff !== undefined && isClean(diff))),
    config, project, diagnostics, suppressed: lint.suppressed, files,
    ...(diff ? { diff } : {}),
    summary: {
      // Every definition module loaded, not only those with rules (dashboard-only modules count).
      modules: loaded, groups: groups.length,
      alerts: rules.filter((r) => r.kind === 'alert').length, records: rules.filter((r) => r.kind === 'record').length,
      tests: project.modules.reduce((n, m) => n + m.tests.length, 0), files: files.length, problems,
      ms: Math.round(performance.now() - started),
      counts: {
        module: loaded, 'rule group': groups.length, alert: rules.filter((r) => r.kind === 'alert').length,
        'recording rule': rules.filter((r) => r.kind === 'record').length, 'rule test': project.modules.reduce((n, m) => n + m.tests.length, 0),
        // Only projects with dashboards show dashboard counts (rules-only projects keep their summary).
        ...(project.dashboards?.length ? { dashboard: project.dashboards.length, panel: dashboardPanelCount(project) } : {}),
        // Only projects that define SLOs see them counted.
        ...(project.slos?.length ? { slo: project.slos.length } : {}),
      },
    },
  };
  if (inputs !== undefined && result.ok && diff !== undefined) {
    rememberBuild(opts.root, inputs, { outDir: config.outDir, failOn: config.lint.failOn, diagnostics, suppressed: lint.suppressed, counts: result.summary.counts, files: files.length });
  }
  return result;
}
