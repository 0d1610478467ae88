/**
 * The proof that a watch rebuild is a build: on two copies of this repository's definitions, a
 * random sequence of edits (a query, a metric renamed in a registry, a rule added and removed, a
 * recording rule that others read, a dashboard query, a module broken and fixed) is applied to
 * both; after each step the incremental rebuild of one copy (one session, results of unchanged
 * units reused) must give exactly what a full build of the other gives: ok, every problem and
 * suppressed problem, the files, and out/ byte for byte. Runs in a child process through the
 * CLI's bundle and loader hook, as `obs build --watch` does.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = join(ROOT, 'test', 'helpers', 'incremental-build-child.mjs');
const DEFINITIONS = ['alerts', 'recording', 'dashboards', 'slos', 'registry', 'alertmanager', 'obs.config.ts', 'package.json'];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'obs-incremental-'));
  dirs.push(dir);
  for (const f of DEFINITIONS) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  symlinkSync(join(ROOT, 'dsl'), join(dir, 'dsl'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface Step {
  readonly name: string;
  readonly edits: readonly { readonly file: string; readonly text: string }[];
}

/** Edits as an author makes them, each on the files as the steps before left them. */
type Edit = (files: Map<string, string>, pick: <T>(xs: readonly T[]) => T, n: number) => Step;

const read = (files: Map<string, string>, file: string): string => {
  let t = files.get(file);
  if (t === undefined) files.set(file, (t = readFileSync(join(ROOT, file), 'utf8')));
  return t;
};

/** Replaces one occurrence (picked at random) of `re` in `file` by `to(match)`. */
function replaceOne(files: Map<string, string>, file: string, re: RegExp, to: (m: string) => string, pick: <T>(xs: readonly T[]) => T): string {
  const text = read(files, file);
  const at = pick([...text.matchAll(new RegExp(re.source, 'g'))]);
  if (!at) throw new Error(`${file}: nothing matches ${re}`);
  return text.slice(0, at.index) + to(at[0]) + text.slice(at.index + at[0].length);
}

