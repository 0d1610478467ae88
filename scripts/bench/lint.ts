/**
 * The lint benchmark: `obs lint` next to `promtool check rules` on the same files, each command a
 * fresh process (start-up included), the two tools' runs interleaved (the order alternating from
 * run to run) so both see the same machine load, medians over the runs:
 *
 * - 20,000 recording rules with seeded random expressions (recording.ts), from this repository
 *   (its obs.config.ts and registries loaded, so every registry check runs and reports) and from a
 *   folder without a config or registries;
 * - real rule files: the folder `OBS_BENCH_RULES` names (e.g. public rule files fetched there; its
 *   SOURCES.txt, if any, is recorded as the source), else the hand-written files of
 *   scripts/bench/rule-files/ (in the shape of public ones, each names the file it follows);
 * - one small rule file (scripts/bench/rule-files/exporter-alerts.yml): start-up, next to a bare
 *   `node -e 0`, `obs --version` (the binary and its library loaded, no command: the floor of every
 *   obs command) and `obs build --check` of this repository (a CI's other start-up-bound command);
 *   warm (the caches across runs filled by the run before) and cold (the compiled authored TS and
 *   V8's code for the library removed first: a fresh CI machine whose bundle was kept).
 *
 * Wall time and CPU time (user + system, from /usr/bin/time) are both given: on a shared machine
 * CPU time moves less with the load. The load average before and after is part of the record.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, promtoolVersion } from './project.ts';
import type { BenchRow } from './promql.ts';
import { recordingRuleFile } from './recording.ts';

const REPO = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
const OBS = join(REPO, 'bin', 'obs.js');
const HAND_WRITTEN = join(REPO, 'scripts', 'bench', 'rule-files');
const SMALL = join(HAND_WRITTEN, 'exporter-alerts.yml');
/** bin/library.js's caches: the library bundles (with V8's code beside each) and compiled authored TS. */
const OBS_CACHE = join(REPO, 'node_modules', '.cache', 'obs-as-code');

/** Removes what obs keeps across runs except the bundle itself: the next run starts cold. */
function dropRunCaches(): void {
  rmSync(join(OBS_CACHE, 'typescript'), { recursive: true, force: true });
  for (const dir of readdirSync(OBS_CACHE, { withFileTypes: true }))
    if (dir.isDirectory())
      for (const f of readdirSync(join(OBS_CACHE, dir.name)))
        if (/^lib\.v8-.*\.cache(?:\.commands)?$/.test(f)) rmSync(join(OBS_CACHE, dir.name, f), { force: true });
}

/** obs lint may take at most this share of promtool's time on the large inputs. */
export const LINT_GOAL_RATIO = 1;
/** One small file: at most this multiple of a bare Node start-up. */
export const STARTUP_GOAL_RATIO = 3;

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly peakMiB: number;
}

export interface LintRow extends BenchRow {
  readonly wallSeconds: number;
  readonly minWall: number;
  readonly maxWall: number;
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  /** Wall and CPU against the row named in `baseline` (medians of per-run ratios). */
  readonly wallRatio?: number;
  readonly cpuRatioOf?: number;
  readonly goal?: string;
}

