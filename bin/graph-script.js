// Runs the authored modules a one-shot command loads (obs.config.ts, the registries, definitions) as
// one script, with V8's code cache, instead of importing their linked copies (bin/link-ts.js).
//
// Why: Node 20 has no compile cache for ES modules. Importing the 15 registries of this repository
// as modules cost Node's ESM loader (resolving, reading each copy asynchronously, compiling it from
// scratch, its promises through the load guard's hooks) before the first one ran. As one script,
// the modules are read in one file and deserialised from a code cache.
//
// - The script is esbuild's bundle of the modules' compiled code (the compile cache's, see
//   bin/compile-ts.js: `import.meta.url`, `dirname` and `filename` already the source's), as
//   CommonJS, each module initialised when first required, in ES module order. It is kept in the
//   cache under a key that hashes the entries' linked keys (which cover every module they reach, its
//   code and what it imports), so it can never be stale; a run that finds it loads no esbuild.
// - obs's library is not in it: an import of it is a small module handing out the names of the
//   instance the CLI runs (as the facades do, bin/library.js), Node's built-ins likewise; esbuild
//   checks every name imported from them, so a missing export fails the bundle as Node fails the link.
// - Each entry's exports are an object shaped like a module namespace (keys sorted, no prototype),
//   so definitions are read in the same order.
// - Stack frames: the script's file name is that of a small ES module, imported first, whose
//   `sourceMappingURL` names the bundle's map: Node then maps the script's frames to the TS
//   `file:line:column` (error stacks) and `module.findSourceMap` finds it (dsl/core/call-site.ts,
//   which reads which module each line of the script is from in `graph.sources.json`).
//
// Only what it runs exactly as Node's ES module loader would is run this way; anything else is
// left to the linked copies (the caller's path): a dynamic import, `require`, an import cycle (ES
// modules' bindings are live and their temporal dead zones differ from a bundle's), a top-level
// await, a package or JSON import, a module an earlier load of this process imported as a copy.
// Modules an earlier script of this process ran are not run again: the later script is given them.
// A module that throws throws the same error to every module importing it, later entries included
// (esbuild's initialiser keeps its error, as Node keeps an errored module's).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseGraph, Unlinkable } from './link-ts.js';
import { GRAPHS } from './compile-ts.js';
import { cachedScript, writeWhole } from './write-whole.js';

/** Bump when the script's layout changes. */
const FORMAT = 1;
const LIBRARY = Symbol.for('obs.library');
/** How a linked copy reaches the exports of a module a script ran (see `shims`). */
const RAN = Symbol.for('obs.graph.ran');

/**
 * A graph runner for one process: `scripted(entries)` gives the entries' exports as one script
 * (see above), or undefined when the linked copies must load them (`copied(paths)` tells it which
 * modules those loaded). `redirects`: the library's module URLs → its facades; `facades`: the URLs
 * of the library's entry modules (bin/library.js).
 */
export function graphRunner(compiler, { redirects, facades }) {
  /** Source path → its namespace, for each module an earlier script of this process ran. */
  const ran = new Map();
  /** Source paths an earlier load imported as linked copies. */
  const copies = new Set();
  /** The last graph analysed, for the linked copies when it cannot run as one script. */
  let last;
  return {
    copied(paths) {
      for (const p of paths) copies.add(p);
    },
    /** The analysis of these entries' graph made by the last `scripted`, if any. */
    analysed(entries) {
      const found = last?.entries.length === entries.length && last.entries.every((u, i) => u === entries[i]);
      return found ? last.graph : undefined;
    },
    /**
     * For linked copies that import modules a script of this process ran: per such module's URL,
     * the URL of a module handing out that run's exports, so they are not run a second time.
     */
    shims(entries) {
      const graph = this.analysed(entries);
      const out = new Map();
      if (!graph || ran.size === 0) return out;
      // Entries too: one an earlier script ran (a registry obs.config.ts imported) is not run again as a copy.
      const wanted = new Set([
        ...graph.roots.filter((r) => ran.has(r)),
        ...[...graph.nodes.values()].flatMap((n) =>
          n.imports.flatMap(({ target }) => (ran.has(target.path) ? [target.path] : [])),
        ),
      ]);
      for (const path of wanted) {
        let ns;
        try {
          ns = ran.get(path);
          Object.keys(ns);
        } catch {
          continue; // it threw: its copy throws again, as the module did
        }
        globalThis[RAN] ??= (p) => ran.get(p);
        const text = handOut(`globalThis[Symbol.for(${JSON.stringify(RAN.description)})](${JSON.stringify(path)})`, ns);
        const file = join(
          compiler.cacheDir,
          GRAPHS,
          `ran-${createHash('sha256').update(`${path}\n${text}`).digest('hex').slice(0, 32)}.mjs`,
        );
        if (!existsSync(file)) {
          mkdirSync(dirname(file), { recursive: true });
          writeWhole(file, `${text}\n`);
        }
        out.set(pathToFileURL(path).href, pathToFileURL(file).href);
      }
      // Also under the entry's own URL, which may name the file another way (a symlink).
      graph.roots.forEach((r, i) => {
        const shim = out.get(pathToFileURL(r).href);
        if (shim) out.set(entries[i], shim);
      });
      return out;
    },
    async scripted(entries) {
      last = undefined;
      try {
        const analysed = await analyseGraph(compiler, entries, redirects);
        last = { entries: [...entries], graph: analysed };
        const graph = await scripted(analysed, compiler, facades, ran, copies);
        if (process.env.OBS_DEBUG_LINK)
          process.stderr.write(`obs: as one script: ${graph.paths.length} modules for ${entries.length} entries\n`);
        return graph;
      } catch (e) {
        if (process.env.OBS_DEBUG_LINK)
          process.stderr.write(`obs: not as one script: ${e instanceof Error ? e.message : String(e)}\n`);
        return undefined;
      }
    },
  };
}

