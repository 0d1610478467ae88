/**
 * The library API behind `obs build`: load config → discover → collect → check → emit → write.
 * Data flows one way; nothing is written unless the checks pass.
 */
import { resolve } from 'node:path';
import { Session } from '../core/session.ts';
import { failsBuild, problemCounts, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import { discoverModules } from '../collect/discover.ts';
import { loadProject } from '../collect/load.ts';
import { loadRegistries } from '../collect/registries.ts';
import { bucketBounds } from '../registry/index.ts';
import type { Project } from '../collect/project.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { emitProject, outputPathProblems, type Artifact } from '../emit/index.ts';
import { CHECKS } from '../lint/checks/index.ts';
import { runChecks, type SuppressedProblem, type UnitResult } from '../lint/engine.ts';
import { runMemo, runMemoKey } from '../core/run-memo.ts';
import { emittedTexts } from '../lint/emitted-texts.ts';
import { scanSecrets } from '../lint/secrets.ts';
import { resolveTarget } from '../promql/index.ts';
import { CACHE_AVAILABLE, inputsFingerprint, rememberBuild } from './build-cache.ts';
import { lintOptions } from '../config/lint-options.ts';
import { compareOutDir, isClean, OutDirError, writeOutDir, type TreeDiff } from './out-dir.ts';
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
  /** How long to wait for another build writing the same out/ (default 30 s). */
  readonly lockWaitMs?: number;
  /**
   * The session the build runs in (see core/session.ts): pass the same one to each build of a
   * long-running process (watch mode, an editor). Default: a new one for `root`.
   */
  readonly session?: Session;
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
  return (project.dashboards ?? []).reduce(
    (n, e) => n + (e.dashboard.panels ?? []).length + (e.dashboard.rows ?? []).reduce((m, r) => m + r.panels.length, 0),
    0,
  );
}

/** Check results of rule groups and dashboards, kept in a long-running session (see check-units.ts). */
const CHECK_UNITS = runMemoKey<UnitResult>('pipeline/check-units');
/** Emitted files by what they are made from, kept in a long-running session (see emit/index.ts). */
const EMITTED = runMemoKey<readonly Artifact[]>('pipeline/emitted');
/** amtool's verdicts on the emitted Alertmanager files, kept in a long-running session. */
const AMTOOL_VERDICTS = runMemoKey<Diagnostic[]>('pipeline/amtool');

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const session = opts.session ?? new Session(opts.root);
  if (session.root !== resolve(opts.root))
    throw new Error(`build: the session is for ${session.root}, not ${resolve(opts.root)}`);
  session.beginRun();
  return session.run(() => buildIn(opts));
}

