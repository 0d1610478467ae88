// Loads authored TypeScript without a loader hook: Node 20's hooks run on a thread of their own
// (`module.register`), whose start and the round trip of every import to it cost about 0.15 s of a
// 0.6 s `obs lint` of one small file from a project with registries. Node 20 has no in-thread
// hooks (`module.registerHooks` is Node 22), so the module graph is compiled before it is imported:
//
// - Each authored TS module is compiled by bin/compile-ts.js (the loader hook's compiler, the same
//   cache), its imports are resolved here (Node's rule for a file that exists, TypeScript's
//   otherwise, as the hook does), and a copy whose import specifiers are the resolved URLs is
//   written into the cache: `<cache>/m/<key>/<the source's absolute path>.mjs`. Node then imports
//   the copy of each entry with no hook at all; packages, JSON and Node's built-ins load as usual,
//   obs's library as the bundle's entry modules (the same redirects as the hook).
// - The key hashes the module's compiled text (whose own key covers its path, bytes, compiler
//   options and esbuild) and the URLs of what it imports, so an edited dependency gives every
//   module that imports it, at any depth, a new key; modules in an import cycle share one key over
//   all of them. A copy can never be stale, and a load that finds a module unchanged imports the
//   same URL, which Node hands back already evaluated (watch mode's incremental loads).
// - The path of the source is in the copy's name, so a stack frame of the copy names its file
//   (dsl/core/call-site.ts reads it back); Node maps line and column through the map beside it, and
//   `import.meta.url`, `dirname` and `filename` are the source's (compile-ts.js defines them).
//
// Whatever this does not handle as the hook would, it leaves to the hook (the caller registers it
// then): a JavaScript module of the author's, an import it cannot resolve (Node's error names it),
// a specifier computed at run time, `import.meta.resolve`, TS inside node_modules, a cache it
// cannot write.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LINKED, TS_MODULE } from './compile-ts.js';
import { writeWhole } from './write-whole.js';

/** Why the graph is left to the hook (the message is for debugging: OBS_DEBUG_LINK=1). */
export class Unlinkable extends Error {}

const NODE_MODULES = `${sep}node_modules${sep}`;
/** Loaded as they are: data Node reads itself. */
const NATIVE = /\.(?:json|cjs|node|wasm)$/;

function fileOf(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s?.isFile() ? realpathSync(path) : undefined;
}

/**
 * Compiles the authored modules `entries` (file URLs) and what they import into linked copies.
 * Returns the copies' URLs, one per entry, and the file URLs the graph reads (each authored module
 * tagged with its key, so a load tells which modules it evaluated anew); undefined when the hook
 * must load them (see above). `redirects`: resolved URL → the URL that module is loaded from;
 * `analysed`: analyseGraph's result for these entries, when the caller has it.
 */
