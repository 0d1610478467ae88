/**
 * `npm run bench`: runs the benchmarks and prints the machine, the date and a table of results.
 *
 *   npm run bench                  table on stdout (progress on stderr)
 *   npm run bench -- --json        machine + results as JSON on stdout
 *   npm run bench -- --write       also rewrites each benchmark's generated section of BENCHMARKS.md
 *   npm run bench -- --only promql run only the named benchmark(s) (repeatable)
 *   npm run bench -- --quick       short run (1 round of 0.5 s) for trying things out; not with --write
 *
 * Adding a benchmark: append to BENCHMARKS below a name, a title and a `run` returning rows
 * (`BenchRow`); with `--write` its rows go between `<!-- bench:NAME:begin -->` and
 * `<!-- bench:NAME:end -->` in BENCHMARKS.md (the section is appended when the markers are missing).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchLint, LINT_COLUMNS, lintBenchInput, lintVerdict } from './bench/lint.ts';
import { benchProject, PROJECT_COLUMNS, projectBenchInput, projectVerdict } from './bench/project.ts';
import { benchPromQL, PROMQL_GOAL_RATIO, promqlMixSummary, type BenchRow } from './bench/promql.ts';

export type { BenchRow } from './bench/promql.ts';

export interface RunOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

export interface Benchmark {
  /** Short id: used by `--only` and in the BENCHMARKS.md markers. */
  readonly name: string;
  readonly title: string;
  readonly run: (opts: RunOptions) => Promise<BenchRow[]>;
  /** Extra facts about the input (sizes, counts), printed and written with the rows. */
  readonly describe?: (opts: RunOptions) => Record<string, unknown>;
  /** Markdown lines after the table (goals and verdicts), from the rows. */
  readonly verdict?: (rows: readonly BenchRow[]) => string[];
  /** A table of other columns than the throughput table (e.g. wall times of whole commands). */
  readonly columns?: Columns;
}

export interface Columns {
  readonly header: readonly string[];
  /** Indexes of the columns printed right-aligned (numbers). */
  readonly rightAligned: readonly number[];
  cells(r: BenchRow): string[];
}

const pct = (r: number): string => `${(r * 100).toFixed(0)}%`;

export const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'promql',
    title: 'PromQL: parse + check throughput vs raw lezer-promql parse',
    run: ({ quick, log }) =>
      benchPromQL(quick ? { minSeconds: 0.5, rounds: 1, sliceSeconds: 0.1, warmupSeconds: 0.3, log } : { log }),
    describe: ({ quick }) => ({
      ...promqlMixSummary(),
      mix: 'scripts/bench/promql-mix.ts',
      method: quick
        ? 'quick: warm-up 0.3 s per case, 1 round, >= 0.5 s per case in 0.1 s turns'
        : 'warm-up 1 s per case, then 5 rounds; in a round the cases take turns of 0.25 s until each has >= 2 s; median over rounds of rates and of per-round ratios',
    }),
    verdict: (rows) => {
      // Rows with a goal of their own (the analysis row is measured for information only).
      const checked = rows.filter((r) => r.ratio !== undefined && r.goalRatio !== undefined);
      const met = checked.every((r) => (r.ratio as number) >= PROMQL_GOAL_RATIO);
      const detail = checked
        .map((r) => `${r.name.replace(/^checkExpression, /, '')}: ${pct(r.ratio as number)}`)
        .join('; ');
      return [
        `Goal: the checker keeps at least ${pct(PROMQL_GOAL_RATIO)} of lezer's raw parse rate. **${met ? 'Met' : 'Not met'}** (${detail}).`,
      ];
    },
  },
  {
    name: 'project',
    title: 'Project: obs lint vs promtool on a 20,000-rule file, full and no-op obs build',
    run: (opts) => benchProject(opts),
    describe: () => projectBenchInput(),
    verdict: projectVerdict,
    columns: PROJECT_COLUMNS,
  },
  {
    name: 'lint',
    title: 'obs lint vs promtool: 20,000 recording rules, real rule files, one small file',
    run: (opts) => benchLint(opts),
    describe: () => lintBenchInput(),
    verdict: lintVerdict,
    columns: LINT_COLUMNS,
  },
];

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly node: string;
  readonly platform: string;
  /** The commit measured; `+dirty:HASH` (a hash of `git diff HEAD`) when tracked files differ from it. */
  readonly revision: string;
  readonly date: string;
}

function revision(): string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    if (!git('status', '--porcelain', '--untracked-files=no')) return head;
    // Identify the uncommitted state too, so figures from a dirty tree can be told apart.
    return `${head}+dirty:${createHash('sha256').update(git('diff', 'HEAD')).digest('hex').slice(0, 8)}`;
  } catch {
    return 'unknown';
  }
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    revision: revision(),
    date: new Date().toISOString(),
  };
}

