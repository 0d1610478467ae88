/**
 * The project benchmark: a large synthetic project (scripts/bench/synthetic.ts: 20,000 rules in 200
 * groups across 50 modules, with a registry of every metric they read, so the registry checks run
 * as in a real project) and the same rules as one 20,000-rule plain YAML file, measured as a
 * user runs them, each command a fresh process (start-up included), in one run:
 *
 * - `obs lint FILE.yml` next to `promtool check rules FILE.yml` on the same file, the runs of the
 *   two interleaved so both see the same machine load (goal: ours takes at most half the time);
 * - `obs build` of the project from scratch (goal: under 10 s on 2 cores) and its peak memory;
 * - the no-op rebuild (out/ already current) and `obs --help` (process start-up alone);
 * - where the lint time goes, measured in this process: reading the YAML, turning it into rules,
 *   checking the 20,000 expressions, all checks.
 *
 * Wall time is the median of the runs; peak memory is the child's maxRSS (a preloaded module
 * writes `process.resourceUsage().maxRSS` at exit; promtool's comes from /usr/bin/time when present).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './promql.ts';
import { FULL, writeSyntheticProject, type SyntheticProject } from './synthetic.ts';

const REPO = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
const OBS = join(REPO, 'bin', 'obs.js');

/** A row of wall times: the BenchRow fields plus what this table shows. */
export interface ProjectRow extends BenchRow {
  readonly medianSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly peakMiB?: number;
  /** The goal and whether it was met, e.g. `≤ 50% of promtool: met`. */
  readonly goal?: string;
}

export const LINT_GOAL_SHARE = 0.5;
export const BUILD_GOAL_SECONDS = 10;

interface Run {
  readonly seconds: number;
  readonly peakMiB?: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function row(name: string, runs: readonly Run[], extra: Partial<ProjectRow> = {}): ProjectRow {
  const secs = runs.map((r) => r.seconds);
  const med = median(secs);
  const peaks = runs.flatMap((r) => (r.peakMiB === undefined ? [] : [r.peakMiB]));
  return {
    name,
    unit: 'run',
    opsPerSec: 1 / med,
    usPerOp: med * 1e6,
    minOpsPerSec: 1 / Math.max(...secs),
    maxOpsPerSec: 1 / Math.min(...secs),
    ops: runs.length,
    seconds: secs.reduce((a, b) => a + b, 0),
    medianSeconds: med,
    minSeconds: Math.min(...secs),
    maxSeconds: Math.max(...secs),
    ...(peaks.length ? { peakMiB: Math.max(...peaks) } : {}),
    ...extra,
  };
}

class Runner {
  private readonly rssFile: string;
  private readonly preload: string;
  constructor(private readonly dir: string) {
    this.rssFile = join(dir, '.maxrss');
    this.preload = join(dir, '.maxrss.mjs');
    writeFileSync(
      this.preload,
      "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.OBS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
  }

  /** `node bin/obs.js ARGS` in `cwd`; throws unless it exits with one of `codes`. */
  obs(args: readonly string[], cwd: string, codes: readonly number[] = [0]): Run {
    rmSync(this.rssFile, { force: true });
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(this.preload).href, OBS, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, CI: '1', OBS_BENCH_RSS_FILE: this.rssFile },
    });
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (!codes.includes(r.status ?? -1))
      throw new Error(`obs ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 2000)}`);
    const kb = existsSync(this.rssFile) ? Number(readFileSync(this.rssFile, 'utf8')) : NaN;
    return { seconds, ...(Number.isFinite(kb) ? { peakMiB: kb / 1024 } : {}) };
  }

  promtool(args: readonly string[]): Run {
    const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
    const t = process.hrtime.bigint();
    const r = time
      ? spawnSync(time, ['-f', 'maxrss=%M', 'promtool', ...args], {
          cwd: this.dir,
          encoding: 'utf8',
          maxBuffer: 512 * 1024 * 1024,
        })
      : spawnSync('promtool', args, { cwd: this.dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0)
      throw new Error(`promtool ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 2000)}`);
    const m = /maxrss=(\d+)/.exec(r.stderr ?? '');
    return { seconds, ...(m ? { peakMiB: Number(m[1]) / 1024 } : {}) };
  }
}

