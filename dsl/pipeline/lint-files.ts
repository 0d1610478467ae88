/**
 * The library API behind `obs lint`: the TS project's checks without writing anything, and the
 * same checks on plain files (Prometheus rule YAML, Grafana dashboard JSON) so teams can adopt them
 * before moving to TS. Rule files become the DSL's RuleGroup/Rule values and go through the one
 * lint engine; dashboard queries go through the PromQL checker with Grafana variables substituted.
 */
import { Session } from '../core/session.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { compareDiagnostics, SEVERITY_RANK, type Diagnostic, type Severity } from '../core/diagnostic.ts';
import { packageVersion } from '../core/package-root.ts';
import { posixRelative } from '../core/files.ts';
import { discoverModules } from '../collect/discover.ts';
import { readDashboardFile, type DashboardText } from '../collect/grafana-json.ts';
import { readSourceText, type SourceText } from '../collect/source-file.ts';
import { loadRegistries } from '../collect/registries.ts';
import { readRuleFile, YamlTextLocations } from '../collect/yaml-rules.ts';
import { cachedBuild } from './build-cache.ts';
import { lintOptions } from '../config/lint-options.ts';
import type { ModuleDefinitions, Project } from '../collect/project.ts';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import type { CheckInfo, LintOptions } from '../lint/check.ts';
import { CHECKS } from '../lint/checks/index.ts';
import { emittedTexts } from '../lint/emitted-texts.ts';
import { scanSecrets, secretReport } from '../lint/secrets.ts';
import { mergeResults, runChecks, type LintResult, type SuppressedProblem, type UnitResult } from '../lint/engine.ts';
import type { RegistryData } from '../registry/index.ts';
import { shardCount, startShardWorkers, type ShardWorkers } from './lint-shards.ts';
import { formatTarget, resolveTarget } from '../promql/index.ts';
import { checkedExpression, targetKey } from '../lint/expression-memo.ts';
import { dataKey } from '../lint/check-units.ts';
import type { RunMemo } from '../core/run-memo.ts';
import { cacheFilePath, digest, LintCache, type LintCacheStats } from './lint-cache.ts';
import type { Target } from '../promql/target.ts';

export interface LintFilesOptions {
  readonly root: string;
  /** Files and folders to lint; none means the TS project. `.ts` files select the project's own diagnostics in them. */
  readonly paths?: readonly string[];
  /** Prometheus version to check for (default: obs.config.ts, else the latest). */
  readonly target?: string;
  /**
   * Where the plain files (rule YAML, dashboard JSON) are read, paths resolved and named relative
   * to (default: `root`); config and registries still come from `root`. `--new-since` reads a git
   * ref's copy of the files from a temporary folder this way, checked with today's config.
   */
  readonly filesRoot?: string;
  /** The session to check the TS project in (an editor or a watcher passes the same one each time). */
  readonly session?: Session;
  /**
   * Keep what the plain files' lint found in a file and reuse it in the next run for what did not
   * change (`obs lint --cache`, see lint-cache.ts); `location` is a file or a folder, relative to
   * `root` (default: `.obslintcache` in `root`).
   */
  readonly cache?: { readonly location?: string };
  /** Told the settings of the run once the config is read, before any definition loads. */
  readonly onSettings?: (settings: { readonly target: string; readonly failOn: Severity }) => void;
}

export interface LintRun {
  readonly config: ResolvedConfig;
  /** The Prometheus version checked for, e.g. `2.42`. */
  readonly target: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
  /** How many files were checked (TS modules, rule files, dashboards). */
  readonly files: number;
  /** Files found while walking folders that are neither rule files nor dashboards. */
  readonly skipped: readonly string[];
  /** How the run used `--cache`, when it was asked for. */
  readonly cache?: LintCacheStats;
  /** The text of every file a diagnostic points into, for reporters that show the source line. */
  readonly sources: ReadonlyMap<string, string>;
  /** Every check that can report, for reporters that list them (SARIF). */
  readonly checks: readonly CheckInfo[];
}

/** The name and version reporters put in machine-readable output. */
export const TOOL: { readonly name: string; readonly version: string } = { name: 'obs', version: packageVersion() };

/** A path that does not exist or cannot be read: a usage error (exit 2), not a lint problem. */
export class LintPathError extends Error {}

