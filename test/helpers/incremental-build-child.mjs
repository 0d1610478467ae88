// Child of test/build/incremental-build.test.ts: builds project A incrementally (one session, as
// `obs build --watch` does, through the CLI's library bundle and loader hook) and project B (same
// files, another directory) with a full build of its own session each time, after each step of
// edits; prints one JSON line per step with both results and the out/ files that differ.
// Usage: node incremental-build-child.mjs STEPS.json A B
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadLibrary } from '../../bin/library.js';

const [stepsFile, a, b] = process.argv.slice(2);
const steps = JSON.parse(readFileSync(stepsFile, 'utf8'));
const { dir: lib } = await loadLibrary();
const api = await import(join(lib, 'api.mjs'));
const session = new api.Session(a);

function tree(dir) {
  const out = new Map();
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** A result as text to compare: the project directory's path written as <root>. */
function result(r, root) {
  const text = (v) => JSON.stringify(v).split(root).join('<root>');
  return {
    ok: r.ok,
    diagnostics: r.diagnostics.map(text).sort(),
    suppressed: r.suppressed.map(text).sort(),
    files: r.files.map((f) => f.path).sort(),
  };
}

for (let i = 0; i < steps.length; i++) {
  for (const { file, text } of steps[i].edits) {
    writeFileSync(join(a, file), text);
    writeFileSync(join(b, file), text);
  }
  let t = performance.now();
  const ra = await api.build({ root: a, session });
  const incrementalMs = Math.round(performance.now() - t);
  t = performance.now();
  const rb = await api.build({ root: b });
  const fullMs = Math.round(performance.now() - t);
  const ta = tree(join(a, 'out'));
  const tb = tree(join(b, 'out'));
  const outDiff = [...new Set([...ta.keys(), ...tb.keys()])].filter((p) => !ta.get(p)?.equals(tb.get(p) ?? Buffer.alloc(0)) || !tb.has(p)).sort();
  process.stdout.write(
    `${JSON.stringify({ step: i, name: steps[i].name, incremental: result(ra, a), full: result(rb, b), outFiles: ta.size, outDiff, incrementalMs, fullMs })}\n`,
  );
}