export function promtoolVersion(): string | undefined {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? /version (\S+)/.exec(r.stdout)?.[1] : undefined;
}

/** Where `obs lint FILE.yml` spends its time, measured in this process (modules already loaded). */
async function lintPhases(file: string, runs: number): Promise<ProjectRow[]> {
  const { readRuleFile, YamlTextLocations } = await import('../../dsl/collect/yaml-rules.ts');
  const { yamlTrees, yamlPackageTrees } = await import('../../dsl/collect/yaml-tree.ts');
  const { runChecks } = await import('../../dsl/lint/engine.ts');
  const { CHECKS } = await import('../../dsl/lint/checks/index.ts');
  const { checkExpression, resolveTarget } = await import('../../dsl/promql/index.ts');
  const src = readFileSync(file, 'utf8');
  const target = resolveTarget('2.42');
  const time = (f: () => unknown): Run => {
    const t = process.hrtime.bigint();
    f();
    return { seconds: Number(process.hrtime.bigint() - t) / 1e9 };
  };
  const repeat = (f: () => unknown): Run[] => Array.from({ length: runs }, () => time(f));
  const module = readRuleFile('plain-rules.yml', src, new YamlTextLocations()).module;
  const exprs = module.groups.flatMap((g) => g.rules.map((r) => String(r.expr)));
  const project = { root: REPO, modules: [module], diagnostics: [] };
  const policy = { requiredAlertLabels: {}, requiredAnnotations: [] };
  return [
    row(
      '  phase: read YAML (fast block-YAML reader)',
      repeat(() => yamlTrees(src)),
    ),
    row(
      '  phase: read YAML with the yaml package (before)',
      repeat(() => yamlPackageTrees(src)),
    ),
    row(
      '  phase: YAML → rule groups (reader + conversion)',
      repeat(() => readRuleFile('plain-rules.yml', src, new YamlTextLocations())),
    ),
    row(
      '  phase: checkExpression × 20,000',
      repeat(() => exprs.forEach((e) => checkExpression(e, { target }))),
    ),
    row(
      `  phase: all ${CHECKS.length} checks (runChecks, parses included)`,
      repeat(() => runChecks(project, CHECKS, { target, policy })),
    ),
  ];
}

let lastInput: Record<string, unknown> | undefined;

/** Facts about the last run's input, for the benchmark's description. */
export function projectBenchInput(): Record<string, unknown> {
  return lastInput ?? {};
}