/** Runs `cmd args` in `cwd` under /usr/bin/time; throws unless it exits with one of `codes`. */
function timed(cmd: string, args: readonly string[], cwd: string, codes: readonly number[] = [0]): Run {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'obs-bench-time %U %S %M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (!codes.includes(r.status ?? -1))
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(-2000)}`);
  const m = /obs-bench-time (\S+) (\S+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`no timing from /usr/bin/time for ${cmd}: ${r.stderr?.slice(-500)}`);
  return { wall, cpu: Number(m[1]) + Number(m[2]), peakMiB: Number(m[3]) / 1024 };
}

function row(
  name: string,
  runs: readonly Run[],
  base?: { name: string; runs: readonly Run[] },
  goal?: { ratio: number; label: string },
): LintRow {
  const walls = runs.map((r) => r.wall);
  const wall = median(walls);
  const wallRatio = base ? median(runs.map((r, i) => r.wall / (base.runs[i] as Run).wall)) : undefined;
  const cpuRatio = base ? median(runs.map((r, i) => r.cpu / (base.runs[i] as Run).cpu)) : undefined;
  const verdict =
    goal && wallRatio !== undefined
      ? `${goal.label}: ${wallRatio <= goal.ratio ? 'met' : 'NOT met'} (${wallRatio.toFixed(2)}×)`
      : undefined;
  return {
    name,
    unit: 'run',
    opsPerSec: 1 / wall,
    usPerOp: wall * 1e6,
    minOpsPerSec: 1 / Math.max(...walls),
    maxOpsPerSec: 1 / Math.min(...walls),
    ops: runs.length,
    seconds: walls.reduce((a, b) => a + b, 0),
    wallSeconds: wall,
    minWall: Math.min(...walls),
    maxWall: Math.max(...walls),
    cpuSeconds: median(runs.map((r) => r.cpu)),
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
    ...(base ? { baseline: base.name, wallRatio, cpuRatioOf: cpuRatio } : {}),
    ...(verdict ? { goal: verdict } : {}),
  };
}

function ruleFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      if (e.startsWith('.')) continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

let lastInput: Record<string, unknown> | undefined;

export function lintBenchInput(): Record<string, unknown> {
  return lastInput ?? {};
}

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/');

export async function benchLint(opts: {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}): Promise<LintRow[]> {
  const { log } = opts;
  const runs = opts.quick ? 1 : 5;
  const version = promtoolVersion();
  if (!version)
    throw new Error('promtool is not installed: this benchmark pairs every case with it (apt-get install prometheus)');
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is not installed (apt-get install time)');
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'obs-bench-lint-')));
  try {
    const loadBefore = load();
    const rec = recordingRuleFile(19);
    const recFile = join(dir, 'recording-20k.yml');
    writeFileSync(recFile, rec.yaml);
    // A project without obs.config.ts or registries: only the file.
    const bare = join(dir, 'bare');
    spawnSync('mkdir', [bare]);
    writeFileSync(join(bare, 'package.json'), '{ "name": "bare", "private": true, "type": "module" }\n');

    const realDir = process.env.OBS_BENCH_RULES ? realpathSync(process.env.OBS_BENCH_RULES) : HAND_WRITTEN;
    const real = ruleFilesIn(realDir);
    if (real.length === 0) throw new Error(`no rule files (*.yml, *.yaml) in ${realDir}`);
    const realBytes = real.reduce((n, f) => n + statSync(f).size, 0);
    const realRules = real.reduce(
      (n, f) => n + (readFileSync(f, 'utf8').match(/^\s*-?\s*(alert|record):/gm)?.length ?? 0),
      0,
    );
    const hash = createHash('sha256');
    for (const f of real) hash.update(relative(realDir, f)).update('\0').update(readFileSync(f)).update('\0');
    const sources = existsSync(join(realDir, 'SOURCES.txt'))
      ? readFileSync(join(realDir, 'SOURCES.txt'), 'utf8')
          .trim()
          .replace(/\s*\n\s*/g, '; ')
      : undefined;
    lastInput = {
      'recording rules': rec.rules,
      'recording file MiB': rec.yaml.length / 2 ** 20,
      'real files': real.length,
      'real alert:/record: keys': realRules,
      'real MiB': realBytes / 2 ** 20,
      'real files from': process.env.OBS_BENCH_RULES
        ? `OBS_BENCH_RULES=${realDir}${sources ? ` (${sources})` : ''}`
        : 'scripts/bench/rule-files/ (hand-written, in the shape of public files)',
      'real files sha256': hash.digest('hex').slice(0, 16),
      promtool: version,
      runs,
    };
    const lint = (args: readonly string[], cwd: string): Run =>
      timed(process.execPath, [OBS, 'lint', ...args], cwd, [0, 1]);
    const prom = (files: readonly string[]): Run => timed('promtool', ['check', 'rules', ...files], dir);
    const node = (): Run => timed(process.execPath, ['-e', '0'], dir);

    log('warming up (the bundle of obs, page cache)');
    lint([SMALL], REPO);
    prom([SMALL]);

    const big = { prom: [] as Run[], reg: [] as Run[], bare: [] as Run[] };
    const files = { prom: [] as Run[], obs: [] as Run[] };
    const small = {
      prom: [] as Run[],
      obs: [] as Run[],
      cold: [] as Run[],
      bare: [] as Run[],
      node: [] as Run[],
      version: [] as Run[],
      check: [] as Run[],
    };
    for (let i = 0; i < runs; i++) {
      log(`run ${i + 1}/${runs} (load ${load()})`);
      // promtool first in even runs, obs first in odd ones.
      const pair = (a: () => void, b: () => void): void => (i % 2 ? (b(), a()) : (a(), b()));
      pair(
        () => big.prom.push(prom([recFile])),
        () => {
          big.reg.push(lint([recFile], REPO));
          big.bare.push(lint([recFile], bare));
        },
      );
      pair(
        () => files.prom.push(prom(real)),
        () => files.obs.push(lint(real, REPO)),
      );
      for (let j = 0; j < 3; j++) {
        pair(
          () => small.prom.push(prom([SMALL])),
          () => {
            small.node.push(node());
            small.version.push(timed(process.execPath, [OBS, '--version'], REPO));
            small.obs.push(lint([SMALL], REPO));
            small.bare.push(lint([SMALL], bare));
          },
        );
      }
      small.check.push(timed(process.execPath, [OBS, 'build', '--check'], REPO));
      dropRunCaches();
      small.cold.push(lint([SMALL], REPO));
    }
    lastInput = { ...lastInput, 'load average 1/5/15 min before': loadBefore, after: load() };
    const pBig = { name: `promtool ${version} check rules, 20,000 recording rules`, runs: big.prom };
    const pFiles = { name: `promtool ${version} check rules, real rule files`, runs: files.prom };
    const pSmall = { name: `promtool ${version} check rules, one small file`, runs: small.prom };
    const nodeStart = { name: 'node -e 0 (bare Node start-up)', runs: small.node };
    const goal = { ratio: LINT_GOAL_RATIO, label: `≤ ${LINT_GOAL_RATIO}× promtool` };
    return [
      row(pBig.name, big.prom),
      row('obs lint, same file, from this repository (config and registries loaded)', big.reg, pBig, goal),
      row('obs lint, same file, from a folder without config or registries', big.bare, pBig),
      row(pFiles.name, files.prom),
      row('obs lint, same files, from this repository', files.obs, pFiles, goal),
      row(nodeStart.name, small.node),
      row(pSmall.name, small.prom, nodeStart),
      row('obs lint, one small file, from this repository', small.obs, nodeStart, {
        ratio: STARTUP_GOAL_RATIO,
        label: `≤ ${STARTUP_GOAL_RATIO}× node -e 0`,
      }),
      row('obs lint, one small file, from this repository, cold (no compiled TS, no V8 code cache)', small.cold, {
        name: nodeStart.name,
        runs: small.node.filter((_, i) => i % 3 === 2),
      }),
      row('obs lint, one small file, from a folder without config', small.bare, nodeStart),
      row('obs --version (the binary and its library, no command)', small.version, nodeStart),
      row('obs build --check of this repository (out/ up to date)', small.check, {
        name: nodeStart.name,
        runs: small.node.filter((_, i) => i % 3 === 2),
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (s: number): string => (s >= 10 ? s.toFixed(1) : s.toFixed(2));

export const LINT_COLUMNS = {
  header: ['case', 'wall (median)', 'runs min–max', 'CPU (median)', 'peak RSS', 'vs baseline: wall', 'CPU', 'goal'],
  rightAligned: [1, 2, 3, 4, 5, 6],
  cells(r: BenchRow): string[] {
    const p = r as LintRow;
    return [
      p.name,
      `${fmt(p.wallSeconds)} s`,
      `${fmt(p.minWall)}–${fmt(p.maxWall)} s`,
      `${fmt(p.cpuSeconds)} s`,
      `${Math.round(p.peakMiB)} MiB`,
      p.wallRatio === undefined ? '' : `${p.wallRatio.toFixed(2)}×`,
      p.cpuRatioOf === undefined ? '' : `${p.cpuRatioOf.toFixed(2)}×`,
      p.goal ?? '',
    ];
  },
};

export function lintVerdict(rows: readonly BenchRow[]): string[] {
  return (rows as readonly LintRow[])
    .filter((r) => r.goal)
    .map((r) => `${r.name}: ${fmt(r.wallSeconds)} s; goal ${r.goal}.`);
}