const BROKEN = '\nexport const brokenOnPurpose = (;\n';
const ADDED = /\n {4}alert\(\{ name: 'AddedOnPurpose\d+'[^\n]*\n/;

const EDITS: Readonly<Record<string, Edit>> = {
  'change an alert query': (files, pick) => {
    const file = pick(['alerts/keiko.ts', 'alerts/checkout-api.ts', 'alerts/pytake.ts']);
    return { name: `a threshold in ${file}`, edits: [{ file, text: replaceOne(files, file, /> \d+(\.\d+)?`/, (m) => m.replace(/\d+(\.\d+)?/, (x) => String(Number(x) + 1)), pick) }] };
  },
  'change a range window': (files, pick) => {
    const file = pick(['alerts/keiko.ts', 'alerts/pytake.ts', 'alerts/ai-companion.ts', 'alerts/synchron-hub.ts']);
    return { name: `a window in ${file}`, edits: [{ file, text: replaceOne(files, file, /\[5m\]|\[10m\]/, (m) => (m === '[5m]' ? '[10m]' : '[5m]'), pick) }] };
  },
  'rename a metric in a registry': (files) => {
    const file = 'registry/keiko.ts';
    const text = read(files, file);
    const renamed = text.includes('api_errors_totals: counter(');
    return {
      name: renamed ? 'a registry metric renamed back' : 'a registry metric renamed',
      edits: [{ file, text: renamed ? text.replace('api_errors_totals: counter(', 'api_errors_total: counter(') : text.replace('api_errors_total: counter(', 'api_errors_totals: counter(') }],
    };
  },
  'add or remove a rule': (files, _pick, n) => {
    const file = 'alerts/keiko.ts';
    const text = read(files, file);
    const added = ADDED.exec(text);
    if (added) return { name: 'a rule removed', edits: [{ file, text: text.replace(ADDED, '\n') }] };
    const rule = `\n    alert({ name: 'AddedOnPurpose${n}', expr: 'sum(rate(http_requests_total{job="keiko-backend"}[5m])) == 0', for: '5m', labels: { severity: 'ticket', team: 'keiko' }, annotations: { summary: 'no traffic', description: 'added by the test' } }),\n`;
    const at = text.indexOf('rules: [') + 'rules: ['.length;
    return { name: 'a rule added', edits: [{ file, text: `${text.slice(0, at)}${rule}${text.slice(at)}` }] };
  },
  'change a recording rule others read': (files) => {
    // The alerts that select these series by job lose the label (or get it back).
    const file = 'recording/keiko.ts';
    const text = read(files, file);
    const regrouped = text.includes('sum by (instance) (${allRequests})');
    const [from, to] = regrouped ? ['(instance)', '(job)'] : ['(job)', '(instance)'];
    return {
      name: regrouped ? 'recording rules grouped by job again' : 'recording rules others read grouped by instance',
      edits: [{ file, text: text.replace(`sum by ${from} (\${allRequests})`, `sum by ${to} (\${allRequests})`).replace(`sum by ${from} (\${failedRequests})`, `sum by ${to} (\${failedRequests})`) }],
    };
  },
  'change a metric type in a registry': (files) => {
    // rate() over the series becomes a problem where it is used (or stops being one).
    const file = 'registry/keiko.ts';
    const text = read(files, file).replace('import { counter, histogram, registry }', 'import { counter, gauge, histogram, registry }');
    const gauge = text.includes('http_requests_total: gauge(');
    return {
      name: gauge ? 'a registry metric made a counter again' : 'a registry metric made a gauge',
      edits: [{ file, text: gauge ? text.replace('http_requests_total: gauge(', 'http_requests_total: counter(') : text.replace('http_requests_total: counter(', 'http_requests_total: gauge(') }],
    };
  },
  'change a dashboard query': (files, pick) => {
    const file = pick(['dashboards/keiko/backend.ts', 'dashboards/checkout/checkout-api.ts', 'dashboards/pytake/api-overview.ts']);
    return { name: `a query in ${file}`, edits: [{ file, text: replaceOne(files, file, /\[5m\]|\[\$__rate_interval\]/, (m) => (m === '[5m]' ? '[$__rate_interval]' : '[5m]'), pick) }] };
  },
  'break a module or fix it': (files, pick) => {
    const broken = [...files].find(([, t]) => t.endsWith(BROKEN));
    if (broken) return { name: `${broken[0]} fixed`, edits: [{ file: broken[0], text: broken[1].slice(0, -BROKEN.length) }] };
    const file = pick(['alerts/keiko.ts', 'registry/keiko.ts', 'recording/keiko.ts', 'dashboards/keiko/backend.ts']);
    return { name: `${file} broken`, edits: [{ file, text: read(files, file) + BROKEN }] };
  },
  'edit an annotation text': (files, pick) => {
    const file = pick(['alerts/keiko.ts', 'alerts/synchron-hub.ts']);
    return { name: `a summary in ${file}`, edits: [{ file, text: replaceOne(files, file, /summary: '/, () => "summary: 'edited ", pick) }] };
  },
  'change a rule test': (files) => {
    // The module's test file is written again; its rule file and every other stay as they were.
    const file = 'alerts/keiko.ts';
    const text = read(files, file);
    const edited = text.includes("values: '1 1 1 0 0 0'");
    return { name: edited ? 'a rule test input put back' : 'a rule test input changed', edits: [{ file, text: edited ? text.replace("values: '1 1 1 0 0 0'", "values: '1 1 0 0 0 0'") : text.replace("values: '1 1 0 0 0 0'", "values: '1 1 1 0 0 0'") }] };
  },
  'change the rule outputs in obs.config.ts': (files) => {
    // Every module's files are made again (and Mimir's appear or go): the options are part of each key.
    const file = 'obs.config.ts';
    const text = read(files, file);
    const both = text.includes("outputs: ['prometheus', 'mimir']");
    return { name: both ? 'Mimir output off' : 'Mimir output on', edits: [{ file, text: both ? text.replace("outputs: ['prometheus', 'mimir']", "outputs: ['prometheus']") : text.replace("outputs: ['prometheus']", "outputs: ['prometheus', 'mimir']") }] };
  },
  'change an Alertmanager route': (files, pick) => {
    const file = 'alertmanager/keiko.ts';
    return { name: 'a repeat interval in alertmanager/keiko.ts', edits: [{ file, text: replaceOne(files, file, /repeatInterval: '\d+h'/, (m) => (m.includes("'1h'") ? "repeatInterval: '2h'" : "repeatInterval: '1h'"), pick) }] };
  },
  'change a metric help in a registry': (files, pick) => {
    // One entry changes: the units that read it are checked again, the rest reused.
    const file = pick(['registry/keiko.ts', 'registry/pytake.ts']);
    return { name: `a help text in ${file}`, edits: [{ file, text: replaceOne(files, file, /help: '/, () => "help: 'edited ", pick) }] };
  },
};

/** Edits that fail the build (a module broken, metrics unknown, rate() over a gauge), undone by the next step. */
const UNDONE = new Set(['break a module or fix it', 'rename a metric in a registry', 'change a metric type in a registry']);

/** Every kind of edit once, in an order the seed decides, then as many more at random. */
function stepsFor(seed: number, extra: number): Step[] {
  const random = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const kinds = Object.keys(EDITS).sort(() => random() - 0.5);
  for (let i = 0; i < extra; i++) kinds.push(pick(Object.keys(EDITS)));
  const files = new Map<string, string>();
  const steps: Step[] = [];
  const apply = (step: Step): void => {
    for (const e of step.edits) files.set(e.file, e.text);
    steps.push(step);
  };
  kinds.forEach((k, n) => {
    apply(EDITS[k]!(files, pick, n));
    // What fails the build is undone by the next save, so most steps write out/ (and a module
    // left broken would leave the edits after it nothing to check).
    if (UNDONE.has(k)) apply(EDITS[k]!(files, pick, n));
  });
  return steps;
}

interface StepResult {
  readonly step: number;
  readonly name: string;
  readonly incremental: unknown;
  readonly full: unknown;
  readonly outFiles: number;
  readonly outDiff: readonly string[];
  readonly incrementalMs: number;
  readonly fullMs: number;
}

it('after every step of random edits, the incremental rebuild equals a full build: problems, files and out/ bytes', () => {
  const seed = Number(process.env.OBS_INCREMENTAL_SEED ?? 18);
  const steps = [{ name: 'first build', edits: [] }, ...stepsFor(seed, 2)];
  const a = copyOfRepository();
  const b = copyOfRepository();
  const stepsFile = join(a, '..', `${a.split('/').pop()}-steps.json`);
  writeFileSync(stepsFile, JSON.stringify(steps));
  dirs.push(stepsFile);
  const child = spawnSync(process.execPath, [CHILD, stepsFile, a, b], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 30 });
  expect(child.status, `${child.signal ?? ''} ${child.stderr}`).toBe(0);
  const results = child.stdout.trim().split('\n').map((l) => JSON.parse(l) as StepResult);
  expect(results.map((r) => r.name)).toEqual(steps.map((s) => s.name));
  type Built = { ok: boolean; diagnostics: readonly string[] };
  // OBS_INCREMENTAL_LOG=1: each step's verdict, problem counts and times (incremental, full).
  if (process.env.OBS_INCREMENTAL_LOG)
    for (const r of results) console.log(r.step, r.name, (r.full as Built).ok, (r.full as Built).diagnostics.length, (r.incremental as Built).diagnostics.length, `${r.incrementalMs} ms`, `${r.fullMs} ms`);
  // The edits changed what is reported, step after step (not a sequence of no-ops).
  const problems = results.map((r) => JSON.stringify((r.full as Built).diagnostics));
  expect(problems.filter((p, i) => i > 0 && p !== problems[i - 1]).length).toBeGreaterThan(steps.length / 3);
  let failed = 0;
  for (const r of results) {
    const where = `seed ${seed}, step ${r.step} (${r.name})`;
    expect(r.incremental, where).toEqual(r.full);
    expect(r.outDiff, `${where}: out/ files that differ`).toEqual([]);
    expect(r.outFiles, where).toBeGreaterThan(50);
    if (!(r.full as Built).ok) failed++;
  }
  // The sequence reached both kinds of state: builds that fail (a broken module) and builds that write.
  expect(failed).toBeGreaterThan(0);
  expect(failed).toBeLessThan(results.length);
}, 900_000);