async function scripted({ roots, nodes, urls, told, cyclic }, compiler, facadeUrls, ran, copies) {
  const facades = new Map(facadeUrls.map((u) => [u, fileURLToPath(u)]));
  // The modules this script runs (those an earlier one ran are handed in), and each root's reach.
  const mine = new Set();
  const reaches = roots.map(() => []);
  for (const [i, root] of roots.entries()) {
    const stack = [root];
    const seen = new Set();
    while (stack.length > 0) {
      const path = stack.pop();
      if (ran.has(path) || seen.has(path)) continue;
      seen.add(path);
      reaches[i].push(path);
      if (mine.has(path)) continue;
      if (copies.has(path)) throw new Unlinkable(`${path} was imported as a linked copy by an earlier load`);
      if (cyclic.has(path)) throw new Unlinkable(`${path} is in an import cycle`);
      mine.add(path);
      for (const { dynamic, target } of nodes.get(path).imports) {
        if (dynamic) throw new Unlinkable(`a dynamic import in ${path}`);
        if (target.path === path) throw new Unlinkable(`${path} imports itself`);
        if (target.path !== undefined) stack.push(target.path);
        else if (!isBuiltin(target.url) && !facades.has(target.url))
          throw new Unlinkable(
            `${target.url} imported by ${path} is not an authored TS module, obs's library or a built-in`,
          );
      }
    }
  }
  // All of it ran already (obs.config.ts loaded again): nothing to run.
  const order = [...mine];
  if (order.length === 0) return { told, paths: order, evaluate: (index) => ran.get(roots[index]) };
  const given = [...new Set(roots.flatMap((r) => [r, ...reach(nodes, r)]).filter((p) => ran.has(p)))].sort();
  const key = createHash('sha256')
    .update(`obs-graph ${FORMAT}\n${process.versions.node}\n`)
    .update(roots.map((r) => `${urls.get(r)}\n`).join(''))
    .update(given.map((p) => `given ${urls.get(p)}\n`).join(''))
    // The bundle bakes in the facades' export lists; an installed package keeps their file names across versions.
    .update(
      [...facades.values()]
        .sort()
        .map((f) => `facade ${f}\n${readFileSync(f, 'latin1')}\n`)
        .join(''),
    )
    .digest('hex')
    .slice(0, 32);
  const dir = join(compiler.cacheDir, GRAPHS, key);
  const meta = join(dir, 'graph.json');
  if (!existsSync(meta)) await build(dir, { nodes, order, given, ran, facades, roots });
  const { libraries } = JSON.parse(readFileSync(meta, 'utf8'));
  const library = globalThis[LIBRARY];
  if (!library) throw new Unlinkable('no library instance');
  const entryOf = new Map();
  for (const name of libraries) entryOf.set(name, await library.entries[name]());
  // The file name of the script's frames: an ES module whose map is the script's (see above).
  const named = join(dir, 'graph.mjs');
  if (process.sourceMapsEnabled) await import(pathToFileURL(named).href);
  const modules = run(dir, named, {
    library: (name) => entryOf.get(name),
    given: (path) => ran.get(path),
    builtin: createRequire(named),
  });
  const namespaces = new Map();
  const namespace = (path) => {
    if (!mine.has(path)) return ran.get(path);
    if (!namespaces.has(path)) namespaces.set(path, namespaceOf(modules[path]()));
    return namespaces.get(path);
  };
  return {
    told,
    paths: order,
    /** Runs the entry's modules not run yet (those it imports first) and gives its exports; throws what it throws. */
    evaluate(index) {
      const root = roots[index];
      try {
        const ns = namespace(root);
        // One an earlier script ran lazily throws its error here, when imported again, as Node's would.
        Reflect.ownKeys(ns);
        return ns;
      } finally {
        // What ran, for later scripts of this process. An entry that throws has run up to there: a
        // module that threw throws its error again (esbuild's init keeps it, as Node keeps a
        // module's), one it did not reach runs when first read, as Node would run it then.
        for (const p of reaches[index])
          if (!ran.has(p))
            ran.set(
              p,
              lazyNamespace(() => namespace(p)),
            );
      }
    },
  };
}