/** Ids reported outside the lint engine, described here so every reported id has a description. */
export const FILE_CHECKS: readonly CheckInfo[] = [
  {
    id: 'file/syntax',
    severity: 'error',
    description: 'A rule YAML or dashboard JSON file must parse',
    docs: 'The file is not valid YAML or JSON; Prometheus or Grafana cannot load it.',
  },
  {
    id: 'file/format',
    severity: 'error',
    description: 'A file must be a Prometheus rule file or a Grafana dashboard of the expected shape',
    docs: 'A named file without rule `groups` or dashboard `panels`, or a value of the wrong kind (a list where a map is expected, ...).',
  },
  {
    id: 'collect/module-error',
    severity: 'error',
    description: 'An authored TS module must load without throwing',
    docs: 'The module threw while it was imported; the definitions in it are not checked.',
  },
  {
    id: 'collect/never-returns',
    severity: 'error',
    description: 'Code a definition gives obs to call must return',
    docs: 'A builder callback, a getter, a toJSON or a template function of a definition ran on without ever returning (an endless loop); obs stopped it.',
  },
  {
    id: 'collect/stray-rule',
    severity: 'error',
    description: 'Rules must be exported inside a ruleGroup',
    docs: 'A module exports a single alert or record; put it in a ruleGroup.',
  },
  {
    id: 'collect/output-collision',
    severity: 'error',
    description: 'Two modules must not write the same output file',
    docs: 'Module names are sanitized into output paths; two of them ended up the same.',
  },
];

/** Every check a lint run can report, for reporters that list them (SARIF). */
export function lintCheckInfos(): readonly CheckInfo[] {
  return [...CHECKS.map((c) => c.meta), ...FILE_CHECKS];
}

const PLAIN = /\.(ya?ml|json)$/i;
const TS = /\.m?ts$/i;

/** Explicitly named files first keep their order; folders contribute their rule/dashboard files, sorted. */
function expand(root: string, paths: readonly string[]): { file: string; named: boolean }[] {
  const out: { file: string; named: boolean }[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs).sort()) {
      if (e.startsWith('.') || e === 'node_modules') continue;
      const p = join(abs, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (PLAIN.test(e)) out.push({ file: p, named: false });
    }
  };
  for (const p of paths) {
    const abs = resolve(root, p);
    if (!existsSync(abs)) throw new LintPathError(`no such file or folder: ${p}`);
    if (statSync(abs).isDirectory()) walk(abs);
    else out.push({ file: abs, named: true });
  }
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.file) && seen.add(f.file));
}

function withOverrides(ds: readonly Diagnostic[], overrides: Readonly<Record<string, Severity | 'off'>>): Diagnostic[] {
  return ds.flatMap((d) => {
    const o = overrides[d.checkId];
    return o === 'off' ? [] : o ? [{ ...d, severity: o }] : [d];
  });
}