export async function linkModules(compiler, entries, { redirects, analysed }) {
  try {
    return await link(analysed ?? (await analyseGraph(compiler, entries, redirects)), compiler);
  } catch (e) {
    // A module that does not compile too: the hook reports it, located, as it always did.
    if (process.env.OBS_DEBUG_LINK)
      process.stderr.write(`obs: loading through the hook: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}

async function link({ roots, nodes, urls, told }, compiler) {
  let codec;
  for (const n of nodes.values()) {
    const file = fileURLToPath(urls.get(n.path));
    if (existsSync(file)) continue;
    codec ??= await import('@jridgewell/sourcemap-codec');
    const { code, map } = withSpecifiers(
      codec,
      n.code,
      n.imports.map(({ start, end, dynamic, target }) => {
        const url = target.url ?? urls.get(target.path);
        return { start, end, text: dynamic ? JSON.stringify(url) : url };
      }),
    );
    try {
      mkdirSync(dirname(file), { recursive: true });
      // The map in a file of its own, written first: Node parses an inline map's whole data: URL
      // as a URL when it loads the module (the registries' maps took about 20 ms in a profile).
      writeWhole(`${file}.map`, JSON.stringify(map));
      writeWhole(file, `${code}\n//# sourceMappingURL=${basename(file)}.map\n`);
    } catch (e) {
      throw new Unlinkable(`cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  compiler.prune();
  return { urls: roots.map((p) => urls.get(p)), told };
}

/**
 * The graph of authored modules the entries reach, compiled: per source path its compiled key and
 * code and its imports with what each resolves to; the URL of each module's linked copy (whose key
 * covers all it reaches), and the file URLs the graph reads. Throws Unlinkable (see above).
 */
export async function analyseGraph(compiler, entries, redirects) {
  if (!compiler.cacheDir) throw new Unlinkable('no cache');
  compiler.forgetResolutions();
  /** Per source path: its compiled key and code, and its imports with what each resolved to. */
  const nodes = new Map();
  const told = new Set();

  /** What `specifier`, imported by the module at `from`, is: a module of the graph or a URL as it is. */
  const resolve = (specifier, from) => {
    if (isBuiltin(specifier) || specifier.startsWith('data:')) return { url: specifier };
    if (
      /[?#]/.test(specifier.replace(/^#/, '')) ||
      (/^[a-z][a-z0-9+.-]*:/i.test(specifier) && !specifier.startsWith('file:'))
    )
      throw new Unlinkable(`${specifier} from ${from}`);
    let path;
    if (/^(?:\.{1,2}\/|\/|file:)/.test(specifier))
      path = fileOf(fileURLToPath(new URL(specifier, pathToFileURL(from))));
    if (!path) {
      try {
        path = compiler.resolve(specifier, from);
      } catch {
        // not found: Node's error (through the hook) names it
      }
      if (path) path = realpathSync(path);
    }
    if (!path) throw new Unlinkable(`${specifier} not found from ${from}`);
    const url = pathToFileURL(path).href;
    const to = redirects.get(url);
    if (to) return { url: to };
    if (path.includes(NODE_MODULES)) {
      if (TS_MODULE.test(path)) throw new Unlinkable(`TypeScript in a package: ${path}`);
      told.add(url);
      return { url };
    }
    if (TS_MODULE.test(path)) return { path };
    if (NATIVE.test(path)) {
      told.add(url);
      return { url };
    }
    throw new Unlinkable(`an authored module that is not TypeScript: ${path}`);
  };

  /** Compiles the module and, from its imports, those it reaches that are not compiled yet. */
  const visit = async (path) => {
    if (nodes.has(path)) return;
    const node = { path, imports: [] };
    nodes.set(path, node);
    const { key, code } = await compiler.compiled(path);
    node.key = key;
    node.code = code;
    const imports = await importsOf(compiler.cacheDir, key, code);
    const next = [];
    for (const i of imports) {
      // Static (1) and dynamic (2) imports of a literal: anything else (import.meta, a specifier
      // computed at run time, source phase imports) needs the module's real URL.
      if ((i.t !== 1 && i.t !== 2) || i.n === undefined)
        throw new Unlinkable(`import.meta or import(expression) in ${path}`);
      const target = resolve(i.n, path);
      node.imports.push({ start: i.s, end: i.e, dynamic: i.t === 2, target });
      if (target.path) next.push(visit(target.path));
    }
    await Promise.all(next);
  };

  const roots = entries.map((u) => {
    const path = fileOf(fileURLToPath(u));
    if (!path || !TS_MODULE.test(path) || path.includes(NODE_MODULES)) throw new Unlinkable(`entry ${u}`);
    return path;
  });
  await Promise.all(roots.map(visit));

  // Keys bottom-up over the strongly connected components (Tarjan's order: each component after
  // those it imports), so a module's key covers the URLs of all it imports.
  const urls = new Map();
  const graph = stronglyConnected(nodes.keys(), (p) =>
    nodes.get(p).imports.flatMap(({ target }) => (target.path === undefined ? [] : [target.path])),
  );
  for (const component of graph.map((c) => c.map((p) => nodes.get(p)))) {
    const members = new Set(component.map((n) => n.path));
    const h = createHash('sha256').update('obs-link 2\n');
    for (const n of [...component].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      h.update(`${n.path}\n${n.key}\n`);
      for (const { target } of n.imports)
        h.update(`${target.url ?? (members.has(target.path) ? `cycle ${target.path}` : urls.get(target.path))}\n`);
    }
    const key = h.digest('hex').slice(0, 32);
    for (const n of component) {
      urls.set(n.path, pathToFileURL(join(compiler.cacheDir, LINKED, key, `${n.path}.mjs`)).href);
      told.add(`${pathToFileURL(n.path).href}?obs=${key}`);
    }
  }

  const cyclic = new Set(graph.filter((c) => c.length > 1).flat());
  return { roots, nodes, urls, told: [...told], cyclic };
}

/**
 * The imports of a compiled module, as es-module-lexer finds them (kind, specifier, its place),
 * kept beside the compile cache's entry (the same key names both): a later run reads them instead
 * of loading the lexer and parsing the code again.
 */
async function importsOf(cacheDir, key, code) {
  const file = join(cacheDir, `${key}.imports.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // not parsed yet
  }
  const lexer = await import('es-module-lexer');
  await lexer.init;
  // The code without its inline map, about half of the text.
  const at = code.lastIndexOf(INLINE_MAP);
  const [found] = lexer.parse(at < 0 ? code : code.slice(0, at));
  const imports = found.map(({ t, n, s, e }) => ({ t, n, s, e }));
  try {
    writeWhole(file, JSON.stringify(imports));
  } catch {
    // A cache that cannot be written only costs parsing again.
  }
  return imports;
}

const INLINE_MAP = '\n//# sourceMappingURL=data:application/json;base64,';

/**
 * The compiled code with its import specifiers replaced (without its inline map), and that map
 * moved to match: the compiled code is minified onto few lines, so a longer specifier moves every
 * column after it.
 */
function withSpecifiers({ decode, encode }, code, replacements) {
  const at = code.lastIndexOf(INLINE_MAP);
  if (at < 0) throw new Unlinkable('compiled code without its source map');
  const body = code.slice(0, at);
  const map = JSON.parse(Buffer.from(code.slice(at + INLINE_MAP.length).trim(), 'base64').toString('utf8'));
  const lines = decode(map.mappings);
  // Per line of the compiled code, where its replacements end and how far each moves what follows.
  const shifts = new Map();
  let out = '';
  let from = 0;
  let line = 0;
  let lineStart = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    for (let nl = body.indexOf('\n', lineStart); nl >= 0 && nl < r.start; nl = body.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    const list = shifts.get(line) ?? [];
    list.push({ end: r.end - lineStart, by: r.text.length - (r.end - r.start) });
    shifts.set(line, list);
    out += body.slice(from, r.start) + r.text;
    from = r.end;
  }
  out += body.slice(from);
  for (const [l, list] of shifts)
    for (const segment of lines[l] ?? [])
      segment[0] += list.reduce((sum, { end, by }) => (segment[0] >= end ? sum + by : sum), 0);
  map.mappings = encode(lines);
  return { code: out, map };
}

/**
 * Tarjan's strongly connected components of a graph, each after those it reaches (the order a
 * bottom-up pass needs). `next(v)`: the vertices `v` has edges to. Iterative: a long chain of
 * imports must not exhaust the call stack. test/architecture.test.ts finds import cycles with it.
 */
export function stronglyConnected(vertices, next) {
  const out = [];
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  let counter = 0;
  const enter = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    return { v, edges: [...next(v)], i: 0 };
  };
  for (const start of vertices) {
    if (index.has(start)) continue;
    const work = [enter(start)];
    while (work.length > 0) {
      const frame = work.at(-1);
      if (frame.i < frame.edges.length) {
        const w = frame.edges[frame.i++];
        if (!index.has(w)) work.push(enter(w));
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v), index.get(w)));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.v, Math.min(low.get(parent.v), low.get(frame.v)));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        out.push(component);
      }
    }
  }
  return out;
}
