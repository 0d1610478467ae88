/**
 * PromQL throughput: how many expressions per second the checker (`checkExpression`: Prometheus
 * lexer port, lezer parse of the canonical text, AST conversion, type check, analysis) handles,
 * next to the raw rate of lezer-promql's `parser.parse` on the same texts, in the same process.
 *
 * Method. Each case first warms up (whole passes over the mix for `warmupSeconds`). Then come
 * `rounds` rounds; in a round the cases take turns in slices of about `sliceSeconds` (whole passes,
 * the clock read between passes, the order rotating) until every case has been timed for at least
 * `minSeconds` in that round. So within a round all cases ran interleaved over the same few seconds
 * and saw the same machine load, which makes their ratio meaningful even on a shared machine.
 *
 * Reported per case: the median over rounds of the wall-clock rate (`process.hrtime.bigint()`), and
 * for the checker the median over rounds of the per-round ratio checker/lezer. As a cross-check on a
 * busy machine the same figures are also computed from process CPU time (`process.cpuUsage()`,
 * all threads, so GC helper threads count), which does not count time the process waited for a core.
 *
 * Every result is consumed (lezer tree lengths, checker verdicts) and checked after each pass, so
 * nothing can be optimised away, and a checker that rejected an expression of the mix fails the run.
 * Note: the checker caches compiled label regexes (dsl/promql/regex.ts), so after the warm-up every
 * `=~`/`!~` matcher of the mix is a cache hit, as it is for repeated matchers in a real build.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { checkExpression, DEFAULT_VERSION } from '../../dsl/promql/index.ts';
import { PROMQL_MIX } from './promql-mix.ts';

/** A row of the benchmark table (the shape `scripts/bench.ts` prints). */
export interface BenchRow {
  /** The case measured. */
  readonly name: string;
  /** What one operation is, e.g. `expr`. */
  readonly unit: string;
  /** Operations per second, wall clock (median of the rounds). */
  readonly opsPerSec: number;
  /** Microseconds per operation (from the median rate). */
  readonly usPerOp: number;
  /** Slowest and fastest round, operations per second. */
  readonly minOpsPerSec: number;
  readonly maxOpsPerSec: number;
  /** Operations per second of process CPU time (median of the rounds). */
  readonly opsPerCpuSec?: number;
  /** Operations timed over all rounds, and the wall time they took. */
  readonly ops: number;
  readonly seconds: number;
  /** Process CPU time over wall time while this case ran; well below 1 means the process waited for a core. */
  readonly cpuPerWall?: number;
  /** The row this one is compared with. */
  readonly baseline?: string;
  /** This row's rate over the baseline's: median of per-round ratios (wall clock), and its range. */
  readonly ratio?: number;
  readonly minRatio?: number;
  readonly maxRatio?: number;
  /** The same ratio from CPU-time rates. */
  readonly cpuRatio?: number;
  /** The least acceptable ratio, when the row has a goal. */
  readonly goalRatio?: number;
}

export interface PromQLBenchOptions {
  /** Minimum measured time per case per round (default 2 s). */
  readonly minSeconds?: number;
  /** Measured rounds (default 5). */
  readonly rounds?: number;
  /** Length of one turn of a case within a round (default 0.25 s). */
  readonly sliceSeconds?: number;
  /** Warm-up time per case before measuring (default 1 s). */
  readonly warmupSeconds?: number;
  /** The expressions (default: the realistic mix of `promql-mix.ts`). */
  readonly mix?: readonly string[];
  /** Progress lines go here (default: none). */
  readonly log?: (line: string) => void;
}

/** The goal: parse+check keeps at least this share of lezer's raw parse rate. */
export const PROMQL_GOAL_RATIO = 0.7;

const LEZER = 'lezer parser.parse (raw)';
const CHECK_242 = 'checkExpression, target 2.42';
const CHECK_DEFAULT = `checkExpression, default target (${DEFAULT_VERSION})`;
const CHECK_ANALYSIS = 'checkExpression + analysis, target 2.42';

interface Case {
  readonly name: string;
  /** Runs one whole pass over the mix and returns a value derived from every result. */
  readonly pass: (mix: readonly string[]) => number;
  /** What `pass` must return for the mix, to prove every result was produced and is right. */
  readonly expected: (mix: readonly string[]) => number;
}

const totalLength = (mix: readonly string[]): number => mix.reduce((n, e) => n + e.length, 0);

function checkerPass(target: string | undefined, withAnalysis = false): (mix: readonly string[]) => number {
  const options = target === undefined ? {} : { target };
  return (mix) => {
    let valid = 0;
    for (let i = 0; i < mix.length; i++) {
      const r = checkExpression(mix[i] as string, options);
      // The analysis is computed on first access; a build whose checks read it pays for it.
      if (r.valid && r.expr && r.expr.end > 0 && (!withAnalysis || (r.analysis?.selectors.length ?? 0) >= 0)) valid++;
    }
    return valid;
  };
}

const CASES: readonly Case[] = [
  {
    name: LEZER,
    pass: (mix) => {
      let n = 0;
      for (let i = 0; i < mix.length; i++) n += parser.parse(mix[i] as string).length;
      return n;
    },
    expected: totalLength,
  },
  { name: CHECK_242, pass: checkerPass('2.42'), expected: (mix) => mix.length },
  { name: CHECK_DEFAULT, pass: checkerPass(undefined), expected: (mix) => mix.length },
  { name: CHECK_ANALYSIS, pass: checkerPass('2.42', true), expected: (mix) => mix.length },
];