export async function lintFiles(opts: LintFilesOptions): Promise<LintRun> {
  const config = await loadConfig(opts.root, opts.target !== undefined ? { version: opts.target } : {});
  const target = resolveTarget(config.prometheus.version, config.prometheus.features);
  opts.onSettings?.({ target: formatTarget(target), failOn: config.lint.failOn });
  const paths = opts.paths ?? [];
  const tsPaths = paths.filter((p) => TS.test(p));
  const plainPaths = paths.filter((p) => !TS.test(p));
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedProblem[] = [];
  const sources = new Map<string, string>();
  let files = 0;

  if (paths.length === 0 || tsPaths.length > 0) {
    for (const p of tsPaths) if (!existsSync(resolve(opts.root, p))) throw new LintPathError(`no such file: ${p}`);
    const r = await projectProblems(opts.root, opts.target, opts.session);
    const only = new Set(tsPaths.map((p) => posixRelative(opts.root, resolve(opts.root, p))));
    const keep = (d: Diagnostic): boolean => only.size === 0 || (d.location !== undefined && only.has(d.location.file));
    // One by one: push(...list) throws a RangeError past about 125,000 arguments.
    for (const d of r.diagnostics) if (keep(d)) diagnostics.push(d);
    for (const s of r.suppressed) if (keep(s.diagnostic)) suppressed.push(s);
    files += only.size || r.modules;
  }

  const filesRoot = opts.filesRoot ?? opts.root;
  // The plain files are checked in a session (the caller's, when it is for the same folder): its
  // memo is the one cache of checked expressions, by text (see lint/expression-memo.ts).
  const session = opts.session && opts.session.root === resolve(filesRoot) ? opts.session : new Session(filesRoot);
  if (session !== opts.session) session.beginRun();
  const cache =
    opts.cache && plainPaths.length > 0 ? LintCache.open(cacheFilePath(opts.root, opts.cache.location)) : undefined;
  const plain = await session.run(() =>
    plainProblems(opts, config, target, filesRoot, plainPaths, diagnostics, suppressed, sources, cache),
  );
  files += plain.files;

  diagnostics.sort(compareDiagnostics);
  for (const d of diagnostics) {
    const f = d.location?.file;
    if (f === undefined || sources.has(f)) continue;
    try {
      sources.set(f, readFileSync(join(filesRoot, f), 'utf8'));
    } catch {
      // A location in a file that is gone: the report shows it without its source line.
    }
  }
  // Only files with problems are kept: reporters need no others, and a big run keeps less in memory.
  const withProblems = new Set(diagnostics.map((d) => d.location?.file));
  for (const f of [...sources.keys()]) if (!withProblems.has(f)) sources.delete(f);
  return {
    config,
    target: formatTarget(target),
    diagnostics,
    suppressed,
    files,
    skipped: plain.skipped,
    ...(plain.cache ? { cache: plain.cache } : {}),
    sources,
    checks: lintCheckInfos(),
  };
}