function reach(nodes, root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop();
    for (const { target } of nodes.get(p)?.imports ?? [])
      if (target.path !== undefined && !seen.has(target.path)) {
        seen.add(target.path);
        stack.push(target.path);
      }
  }
  return seen;
}

/** A namespace read when first asked (a module an entry that threw never reached runs then, as Node would). */
function lazyNamespace(get) {
  let ns;
  return new Proxy(
    {},
    {
      get: (_t, k) => Reflect.get((ns ??= get()), k),
      has: (_t, k) => Reflect.has((ns ??= get()), k),
      ownKeys: () => Reflect.ownKeys((ns ??= get())),
      getOwnPropertyDescriptor: (_t, k) => {
        const d = Reflect.getOwnPropertyDescriptor((ns ??= get()), k);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** An object shaped like a module namespace: its exports, live, in sorted order, no prototype. */
function namespaceOf(exports) {
  const ns = Object.create(null);
  for (const k of Object.keys(exports).sort())
    Object.defineProperty(ns, k, { enumerable: true, get: () => exports[k] });
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  return Object.preventExtensions(ns);
}

/**
 * Runs the script with its code cache (written at exit when there was none, or V8 rejected it).
 * Returns its modules: source path → a function initialising the module and giving its exports.
 */
function run(dir, named, graph) {
  const cache = join(dir, `graph.v8-${process.versions.v8}-${process.arch}.cache`);
  // The bundle starts on the second line (its line numbers are the map's); strict, as ES modules are.
  const { script, usable } = cachedScript(
    `(function (__obsGraph) {'use strict';\n${readFileSync(join(dir, 'graph.js'), 'utf8')}\n})`,
    cache,
    { filename: named, lineOffset: -1 },
  );
  if (!usable)
    process.once('exit', () => {
      try {
        writeWhole(cache, script.createCachedData());
      } catch {
        // A cache that cannot be written only costs compiling again.
      }
    });
  const bound = { ...graph, modules: undefined };
  script.runInThisContext()(bound);
  return bound.modules;
}

const names = (ns) => Object.keys(ns).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));

/** A module exporting the names of the namespace `from` gives; a built-in's default export is the module itself. */
function handOut(from, ns, builtin = false) {
  return [
    `const m = ${from};`,
    ...(names(ns).length > 0 ? [`export const { ${names(ns).join(', ')} } = m;`] : []),
    ...('default' in ns ? [builtin ? 'export default m;' : 'export default m.default;'] : []),
  ].join('\n');
}

/** Bundles the modules into `dir` (graph.js, its map, graph.mjs naming the map, graph.sources.json, graph.json last). */
async function build(dir, { nodes, order, given, ran, facades, roots }) {
  const esbuild = await import('esbuild');
  const libraries = new Set();
  const specifiers = new Map(order.map((p) => [p, new Map()]));
  for (const p of order) {
    const code = nodes.get(p).code;
    for (const { start, end, target } of nodes.get(p).imports) specifiers.get(p).set(code.slice(start, end), target);
  }
  let result;
  try {
    result = await esbuild.build({
      stdin: {
        contents: `__obsGraph.modules = {\n${order.map((p) => `  ${JSON.stringify(p)}: () => require(${JSON.stringify(p)}),`).join('\n')}\n};\n`,
        sourcefile: 'obs-graph-entries.js',
        resolveDir: '/',
        loader: 'js',
      },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: `node${process.versions.node}`,
      sourcemap: 'external',
      sourcesContent: false,
      outfile: join(dir, 'graph.js'),
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'obs-graph',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (a) => {
              if (a.kind === 'require-call' && a.importer.endsWith('obs-graph-entries.js'))
                return { path: a.path, namespace: 'obs-ts' };
              if (a.kind !== 'import-statement') throw new Unlinkable(`${a.kind} of ${a.path} in ${a.importer}`);
              const target = specifiers.get(a.importer)?.get(a.path);
              if (!target) throw new Unlinkable(`${a.path} from ${a.importer}`);
              if (target.path !== undefined)
                return { path: target.path, namespace: ran.has(target.path) ? 'obs-given' : 'obs-ts' };
              if (facades.has(target.url)) return { path: facades.get(target.url), namespace: 'obs-library' };
              return { path: target.url.replace(/^node:/, ''), namespace: 'obs-builtin' };
            });
            b.onLoad({ filter: /.*/, namespace: 'obs-ts' }, (a) => ({
              contents: nodes.get(a.path).code,
              loader: 'js',
              resolveDir: dirname(a.path),
            }));
            b.onLoad({ filter: /.*/, namespace: 'obs-given' }, (a) => ({
              contents: handOut(`__obsGraph.given(${JSON.stringify(a.path)})`, ran.get(a.path)),
              loader: 'js',
            }));
            b.onLoad({ filter: /.*/, namespace: 'obs-library' }, async (a) => {
              const facade = readFileSync(a.path, 'utf8');
              const name = /library\.entries\[("[^"]+")\]/.exec(facade)?.[1];
              if (!name) throw new Unlinkable(`not a facade of obs's library: ${a.path}`);
              libraries.add(JSON.parse(name));
              const exports = facade.match(/^export (?:const \{[^}]*\} = m|default m\.default);$/gm) ?? [];
              return { contents: [`const m = __obsGraph.library(${name});`, ...exports].join('\n'), loader: 'js' };
            });
            b.onLoad({ filter: /.*/, namespace: 'obs-builtin' }, async (a) => ({
              contents: handOut(
                `__obsGraph.builtin(${JSON.stringify(`node:${a.path}`)})`,
                await import(`node:${a.path}`),
                true,
              ),
              loader: 'js',
            }));
          },
        },
      ],
    });
  } catch (e) {
    // A top-level await, a name a module does not export (Node's link error then names it), ...
    throw new Unlinkable(`esbuild: ${e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)}`);
  }
  // A module without import or export, or one using require, module or exports, esbuild runs as
  // CommonJS (its own `this`, `module` and `exports`): Node runs it as an ES module.
  for (const [file, input] of Object.entries(result.metafile.inputs))
    if (file.startsWith('obs-ts:') && input.format !== 'esm')
      throw new Unlinkable(`${file} is not an ES module to esbuild`);
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map')).text);
  map.sources = map.sources.map((s) => (isAbsolute(s) ? s : resolvePath(dir, s)));
  mkdirSync(dir, { recursive: true });
  writeWhole(join(dir, 'graph.js'), code);
  writeWhole(join(dir, 'graph.mjs.map'), JSON.stringify(map));
  writeWhole(join(dir, 'graph.sources.json'), JSON.stringify(await sourcesByLine(map, new Set(order))));
  // The module whose URL names the script's frames: it only names the map.
  writeWhole(join(dir, 'graph.mjs'), '//# sourceMappingURL=graph.mjs.map\n');
  writeWhole(join(dir, 'graph.json'), JSON.stringify({ roots, libraries: [...libraries] }));
}

/**
 * Which source each part of the script is from, for dsl/core/call-site.ts: per line of the script,
 * [column, index into sources] where the source changes (-1: obs's own code, esbuild's helpers).
 */
async function sourcesByLine(map, authored) {
  const { decode } = await import('@jridgewell/sourcemap-codec');
  const lines = decode(map.mappings).map((segments) => {
    const out = [];
    let last;
    for (const s of segments) {
      const source = s.length > 1 ? s[1] : -1;
      if (source === last) continue;
      last = source;
      out.push(s[0], authored.has(map.sources[source]) ? source : -1);
    }
    return out;
  });
  return { sources: map.sources, lines };
}