interface Timing {
  passes: number;
  ns: bigint;
  cpuUs: number;
}

const zero = (): Timing => ({ passes: 0, ns: 0n, cpuUs: 0 });

/** Whole passes until `minNs` have elapsed; every pass's result is checked. */
function timePasses(c: Case, mix: readonly string[], minNs: bigint, expected: number): Timing {
  let passes = 0;
  let bad = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let ns = 0n;
  do {
    if (c.pass(mix) !== expected) bad++;
    passes++;
    ns = process.hrtime.bigint() - t0;
  } while (ns < minNs);
  const cpu = process.cpuUsage(cpu0);
  if (bad > 0)
    throw new Error(
      `${c.name}: ${bad} of ${passes} passes gave a wrong result (an expression of the mix was rejected?)`,
    );
  return { passes, ns, cpuUs: cpu.user + cpu.system };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const seconds = (s: number): bigint => BigInt(Math.round(s * 1e9));

/** Runs the PromQL benchmark and returns one row per case (lezer first). */
export async function benchPromQL(options: PromQLBenchOptions = {}): Promise<BenchRow[]> {
  const mix = options.mix ?? PROMQL_MIX;
  const rounds = Math.max(1, options.rounds ?? 5);
  const minNs = seconds(options.minSeconds ?? 2);
  const sliceNs = seconds(options.sliceSeconds ?? 0.25);
  const warmNs = seconds(options.warmupSeconds ?? 1);
  const log = options.log ?? (() => {});
  if (mix.length === 0) throw new Error('empty PromQL mix');

  const expected = CASES.map((c) => c.expected(mix));
  // perRound[case][round]
  const perRound: Timing[][] = CASES.map(() => []);

  CASES.forEach((c, i) => {
    log(`warm-up: ${c.name}`);
    timePasses(c, mix, warmNs, expected[i] as number);
  });
  for (let r = 0; r < rounds; r++) {
    const acc = CASES.map(zero);
    for (let turn = 0; acc.some((a) => a.ns < minNs); turn++) {
      for (let k = 0; k < CASES.length; k++) {
        const i = (k + turn + r) % CASES.length;
        const a = acc[i] as Timing;
        if (a.ns >= minNs) continue;
        const t = timePasses(CASES[i] as Case, mix, sliceNs, expected[i] as number);
        a.passes += t.passes;
        a.ns += t.ns;
        a.cpuUs += t.cpuUs;
      }
    }
    acc.forEach((a, i) => (perRound[i] as Timing[]).push(a));
    const rate = (a: Timing): string => `${Math.round((a.passes * mix.length) / (Number(a.ns) / 1e9))}`;
    log(`round ${r + 1}/${rounds}: ${CASES.map((c, i) => `${c.name}: ${rate(acc[i] as Timing)}`).join(', ')} expr/s`);
    // Let pending timers and I/O run between rounds.
    await new Promise((resolve) => setImmediate(resolve));
  }

  const wallRate = (t: Timing): number => (t.passes * mix.length) / (Number(t.ns) / 1e9);
  const cpuRate = (t: Timing): number => (t.passes * mix.length) / (t.cpuUs / 1e6);
  const lezer = perRound[0] as Timing[];
  return CASES.map((c, i): BenchRow => {
    const ts = perRound[i] as Timing[];
    const rs = ts.map(wallRate);
    const rate = median(rs);
    const ops = ts.reduce((n, t) => n + t.passes * mix.length, 0);
    const ns = ts.reduce((n, t) => n + Number(t.ns), 0);
    const cpuUs = ts.reduce((n, t) => n + t.cpuUs, 0);
    const row: BenchRow = {
      name: c.name,
      unit: 'expr',
      opsPerSec: rate,
      usPerOp: 1e6 / rate,
      minOpsPerSec: Math.min(...rs),
      maxOpsPerSec: Math.max(...rs),
      opsPerCpuSec: median(ts.map(cpuRate)),
      ops,
      seconds: ns / 1e9,
      cpuPerWall: cpuUs / (ns / 1e3),
    };
    if (i === 0) return row;
    const ratios = ts.map((t, r) => wallRate(t) / wallRate(lezer[r] as Timing));
    const cpuRatios = ts.map((t, r) => cpuRate(t) / cpuRate(lezer[r] as Timing));
    return {
      ...row,
      baseline: LEZER,
      ratio: median(ratios),
      minRatio: Math.min(...ratios),
      maxRatio: Math.max(...ratios),
      cpuRatio: median(cpuRatios),
      // The goal is about parse + check; the analysis row is reported for what builds with registry checks pay.
      ...(c.name === CHECK_ANALYSIS ? {} : { goalRatio: PROMQL_GOAL_RATIO }),
    };
  });
}

/** Facts about the mix, for the report. */
export function promqlMixSummary(mix: readonly string[] = PROMQL_MIX): {
  expressions: number;
  meanLength: number;
  minLength: number;
  maxLength: number;
} {
  const lengths = mix.map((e) => e.length);
  return {
    expressions: mix.length,
    meanLength: totalLength(mix) / Math.max(1, mix.length),
    minLength: Math.min(...lengths),
    maxLength: Math.max(...lengths),
  };
}