interface Result {
  readonly benchmark: Benchmark;
  readonly rows: BenchRow[];
  readonly input?: Record<string, unknown>;
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtUs = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function cells(r: BenchRow): string[] {
  return [
    r.name,
    `${fmtInt(r.opsPerSec)} ${r.unit}/s`,
    fmtUs(r.usPerOp),
    `${fmtInt(r.minOpsPerSec)}–${fmtInt(r.maxOpsPerSec)}`,
    r.ratio === undefined
      ? 'baseline'
      : `${pct(r.ratio)} (${pct(r.minRatio ?? r.ratio)}–${pct(r.maxRatio ?? r.ratio)})`,
    r.cpuRatio === undefined ? '' : pct(r.cpuRatio),
    r.cpuPerWall === undefined ? '' : r.cpuPerWall.toFixed(2),
    r.goalRatio === undefined || r.ratio === undefined
      ? ''
      : `≥ ${pct(r.goalRatio)}: ${r.ratio >= r.goalRatio ? 'met' : 'NOT met'}`,
  ];
}

const HEADER = [
  'case',
  'rate (median)',
  'µs/op',
  'rounds min–max',
  'vs baseline (rounds)',
  'same, CPU time',
  'cpu/wall',
  'goal',
];
const THROUGHPUT: Columns = { header: HEADER, rightAligned: [1, 2, 3, 4, 5, 6], cells };

function textTable(rows: readonly BenchRow[], cols: Columns = THROUGHPUT): string {
  const body = [[...cols.header], ...rows.map((r) => cols.cells(r))];
  const widths = cols.header.map((_, i) => Math.max(...body.map((r) => (r[i] ?? '').length)));
  const right = new Set(cols.rightAligned);
  const line = (r: string[]): string =>
    r
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(body[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...body.slice(1).map(line)].join(
    '\n',
  );
}

function markdownTable(rows: readonly BenchRow[], cols: Columns = THROUGHPUT): string {
  return [
    `| ${cols.header.join(' | ')} |`,
    `|${cols.header.map((_, i) => (cols.rightAligned.includes(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${cols.cells(r).join(' | ')} |`),
  ].join('\n');
}

function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.platform}; code at ${m.revision}`;
}

function section(result: Result, m: Machine): string {
  const { benchmark, rows, input } = result;
  const lines = [`_Generated by \`npm run bench -- --write\` on ${m.date}._`, '', `Machine: ${machineLine(m)}.`];
  if (input)
    lines.push(
      '',
      `Input: ${Object.entries(input)
        .map(([k, v]) => `${k} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)}`)
        .join(', ')}.`,
    );
  lines.push('', markdownTable(rows, benchmark.columns));
  const verdict = benchmark.verdict?.(rows);
  if (verdict?.length) lines.push('', ...verdict);
  return lines.join('\n');
}

function writeSections(file: string, results: readonly Result[], m: Machine): void {
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  for (const r of results) {
    const begin = `<!-- bench:${r.benchmark.name}:begin -->`;
    const end = `<!-- bench:${r.benchmark.name}:end -->`;
    const block = `${begin}\n${section(r, m)}\n${end}`;
    const i = doc.indexOf(begin);
    const j = doc.indexOf(end);
    if (i >= 0 && j > i) doc = doc.slice(0, i) + block + doc.slice(j + end.length);
    else doc = `${doc.trimEnd()}\n\n## ${r.benchmark.title}\n\n${block}\n`;
  }
  writeFileSync(file, doc);
}

function usage(message: string): never {
  process.stderr.write(
    `bench: ${message}\nusage: npm run bench -- [--json] [--write] [--quick] [--only NAME]...\nbenchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`,
  );
  process.exit(2);
}

async function main(argv: readonly string[]): Promise<void> {
  let json = false;
  let write = false;
  let quick = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--write') write = true;
    else if (a === '--quick') quick = true;
    else if (a === '--only') {
      const name = argv[++i];
      if (!name || !BENCHMARKS.some((b) => b.name === name))
        usage(`--only needs one of: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      only.push(name);
    } else usage(`unknown option ${JSON.stringify(a)}`);
  }
  if (write && quick) usage('--write records figures in BENCHMARKS.md; use a full run, not --quick');

  const m = machine();
  const log = (line: string): void => {
    process.stderr.write(`  ${line}\n`);
  };
  if (!json) process.stdout.write(`Machine: ${machineLine(m)}\nDate:    ${m.date}\n`);

  const results: Result[] = [];
  for (const b of BENCHMARKS) {
    if (only.length > 0 && !only.includes(b.name)) continue;
    process.stderr.write(`running ${b.name}${quick ? ' (quick)' : ''}...\n`);
    const rows = await b.run({ quick, log });
    const input = b.describe?.({ quick, log });
    results.push({ benchmark: b, rows, ...(input ? { input } : {}) });
    if (!json) {
      process.stdout.write(`\n${b.title}\n`);
      if (input)
        process.stdout.write(
          `${Object.entries(input)
            .map(([k, v]) => `${k}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)}`)
            .join(', ')}\n`,
        );
      process.stdout.write(`\n${textTable(rows, b.columns)}\n`);
      for (const v of b.verdict?.(rows) ?? []) process.stdout.write(`\n${v.replace(/\*\*/g, '')}\n`);
    }
  }

  if (json) {
    const out = {
      machine: m,
      quick,
      benchmarks: results.map((r) => ({
        name: r.benchmark.name,
        title: r.benchmark.title,
        ...(r.input ? { input: r.input } : {}),
        rows: r.rows,
      })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  if (write) {
    const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
    writeSections(file, results, m);
    process.stderr.write(`wrote ${file}\n`);
  }
}

// Run only as the entry point, so that the list and helpers can be imported without running anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
