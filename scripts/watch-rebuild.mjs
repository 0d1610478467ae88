#!/usr/bin/env node
// Measures what `obs build --watch` does after a save, on a copy of this repository's definitions:
// how long a rebuild takes (edit → out/ rewritten) and whether memory stays bounded over many
// rebuilds in one process (each edit gives the edited module a new evaluation, see
// bin/library-hook.js). Usage: node --expose-gc scripts/watch-rebuild.mjs [REBUILDS=200] [FILE=alerts/keiko.ts]
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../bin/library.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rebuilds = Number(process.argv[2] ?? 200);
const edited = process.argv[3] ?? 'alerts/keiko.ts';
const gc = globalThis.gc ?? (() => {});

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
  const original = readFileSync(join(dir, edited), 'utf8');
  const ms = [];
  const heap = [];
  for (let i = 1; i <= rebuilds; i++) {
    // A save that changes what is built: a threshold-free edit, an annotation's text.
    writeFileSync(join(dir, edited), original.replace(/summary: '/, `summary: 'r${i} `));
    t = performance.now();
    const r = await api.build({ root: dir, session });
    ms.push(performance.now() - t);
    if (!r.ok || !r.diff || r.diff.changed.length === 0) throw new Error(`rebuild ${i} did not see the edit`);
    if (i === 1 || i % 20 === 0) {
      gc();
      heap.push([i, process.memoryUsage().heapUsed / 2 ** 20]);
    }
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  console.log(`${rebuilds} rebuilds after an edit of ${edited}: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`);
  console.log(`heap after gc (rebuild: MiB): ${heap.map(([i, m]) => `${i}: ${m.toFixed(1)}`).join(', ')}`);
  const [i0, m0] = heap[0];
  const [i1, m1] = heap[heap.length - 1];
  console.log(`growth: ${(((m1 - m0) * 1024) / Math.max(1, i1 - i0)).toFixed(0)} KiB per rebuild`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
