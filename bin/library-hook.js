// Loader hook (runs on Node's loader thread): authored modules import the library as
// `dsl/index.ts` (or a layer's `dsl/<layer>/index.ts`); they get the bundled build instead, so the
// CLI and the definitions share one instance of it (its factories and brands). It also tells the
// main thread every file it resolves, so the no-op rebuild can check files outside the project too.
//
// Loading again in one process sees edits: Node keeps every module it evaluated, by URL, for the
// life of the process, so an authored file that changed since its module was evaluated (or whose
// imports, at any depth, got a new module) is given a URL of its own: `a.ts?obs=<load>`. The
// files' states (size, time, inode) are read once per load (the main thread counts its loads in
// `generation`). A file that did not change keeps its URL, so Node hands back the module it
// already evaluated: a rebuild evaluates only what a save affects, and memory grows only by the
// modules an edit replaced.
//
// It also makes authored TypeScript importable, in place of tsx (bin/compile-ts.js compiles it,
// cached): `.ts`, `.mts` and `.tsx` modules load as ES modules, and an import Node's resolution does
// not find is resolved as TypeScript resolves it (`./x.js` for x.ts, `./x` for x.ts or x/index.ts,
// `paths` of tsconfig.json).
import { statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TS_MODULE, tsCompiler } from './compile-ts.js';

let redirects = new Map();
let port;
/** Int32Array over a SharedArrayBuffer: [0] is the main thread's load count. */
let generation;
/** URL prefixes that are obs's library (never versioned: one instance of it). */
let library = [];
const told = new Set();
/**
 * Per authored file URL (without query), its module now: the file's state when it was evaluated,
 * the URL suffix it was given, the suffixes of the modules it linked to, and the load that last
 * confirmed it.
 */
const modules = new Map();
/** Compiles and resolves authored TS (absent: tsx or a test runner does). */
let compiler;

export function initialize(data) {
  redirects = new Map(Object.entries(data.redirects));
  port = data.port;
  generation = data.generation ? new Int32Array(data.generation) : undefined;
  library = data.library ?? [];
  if (data.typescript) compiler = tsCompiler(data.typescript);
}

function authored(url) {
  return url.startsWith('file:') && !url.includes('/node_modules/') && !library.some((p) => url.startsWith(p));
}

function split(url) {
  const q = url.search(/[?#]/);
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q)];
}

function stateOf(url) {
  try {
    const s = statSync(fileURLToPath(url), { throwIfNoEntry: false });
    return s ? `${s.size} ${s.mtimeMs} ${s.ino}` : 'missing';
  } catch {
    return 'missing';
  }
}

/** The suffix of the file's module for this load: a new one when it or what it linked to changed. */
function suffixOf(url, gen, visiting) {
  let m = modules.get(url);
  if (m && m.gen === gen) return m.suffix;
  // An import cycle: the file's own state decides; the cycle adds nothing more.
  if (visiting.has(url)) return m?.suffix ?? '';
  visiting.add(url);
  const state = stateOf(url);
  let stale = !m || m.state !== state;
  if (m && !stale)
    for (const [dep, suffix] of m.linked)
      if (suffixOf(dep, gen, visiting) !== suffix) {
        stale = true;
        break;
      }
  visiting.delete(url);
  if (stale) modules.set(url, (m = { state, suffix: m ? `?obs=${gen}` : '', linked: new Map(), gen }));
  m.gen = gen;
  return m.suffix;
}

/** Node's resolution, then TypeScript's for what Node did not find from an authored file. */
async function resolveTs(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const missing = e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'ERR_UNSUPPORTED_DIR_IMPORT';
    if (!compiler || !missing || !context.parentURL?.startsWith('file:')) throw e;
    let found;
    try {
      found = compiler.resolve(specifier, fileURLToPath(split(context.parentURL)[0]));
    } catch {
      // not found that way either: Node's error says what is missing
    }
    if (!found) throw e;
    return next(pathToFileURL(found).href, context);
  }
}

export async function load(url, context, next) {
  if (compiler && url.startsWith('file:')) {
    const [file] = split(url);
    if (TS_MODULE.test(file))
      return { format: 'module', source: await compiler.compile(fileURLToPath(file)), shortCircuit: true };
  }
  return next(url, context);
}

export async function resolve(specifier, context, next) {
  const resolved = await resolveTs(specifier, context, next);
  const to = redirects.get(resolved.url);
  if (to) return { url: to, format: 'module', shortCircuit: true };
  let url = resolved.url;
  if (generation && authored(url) && !url.includes('?')) {
    const suffix = suffixOf(url, Atomics.load(generation, 0), new Set());
    // The importing module being evaluated now links to this one.
    const [parent, parentSuffix] = context.parentURL ? split(context.parentURL) : [];
    const p = parent && modules.get(parent);
    if (p && p.suffix === parentSuffix) p.linked.set(url, suffix);
    url += suffix;
  }
  if (port && url.startsWith('file:') && !told.has(url)) {
    told.add(url);
    port.postMessage(url);
  }
  return url === resolved.url ? resolved : { ...resolved, url };
}
