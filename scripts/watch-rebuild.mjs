#!/usr/bin/env node
// Measures what `obs build --watch` does after a save, on a copy of this repository's definitions:
// how long a rebuild takes (edit → out/ rewritten), in wall time and in CPU time (user + system of
// the process: what a shared machine's load does not inflate), and whether memory stays bounded
// over many rebuilds in one process (each edit gives the edited module a new evaluation, see
// bin/library-hook.js). Each file given is edited in turn (a help, summary, title or description
// text; a file without one, such as obs.config.ts, gets a comment line that changes each save), so
// the runs of different files interleave. Quantiles are over every save of a file.
// Usage: node --expose-gc scripts/watch-rebuild.mjs [REBUILDS=200] [FILE,...=alerts/keiko.ts]
//   e.g. node --expose-gc scripts/watch-rebuild.mjs 30 alerts/keiko.ts,dashboards/keiko/backend.ts,registry/keiko.ts
// OBS_BENCH_RAW=FILE appends one JSON line per run ({ file: { ms: [...], cpu: [...] } }), so the
// saves of several interleaved runs can be pooled (paired old/new rounds on a shared machine).
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../bin/library.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rebuilds = Number(process.argv[2] ?? 200);
const edited = (process.argv[3] ?? 'alerts/keiko.ts').split(',');
const gc = globalThis.gc ?? (() => {});
/** The first text the edit changes: what a person edits while writing (it reaches out/ or the checks). */
const EDITABLE = /((?:help|summary|description|title): ')/;

const dir = mkdtempSync(join(tmpdir(), 'obs-watch-bench-'));
try {
  for (const f of [
    'alerts',
    'recording',
    'dashboards',
    'slos',
    'registry',
    'alertmanager',
    'obs.config.ts',
    'package.json',
  ])
    cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  symlinkSync(join(ROOT, 'dsl'), join(dir, 'dsl'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const { dir: lib } = await loadLibrary();
  const api = await import(join(lib, 'api.mjs'));
  const session = new api.Session(dir);
  let t = performance.now();
  const first = await api.build({ root: dir, session });
  if (!first.ok) throw new Error(`the first build failed: ${first.diagnostics.map((d) => d.message).join('\n')}`);
  console.log(`first build: ${Math.round(performance.now() - t)} ms, ${first.files.length} files`);
  const originals = new Map(edited.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  /** The file's text for save `i`: an edited text, or a comment line at its end. */
  const edit = (f, i) => {
    const text = originals.get(f);
    return EDITABLE.test(text) ? text.replace(EDITABLE, `$1r${i} `) : `${text}// save ${i}\n`;
  };
  const runs = new Map(edited.map((f) => [f, { ms: [], cpu: [] }]));
  const heap = [];
  for (let i = 1; i <= rebuilds; i++) {
    for (const f of edited) {
      writeFileSync(join(dir, f), edit(f, i));
      t = performance.now();
      const cpu = process.cpuUsage();
      const r = await api.build({ root: dir, session });
      const used = process.cpuUsage(cpu);
      runs.get(f).ms.push(performance.now() - t);
      runs.get(f).cpu.push((used.user + used.system) / 1000);
      if (!r.ok) throw new Error(`rebuild ${i} after an edit of ${f} failed: ${r.diagnostics[0]?.message}`);
    }
    if (i === 1 || i % 20 === 0) {
      gc();
      heap.push([i, process.memoryUsage().heapUsed / 2 ** 20]);
    }
  }
  if (process.env.OBS_BENCH_RAW)
    (await import('node:fs')).appendFileSync(
      process.env.OBS_BENCH_RAW,
      `${JSON.stringify({ load: (await import('node:os')).loadavg(), runs: Object.fromEntries(runs) })}\n`,
    );
  const q = (xs, p) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  };
  for (const [f, { ms, cpu }] of runs)
    console.log(
      `${rebuilds} rebuilds after an edit of ${f}: wall median ${q(ms, 0.5)} ms, p90 ${q(ms, 0.9)} ms, max ${q(ms, 1)} ms; ` +
        `CPU median ${q(cpu, 0.5)} ms, p90 ${q(cpu, 0.9)} ms, p95 ${q(cpu, 0.95)} ms; wall p95 ${q(ms, 0.95)} ms`,
    );
  console.log(
    `load average at the end: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`heap after gc (rebuild: MiB): ${heap.map(([i, m]) => `${i}: ${m.toFixed(1)}`).join(', ')}`);
  if (heap.length > 1) {
    const [i0, m0] = heap[0];
    const [i1, m1] = heap[heap.length - 1];
    console.log(`growth: ${(((m1 - m0) * 1024) / Math.max(1, i1 - i0)).toFixed(0)} KiB per round of edits`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