export async function benchProject(opts: {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}): Promise<ProjectRow[]> {
  const { log } = opts;
  const runs = opts.quick ? 1 : 3;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'obs-bench-project-')));
  try {
    log(`generating the synthetic project in ${dir}`);
    const p: SyntheticProject = await writeSyntheticProject(dir, REPO, FULL);
    for (const s of p.skipped) log(`skipped: ${s}`);
    const version = promtoolVersion();
    lastInput = {
      rules: p.rules,
      groups: p.groups,
      'rule modules': p.modules,
      dashboards: p.dashboards,
      panels: p.panels,
      SLOs: p.slos,
      'registered metrics': p.metrics,
      'rule file MiB': p.rulesFileBytes / 2 ** 20,
      promtool: version ?? 'missing',
      runs,
      skipped: p.skipped.join('; ') || 'nothing',
    };
    const r = new Runner(dir);
    log('warming up (the bundle of obs, tsx transform cache of the definitions, page cache)');
    r.obs(['--help'], dir);
    r.obs(['lint', p.rulesFile], dir);
    if (version) r.promtool(['check', 'rules', p.rulesFile]);
    // The first build of a fresh checkout also compiles every definition (tsx caches that on disk).
    const cold = r.obs(['build'], dir);

    const lint: Run[] = [];
    const promtool: Run[] = [];
    // From this repository: its registries know none of the file's metrics, so every selector is
    // an unknown metric looked up for a "did you mean" (once 6 minutes; now a row of its own).
    const unknown: Run[] = [];
    for (let i = 0; i < runs; i++) {
      log(`lint vs promtool, run ${i + 1}/${runs}`);
      if (version) promtool.push(r.promtool(['check', 'rules', p.rulesFile]));
      lint.push(r.obs(['lint', p.rulesFile], dir));
      // This repository's lint policy (runbook_url on every alert) makes it exit 1 on this file: that is a finding, not a failure.
      unknown.push(r.obs(['lint', p.rulesFile], REPO, [0, 1]));
    }
    const build: Run[] = [];
    const noop: Run[] = [];
    for (let i = 0; i < runs; i++) {
      log(`obs build from scratch, run ${i + 1}/${runs}`);
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      build.push(r.obs(['build'], dir));
      log(`obs build again (no-op), run ${i + 1}/${runs}`);
      noop.push(r.obs(['build'], dir));
    }
    const startup = Array.from({ length: runs }, () => r.obs(['--help'], dir));
    log('lint phases in process');
    const phases = await lintPhases(p.rulesFile, runs);

    const rows: ProjectRow[] = [];
    const base = version ? row(`promtool ${version} check rules (20k rules)`, promtool) : undefined;
    if (base) rows.push(base);
    const share = base ? median(lint.map((x) => x.seconds)) / base.medianSeconds : undefined;
    rows.push(
      row('obs lint (20k rules, same file)', lint, {
        ...(base && share !== undefined
          ? {
              baseline: base.name,
              ratio: 1 / share,
              goalRatio: 1 / LINT_GOAL_SHARE,
              goal: `≤ ${LINT_GOAL_SHARE * 100}% of promtool: ${share <= LINT_GOAL_SHARE ? 'met' : 'NOT met'} (${(share * 100).toFixed(0)}%)`,
            }
          : { goal: 'promtool missing: not compared' }),
      }),
    );
    rows.push(row('obs lint, same file, from a project whose registries know none of its metrics', unknown));
    const what = [
      `${p.rules.toLocaleString('en-US')} rules`,
      ...(p.dashboards ? [`${p.dashboards.toLocaleString('en-US')} dashboards`] : []),
      ...(p.slos ? [`${p.slos} SLOs`] : []),
    ].join(', ');
    const b = row(`obs build, from scratch (${what})`, build);
    rows.push({ ...b, goal: `< ${BUILD_GOAL_SECONDS} s: ${b.medianSeconds < BUILD_GOAL_SECONDS ? 'met' : 'NOT met'}` });
    rows.push(row('obs build, no-op rebuild', noop));
    rows.push(row('obs build, first run of a fresh project (definitions not yet compiled)', [cold]));
    rows.push(row('obs --help (process start-up)', startup));
    rows.push(...phases);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (s: number): string => (s >= 10 ? s.toFixed(1) : s.toFixed(2));

/** The columns this benchmark's table shows (wall times, not rates). */
export const PROJECT_COLUMNS = {
  header: ['case', 'wall (median)', 'runs min–max', 'peak RSS', 'goal'],
  rightAligned: [1, 2, 3],
  cells(r: BenchRow): string[] {
    const p = r as ProjectRow;
    return [
      p.name,
      `${fmt(p.medianSeconds)} s`,
      `${fmt(p.minSeconds)}–${fmt(p.maxSeconds)} s`,
      p.peakMiB === undefined ? '' : `${Math.round(p.peakMiB)} MiB`,
      p.goal ?? '',
    ];
  },
};

export function projectVerdict(rows: readonly BenchRow[]): string[] {
  const goals = (rows as readonly ProjectRow[]).filter((r) => r.goal);
  return goals.map((r) => `${r.name}: ${fmt(r.medianSeconds)} s; goal ${r.goal}.`);
}