/** The plain files' problems (rule YAML, dashboard JSON), added to `diagnostics`, `suppressed` and `sources`. */
async function plainProblems(
  opts: LintFilesOptions,
  config: ResolvedConfig,
  target: Target,
  filesRoot: string,
  plainPaths: readonly string[],
  diagnostics: Diagnostic[],
  suppressed: SuppressedProblem[],
  sources: Map<string, string>,
  cache: LintCache | undefined,
): Promise<{ files: number; skipped: readonly string[]; cache?: LintCacheStats }> {
  let files = 0;
  const skipped: string[] = [];
  // This part's own problems (the registries' aside), kept by --cache.
  const mine: Diagnostic[] = [];
  const mineSuppressed: SuppressedProblem[] = [];
  const modules: ModuleDefinitions[] = [];
  const locations = new YamlTextLocations();
  const fileProblems: Diagnostic[] = [];
  const dashboardTexts: { readonly text: DashboardText; readonly subject: string }[] = [];
  const plain = expand(filesRoot, plainPaths);
  const ruleFiles = plain.filter((p) => extname(p.file).toLowerCase() !== '.json').map((p) => p.file);
  const shards = ruleFiles.length > 0 ? shardCount(ruleFiles) : 1;
  const registryModules = discoverModules(opts.root, [config.paths.registry]);
  // Workers start before this thread reads the files: they read them too, meanwhile.
  const limits = { timeoutMs: config.load.timeoutMs };
  // With --cache, no workers: the cache's key needs the registries and every file's text first.
  const registries = shards > 1 || cache ? await loadRegistries(opts.root, registryModules, limits) : undefined;
  const workers =
    registries && !cache ? startWorkers(filesRoot, ruleFiles, config, registries.registries, shards) : undefined;
  const reads = plain.map(({ file: abs, named }) => {
    const file = posixRelative(filesRoot, abs);
    try {
      return { abs, named, file, read: readSourceText(abs, file) };
    } catch (e) {
      throw new LintPathError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const runKey =
    cache && registries ? plainRunKey(opts, config, target, filesRoot, registries.registries, reads) : undefined;
  const hit = runKey !== undefined ? cache?.run(runKey) : undefined;
  if (hit && registries) {
    for (const d of hit.diagnostics) diagnostics.push(d);
    for (const s of hit.suppressed) suppressed.push(s);
    if (hit.rules) for (const d of registries.diagnostics) diagnostics.push(d);
    for (const { file, read } of reads) sources.set(file, read.ok ? read.text : '');
    return { files: hit.files, skipped: hit.skipped, ...(cache ? { cache: cache.save(runKey, hit) } : {}) };
  }
  try {
    for (const { abs, named, file, read } of reads) {
      if (!read.ok) {
        // Too large, not UTF-8, not a file: reported without its source line (never read whole again).
        sources.set(file, '');
        fileProblems.push(read.diagnostic);
        files++;
        continue;
      }
      const text = read.text;
      sources.set(file, text);
      if (extname(abs).toLowerCase() === '.json') {
        const d = readDashboardFile(file, text);
        if (!d.isDashboard && d.diagnostics.length === 0) {
          if (named)
            fileProblems.push({
              checkId: 'file/format',
              severity: 'error',
              message: `${file} is not a Grafana dashboard (no panels)`,
              hint: 'obs lint reads Grafana dashboard JSON (the classic JSON model) and Prometheus rule YAML',
              location: { file, line: 1, column: 1 },
            });
          else skipped.push(file);
          continue;
        }
        files++;
        for (const p of d.diagnostics) fileProblems.push(p);
        const subject = `dashboard ${JSON.stringify(d.title ?? file)}`;
        for (const text of d.texts ?? []) dashboardTexts.push({ text, subject });
        for (const q of d.queries) {
          const result = checkedExpression(q.expr, target, d.variableKinds ? { kinds: d.variableKinds } : true);
          const err = result.errors[0];
          if (!err) continue;
          const from = q.locate(err.start);
          const to = err.end > err.start ? q.locate(err.end) : undefined;
          const span =
            to && (to.line > from.line || to.column > from.column) ? { endLine: to.line, endColumn: to.column } : {};
          fileProblems.push({
            checkId: 'promql/syntax',
            severity: 'error',
            message: `${err.message} (in ${q.subject})`,
            hint: `the query is not valid PromQL for Prometheus ${formatTarget(target)}`,
            location: { ...from, ...span },
            subject: q.subject,
          });
        }
        continue;
      }
      const r = readRuleFile(file, text, locations);
      if (!r.isRuleFile) {
        if (named)
          fileProblems.push({
            checkId: 'file/format',
            severity: 'error',
            message: `${file} is not a Prometheus rule file (no groups)`,
            hint: 'obs lint reads Prometheus rule YAML (groups: [...]) and Grafana dashboard JSON',
            location: { file, line: 1, column: 1 },
          });
        else skipped.push(file);
        continue;
      }
      files++;
      for (const p of r.diagnostics) fileProblems.push(p);
      modules.push(r.module);
    }
    const project = { root: filesRoot, modules, diagnostics: [], locate: locations.locate };
    // Every string value of the rule files and dashboards, each distinct one scanned once, in one run.
    // The list is the run's (emittedTexts keeps it for the checks that read it again).
    const ruleTexts = modules.length > 0 ? emittedTexts(project).map((t) => t.text) : [];
    const secrets =
      config.lint.checks['security/secrets'] === 'off' || ruleTexts.length + dashboardTexts.length === 0
        ? undefined
        : await scanSecrets([...ruleTexts, ...dashboardTexts.map((t) => t.text.text)]);
    for (const { text, subject } of dashboardTexts) {
      for (const hit of secrets?.get(text.text) ?? []) {
        fileProblems.push({
          checkId: 'security/secrets',
          severity: 'error',
          subject,
          location: text.locate(hit.start),
          ...secretReport(
            `${subject} ${text.path}`,
            hit,
            'for a deliberate value, turn the check off for these files (lint.checks in obs.config.ts)',
          ),
        });
      }
    }
    for (const d of withOverrides(fileProblems, config.lint.checks)) mine.push(d);
    if (modules.length > 0) {
      // The project's metric registries apply to plain rule files too, as they do to TS rules.
      const regs = registries ?? (await loadRegistries(opts.root, registryModules, limits));
      const options = lintOptions(config, target, regs.registries, secrets);
      const r = await checkModules(project, options, workers, cache?.units);
      for (const d of regs.diagnostics) diagnostics.push(d);
      for (const d of r.diagnostics) mine.push(d);
      for (const s of r.suppressed) mineSuppressed.push(s);
    }
  } finally {
    workers?.stop();
  }
  for (const d of mine) diagnostics.push(d);
  for (const s of mineSuppressed) suppressed.push(s);
  const result = { diagnostics: mine, suppressed: mineSuppressed, files, skipped, rules: modules.length > 0 };
  return { files, skipped, ...(cache ? { cache: cache.save(runKey, result) } : {}) };
}

/**
 * The key of a whole run of plain files: obs (in the cache file), the folders, the target, the
 * config the checks read, the registries, the check set, and every file's path and text. Undefined
 * when the config or the registries hold what has no key (a function): then groups are reused one
 * by one, under keys that hold what each reads.
 */
function plainRunKey(
  opts: LintFilesOptions,
  config: ResolvedConfig,
  target: Target,
  filesRoot: string,
  registries: readonly RegistryData[],
  reads: readonly { readonly file: string; readonly named: boolean; readonly read: SourceText }[],
): string | undefined {
  const settings = dataKey({
    policy: config.policy,
    lint: config.lint,
    registry: config.registry,
    alertmanager: config.alertmanager,
  });
  const regs = dataKey(registries);
  if (settings === undefined || regs === undefined) return undefined;
  const checks = [...CHECKS.map((c) => `${c.meta.id}:${c.meta.severity}`), ...FILE_CHECKS.map((c) => c.id)].join(',');
  return digest([
    resolve(opts.root),
    resolve(filesRoot),
    targetKey(target),
    settings,
    regs,
    checks,
    ...reads.flatMap(({ file, named, read }) => [
      file,
      named ? 'named' : 'found',
      read.ok ? digest([read.text]) : `unread ${read.diagnostic.message}`,
    ]),
  ]);
}

/** Workers for shards 1..count-1; none when the registries cannot cross to a thread (then one thread checks all). */
function startWorkers(
  root: string,
  files: readonly string[],
  config: ResolvedConfig,
  registries: readonly RegistryData[],
  count: number,
): ShardWorkers | undefined {
  const base = {
    root,
    files,
    version: config.prometheus.version,
    features: config.prometheus.features,
    settings: { policy: config.policy, lint: config.lint, registry: config.registry },
    registries: registries.map(
      ({ kind, name, scrapeInterval, jobs, jobIntervals, targetLabels, complete, families, metrics, site }) => ({
        kind,
        name,
        scrapeInterval,
        jobs,
        jobIntervals,
        targetLabels,
        complete,
        families,
        metrics,
        site,
      }),
    ),
  };
  try {
    structuredClone(base);
  } catch {
    return undefined;
  }
  return startShardWorkers(Array.from({ length: count - 1 }, (_, i) => ({ ...base, shard: { index: i + 1, count } })));
}

/** Shard 0 here and the others in the workers; if a worker failed, everything in this thread. */
async function checkModules(
  project: Project,
  options: LintOptions,
  workers: ShardWorkers | undefined,
  units?: RunMemo<UnitResult>,
): Promise<LintResult> {
  if (!workers) return runChecks(project, CHECKS, options, undefined, units ? { units } : {});
  const mine = runChecks(project, CHECKS, options, { index: 0, count: workers.count + 1 });
  const theirs = await workers.results();
  return theirs ? mergeResults([mine, ...theirs]) : runChecks(project, CHECKS, options);
}

/**
 * The TS project's problems: those of the last successful build when nothing changed since (and
 * the target is the configured one), else a dry-run build's.
 */
async function projectProblems(
  root: string,
  target: string | undefined,
  session?: Session,
): Promise<{ diagnostics: readonly Diagnostic[]; suppressed: readonly SuppressedProblem[]; modules: number }> {
  const hit = target === undefined && !session ? cachedBuild(root) : undefined;
  if (hit) return { diagnostics: hit.diagnostics, suppressed: hit.suppressed, modules: hit.counts.module ?? 0 };
  // Imported here: linting plain files does not need the emitters build loads (the Grafana SDK).
  const { build } = await import('./build.ts');
  const r = await build({
    root,
    dryRun: true,
    emit: false,
    ...(target !== undefined ? { target } : {}),
    ...(session ? { session } : {}),
  });
  return { diagnostics: r.diagnostics, suppressed: r.suppressed, modules: r.summary.modules };
}

/** Whether a lint run fails at `failOn`. */
export function lintFails(run: LintRun, failOn: Severity): boolean {
  return run.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[failOn]);
}