async function buildIn(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const config = await loadConfig(opts.root, opts.target !== undefined ? { version: opts.target } : {});
  // Taken before the definitions load (the config just did), so an edit made while they load or
  // later is not taken as built; files outside the project are stat'ed as each import finishes.
  const inputs =
    opts.cache && !opts.dryRun && CACHE_AVAILABLE ? inputsFingerprint(opts.root, config.outDir) : undefined;
  const modules = discoverModules(opts.root, [
    config.paths.alerts,
    config.paths.recording,
    config.paths.dashboards,
    config.paths.slos,
    config.paths.alertmanager,
  ]);
  opts.onProgress?.({ phase: 'loading', total: modules.length });
  // Registries first: SLOs expand while their modules load, and check latency thresholds against
  // the histogram buckets the registries declare.
  const limits = { timeoutMs: config.load.timeoutMs };
  const registries = await loadRegistries(opts.root, discoverModules(opts.root, [config.paths.registry]), limits);
  const project = await loadProject(opts.root, modules, { buckets: bucketBounds(registries.registries) }, limits);
  const target = resolveTarget(config.prometheus.version, config.prometheus.features);
  opts.onProgress?.({ phase: 'checking' });
  // secretlint's API is asynchronous: the texts are scanned here, the check reports what it found.
  const secrets =
    config.lint.checks['security/secrets'] === 'off'
      ? undefined
      : await scanSecrets(emittedTexts(project).map((t) => t.text));
  // A long-running session (watch mode) checks again only the units a save changed (same result).
  const session = opts.session ? Session.current() : undefined;
  const lint = runChecks(
    project,
    CHECKS,
    lintOptions(config, target, registries.registries, secrets),
    undefined,
    session ? { units: runMemo(session, CHECK_UNITS) } : {},
  );
  const diagnostics = [...project.diagnostics, ...registries.diagnostics, ...lint.diagnostics];
  let ok = !diagnostics.some((d) => failsBuild(d, config.lint.failOn));
  if (ok && opts.emit !== false) opts.onProgress?.({ phase: 'emitting' });
  let files =
    ok && opts.emit !== false
      ? emitProject(
          project,
          { rules: config.rules, dashboards: config.dashboards, alertmanager: config.alertmanager },
          session && runMemo(session, EMITTED),
        )
      : [];
  // Two files on one path, names only case tells apart, names too long: never written (not gated by lint.checks).
  const pathProblems = outputPathProblems(files, config.outDir);
  if (pathProblems.length) {
    diagnostics.push(...pathProblems);
    ok = false;
    files = [];
  }
  // The real Alertmanager's verdict on what was emitted, when amtool is installed.
  const amtool = project.alertmanager && files.length ? findAmtoolBinary() : undefined;
  if (amtool && project.alertmanager) {
    diagnostics.push(...amtoolCheck(amtool, files, project.alertmanager, session && runMemo(session, AMTOOL_VERDICTS)));
    if (diagnostics.some((d) => failsBuild(d, config.lint.failOn))) {
      ok = false;
      files = [];
    }
  }
  // One collect/module-error per module that failed to load.
  const loaded = modules.length - project.diagnostics.filter((d) => d.checkId === 'collect/module-error').length;
  const groups = project.modules.flatMap((m) => m.groups);
  const rules = groups.flatMap((g) => g.rules);
  const counts = {
    module: loaded,
    'rule group': groups.length,
    alert: rules.filter((r) => r.kind === 'alert').length,
    'recording rule': rules.filter((r) => r.kind === 'record').length,
    'rule test': project.modules.reduce((n, m) => n + m.tests.length, 0),
    // Only projects with dashboards show dashboard counts (rules-only projects keep their summary).
    ...(project.dashboards?.length
      ? { dashboard: project.dashboards.length, panel: dashboardPanelCount(project) }
      : {}),
    // Only projects that define SLOs see them counted.
    ...(project.slos?.length ? { slo: project.slos.length } : {}),
  };
  // Recorded while out/ is locked, so the record pairs these inputs with the out/ this build wrote.
  const remember = (): void => {
    if (inputs !== undefined)
      rememberBuild(opts.root, inputs, {
        outDir: config.outDir,
        failOn: config.lint.failOn,
        diagnostics,
        suppressed: lint.suppressed,
        counts,
        files: files.length,
      });
  };
  let diff: TreeDiff | undefined;
  if (ok && !opts.dryRun) opts.onProgress?.({ phase: 'writing' });
  try {
    if (ok && opts.check) {
      diff = compareOutDir(opts.root, config.outDir, files);
      if (isClean(diff)) remember();
    } else if (ok && !opts.dryRun) {
      diff = await writeOutDir(opts.root, config.outDir, files, {
        ...(opts.lockWaitMs !== undefined ? { lockWaitMs: opts.lockWaitMs } : {}),
        whileLocked: remember,
      });
    }
  } catch (e) {
    if (!(e instanceof OutDirError)) throw e;
    diagnostics.push({
      checkId: 'build/out-dir',
      severity: 'error',
      message: e.message,
      hint: 'nothing was written; fix the cause and build again',
    });
    ok = false;
    files = [];
  }
  return {
    ok: ok && (!opts.check || (diff !== undefined && isClean(diff))),
    config,
    project,
    diagnostics,
    suppressed: lint.suppressed,
    files,
    ...(diff ? { diff } : {}),
    summary: {
      // Every definition module loaded, not only those with rules (dashboard-only modules count).
      modules: loaded,
      groups: groups.length,
      alerts: rules.filter((r) => r.kind === 'alert').length,
      records: rules.filter((r) => r.kind === 'record').length,
      tests: counts['rule test'],
      files: files.length,
      problems: problemCounts(diagnostics),
      ms: Math.round(performance.now() - started),
      counts,
    },
  };
}
