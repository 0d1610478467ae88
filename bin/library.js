// Loads obs's library for the CLI. The library is TypeScript; running it through a TS loader cost
// about a second per command (the loader thread transforms and serves ~200 modules), so the CLI runs
// a bundle of it built by esbuild into node_modules/.cache/obs-as-code/, one directory per state of
// dsl/: any edit to dsl/ gives a new fingerprint and a fresh bundle on the next run, so there is no
// build step to forget. The bundle is one script run with V8's code cache (see bundleLibrary).
// Authored TS is compiled by the loader hook (bin/library-hook.js, bin/compile-ts.js).
// Installed as a package (npm pack, a git dependency), obs has no dsl/: the same bundle was built
// into dist/lib/ when the package was packed (scripts/pack.mjs), and definitions import it as
// 'obs-as-code', which resolves there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedScript, writeWhole } from './write-whole.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DSL = join(ROOT, 'dsl');
const CACHE = join(ROOT, 'node_modules', '.cache', 'obs-as-code');
/** The bundle an installed package ships (no dsl/ then). */
const PACKED = join(ROOT, 'dist', 'lib');
/**
 * Entry points of the bundle: the CLI, the check workers, and every module authors may import
 * (dsl/index.ts and each layer's index.ts), so whichever they import is the bundle's one copy.
 */
function authorEntries() {
  return Object.fromEntries([
    ['index', 'dsl/index.ts'],
    ...readdirSync(DSL, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(DSL, e.name, 'index.ts')))
      .map((e) => [`${e.name}/index`, `dsl/${e.name}/index.ts`]),
  ]);
}
/** Bump when the bundle's options change. */
const FORMAT = 8;
/**
 * Packages the CLI uses outside the library, carried by the bundle so that they run with its code
 * cache: get-tsconfig (bin/compile-ts.js reads tsconfig.json with it), which took about 10 ms to
 * require as its own CommonJS file on every run loading authored TS.
 */
const PACKAGES = { tsconfig: 'get-tsconfig' };
/**
 * Packages the bundle leaves to Node: tools with their own loading (esbuild's native binary, tsx's
 * loader, the TypeScript compiler behind ts-morph, loaded only by `obs import`) and files read as
 * files (uplot's assets). Every other dependency is bundled in: resolving and compiling their ~500
 * CommonJS files one by one took about half of a short `obs lint` run.
 */
const EXTERNAL = ['esbuild', 'tsx', 'tsx/*', 'ts-morph', 'typescript', 'playwright-core', 'uplot', 'uplot/*'];
const BUNDLE_DIR = /^[0-9a-f]{16}$/;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

function sources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    // Not path.join: the same path (dir is normalised), and about 3 of the 9 ms this walk took
    // over dsl/'s 333 files on every command.
    const p = `${dir}${sep}${e.name}`;
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * The state of dsl/: file names with sizes and times (cheap, for the cache on every run), or with
 * contents (for the packed bundle, whose files' times npm does not keep).
 */
export function fingerprint(esbuildVersion, { contents = false } = {}) {
  const h = createHash('sha256').update(`${FORMAT} ${esbuildVersion} ${contents ? '' : process.version}\n`);
  for (const f of sources(DSL).sort()) {
    if (contents) h.update(`${f.slice(ROOT.length)}\n`).update(readFileSync(f));
    else {
      const s = statSync(f);
      h.update(`${f} ${s.size} ${s.mtimeMs}\n`);
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** The global through which an entry's module (a facade, below) reaches the library the CLI runs. */
const LIBRARY = Symbol.for('obs.library');

/**
 * Bundles dsl/ into `outdir`. `root` is where the bundle finds the package at run time: this
 * checkout's path for the cache, '' for the packed bundle (it looks up from its own file then).
 *
 * The library is one script, lib.cjs, that runLibrary runs with V8's code cache: Node 20 has no
 * compile cache for ES modules (`module.enableCompileCache` is Node 22, `vm.SourceTextModule` needs
 * --experimental-vm-modules), and compiling the ~1.8 MB a command loads was a good part of every
 * start. Its entries are initialised when first asked for (`entries.main()`), as the dynamic
 * imports of a split bundle were. Authored modules import an entry (dsl/index.ts, a layer's
 * index.ts, 'obs-as-code') through a small ES module per entry that hands out the names of the
 * one instance the CLI runs (or, imported without the CLI, of lib.cjs required there). A lint
 * worker is its own instance anyway: lint-worker.mjs stays an ES module.
 */
export async function bundleLibrary(esbuild, outdir, { root, fingerprint: fp }) {
  // An ES module per entry that is imported: those authors import, and the programmatic API.
  const facades = { api: 'dsl/api.ts', ...authorEntries() };
  const entries = { main: 'dsl/cli/main.ts', ...facades };
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    define: { __OBS_PACKAGE_ROOT__: JSON.stringify(root), __OBS_LIBRARY_FINGERPRINT__: JSON.stringify(fp) },
    logLevel: 'silent',
  };
  const [, , names] = await Promise.all([
    esbuild
      .build({
        ...common,
        stdin: {
          contents: `export const entries = {\n${[
            ...Object.entries(entries).map(([name, src]) => [name, `./${src}`]),
            ...Object.entries(PACKAGES),
          ]
            .map(([name, src]) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(src)}),`)
            .join('\n')}\n};\n`,
          resolveDir: ROOT,
          sourcefile: 'obs-library-entries.ts',
          loader: 'ts',
        },
        format: 'cjs',
        // Non-ASCII characters escaped (esbuild's default, relied on): runLibrary reads it as latin1.
        charset: 'ascii',
        // A third smaller (4.3 -> 3.0 MB), faster to read and deserialise (about 35 -> 19 ms); names are kept.
        minifyWhitespace: true,
        // The sources are ES modules: strict, and import.meta.url is the script's own file. Their
        // dynamic imports (authored modules, typescript) go through the importer runLibrary passes:
        // V8 refuses import() in a script compiled from a code cache on Node 20 ("A dynamic import
        // callback was not specified"). Required as a plain CommonJS module, it imports itself.
        banner: {
          js: `'use strict';\nvar __obsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;\nvar __obsImport = typeof __obsDynamicImport === 'function' ? __obsDynamicImport : (s) => import(s);`,
        },
        define: { ...common.define, 'import.meta.url': '__obsImportMetaUrl' },
        write: false,
      })
      .then(async ({ outputFiles: [lib] }) => {
        const lexer = await import('es-module-lexer');
        await lexer.init;
        mkdirSync(outdir, { recursive: true });
        writeFileSync(join(outdir, 'lib.cjs'), withImporter(lib.text, lexer.parse));
      }),
    esbuild.build({
      ...common,
      entryPoints: { 'lint-worker': 'dsl/pipeline/lint-worker.ts', 'parse-worker': 'dsl/lint/parse-worker.ts' },
      format: 'esm',
      // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
      banner: {
        js: "import { createRequire as __obsCreateRequire } from 'node:module'; const require = __obsCreateRequire(import.meta.url);",
      },
      outdir,
      outExtension: { '.js': '.mjs' },
    }),
    // Only for the names each entry exports (its module must list them): nothing is written.
    esbuild
      .build({
        ...common,
        entryPoints: facades,
        format: 'esm',
        splitting: true,
        outdir,
        write: false,
        metafile: true,
      })
      .then((r) => Object.values(r.metafile.outputs).filter((o) => o.entryPoint)),
  ]);
  for (const [out, src] of Object.entries(facades)) {
    const exported = names.find((o) => o.entryPoint === src)?.exports ?? [];
    const named = exported.filter((n) => n !== 'default');
    const file = join(outdir, `${out}.mjs`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      [
        `// ${src} of obs's library: the instance the CLI runs, else lib.cjs's own (bin/library.js).`,
        "import { createRequire } from 'node:module';",
        `const library = (globalThis[Symbol.for(${JSON.stringify(LIBRARY.description)})] ??= createRequire(import.meta.url)(${JSON.stringify(relative(dirname(file), join(outdir, 'lib.cjs')).replace(/^(?!\.)/, './'))}));`,
        `const m = await library.entries[${JSON.stringify(out)}]();`,
        ...(named.length > 0 ? [`export const { ${named.join(', ')} } = m;`] : []),
        ...(exported.includes('default') ? ['export default m.default;'] : []),
        '',
      ].join('\n'),
    );
  }
}

/**
 * lib.cjs's dynamic imports call the importer instead (the banner's own fallback excepted): found
 * by es-module-lexer, which tells a dynamic import from the same text in a comment or a string.
 */
function withImporter(code, parseImports) {
  const banner = code.indexOf('\n', code.indexOf('var __obsImport ='));
  const [imports] = parseImports(code);
  let out = code;
  for (const i of imports.filter((x) => x.d > -1 && x.ss > banner).sort((a, b) => b.ss - a.ss))
    out = `${out.slice(0, i.ss)}__obsImport${out.slice(i.ss + 'import'.length)}`;
  return out;
}

/**
 * Runs lib.cjs with V8's code cache kept beside it (one per V8 version and architecture: V8
 * rejects a cache another V8 made). A run without a usable cache writes one at exit, with the
 * code of every function the run compiled; later runs deserialise instead of compiling. The cache
 * holds only what the runs that wrote it compiled: a cache written by `obs --version` (the first
 * command after an install) left `obs lint` compiling its checks on every run, about 0.08 s. So
 * the first run of each command on a cache writes it again at exit, with the code it found and
 * the code it compiled; the commands that did are listed beside it.
 */
function runLibrary(dir) {
  const file = join(dir, 'lib.cjs');
  const cache = join(dir, `lib.v8-${process.versions.v8}-${process.arch}.cache`);
  const { script, usable } = cachedScript(
    // Latin-1, as the bytes are ASCII (charset above): V8 takes them as they are, without decoding
    // UTF-8 (about 5 of 12 ms for the 3 MB).
    `(function (exports, require, module, __filename, __dirname, __obsDynamicImport) {${readFileSync(file, 'latin1')}\n})`,
    cache,
    { filename: file },
  );
  const commandsFile = `${cache}.commands`;
  let commands = [];
  if (usable)
    try {
      commands = readFileSync(commandsFile, 'utf8').split('\n');
    } catch {
      // A cache written before the list was kept: this run's command adds to it.
    }
  const command = /^[a-z][a-z-]*$/.test(process.argv[2] ?? '') ? process.argv[2] : '-';
  if (!commands.includes(command))
    process.once('exit', () => {
      try {
        writeWhole(cache, script.createCachedData());
        writeWhole(commandsFile, [...commands, command].join('\n'));
      } catch {
        // A cache that cannot be written (read-only node_modules) only costs compiling again.
      }
    });
  const module = { exports: {} };
  const load = (specifier) => import(specifier);
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dir, load);
  globalThis[LIBRARY] = module.exports;
  return module.exports;
}

async function bundle(dir, esbuild) {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  // The folder's name is the fingerprint of dsl/: the no-op rebuild reads it instead of walking dsl/ again.
  await bundleLibrary(esbuild, tmp, { root: ROOT, fingerprint: basename(dir) });
  try {
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another obs process finished the same bundle first; anything else is a real failure.
    if (!existsSync(join(dir, 'lib.cjs'))) throw e;
  }
  // Old bundles (another state of dsl/, another Node) may still be in use by a running obs, so only
  // those untouched for a day go, as do temporary folders a killed process left behind.
  const now = Date.now();
  for (const name of readdirSync(CACHE)) {
    const old = join(CACHE, name);
    const age = now - (statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? now);
    if ((BUNDLE_DIR.test(name) && old !== dir && age > DAY) || (name.includes('.tmp-') && age > HOUR))
      rmSync(old, { recursive: true, force: true });
  }
}

/** The bundled library's directory, built first when dsl/ changed since the last run. */
async function libraryDir() {
  if (!existsSync(DSL) && existsSync(join(PACKED, 'lib.cjs'))) return PACKED;
  const esbuildVersion = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8'),
  ).version;
  const dir = join(CACHE, fingerprint(esbuildVersion));
  if (!existsSync(join(dir, 'lib.cjs'))) {
    mkdirSync(CACHE, { recursive: true });
    await bundle(dir, await import('esbuild'));
  }
  return dir;
}

const HOOK = new URL('./library-hook.js', import.meta.url);

/**
 * Whether this process runs one command over its definitions once: watch mode and the language
 * server load them again and again, keeping the modules an edit did not touch (linked copies).
 */
function oneShot() {
  const [command, ...rest] = process.argv.slice(2);
  return (
    ['lint', 'build', 'test'].includes(command) && !rest.includes('--watch') && process.env.OBS_GRAPH_SCRIPT !== '0'
  );
}

/** What the hook compiles authored TS with: its cache, and where tsconfig.json is looked up from. */
function typescriptOptions() {
  return { cacheDir: join(CACHE, 'typescript'), cwd: process.cwd() };
}

/**
 * Loads the bundled CLI. The loader hook (authored TS, the library redirect) is registered when the
 * first authored module is imported: its thread costs CPU that commands importing no TS (a no-op
 * build, obs promql, obs lint on YAML without a config) do not pay.
 */
export async function loadLibrary() {
  let dir;
  let library;
  let cli;
  try {
    dir = await libraryDir();
    library = runLibrary(dir);
    cli = await library.entries.main();
  } catch (e) {
    if (!existsSync(DSL)) throw e;
    // No bundle (node_modules not writable, esbuild missing): run the TS sources through the hook, slower.
    process.emitWarning(
      `obs: running from source, could not bundle the library (${e instanceof Error ? e.message : String(e)})`,
    );
    process.setSourceMapsEnabled(true);
    register(HOOK, { data: { redirects: {}, typescript: typescriptOptions() } });
    return { dir: undefined, main: await import(pathToFileURL(join(DSL, 'cli', 'main.ts')).href) };
  }
  cli.onFirstAuthoredImport(async () => {
    // Authored TS is compiled by bin/compile-ts.js; stacks and call sites read its source maps.
    process.setSourceMapsEnabled(true);
    const typescript = typescriptOptions();
    // An installed package's definitions import 'obs-as-code', which is the bundle already. A
    // project linked to this checkout imports it as 'obs-as-code' too (dist/lib/, once packed).
    const redirects =
      dir === PACKED
        ? {}
        : Object.fromEntries(
            Object.entries(authorEntries()).flatMap(([out, src]) => {
              const to = pathToFileURL(join(dir, `${out}.mjs`)).href;
              return [
                [pathToFileURL(join(ROOT, src)).href, to],
                [pathToFileURL(join(PACKED, `${out}.mjs`)).href, to],
              ];
            }),
          );
    // The hook posts each file it resolves; they are read synchronously when the build asks.
    const { port1, port2 } = new MessageChannel();
    // The count of loads, read by the hook: each load sees the files as they are then.
    const generation = new SharedArrayBuffer(4);
    const loads = new Int32Array(generation);
    let hooked = false;
    /** Registers the loader hook, for what the linked copies do not load (bin/link-ts.js). */
    const useHook = () => {
      if (hooked) return;
      hooked = true;
      register(HOOK, {
        data: {
          redirects,
          port: port2,
          generation,
          library: [pathToFileURL(DSL).href + '/', pathToFileURL(PACKED).href + '/'],
          typescript,
        },
        transferList: [port2],
      });
    };
    const [{ tsCompiler }, { linkModules }, getTsconfig, graphs] = await Promise.all([
      import('./compile-ts.js'),
      import('./link-ts.js'),
      library.entries.tsconfig(),
      oneShot() ? import('./graph-script.js') : undefined,
    ]);
    const compiler = tsCompiler(typescript, { getTsconfig });
    const redirected = new Map(Object.entries(redirects));
    const resolved = new Set();
    // One-shot commands run the modules as one script (bin/graph-script.js) while the hook is not needed.
    // An installed package's definitions import its own entry modules (dist/lib/*.mjs), as facades.
    const facades =
      dir === PACKED
        ? readdirSync(PACKED, { recursive: true })
            .filter((f) => f.endsWith('.mjs') && !/^(lint|parse)-worker\.mjs$/.test(f))
            .map((f) => pathToFileURL(join(PACKED, f)).href)
        : [...redirected.values()];
    const runner = graphs?.graphRunner(compiler, { redirects: redirected, facades });
    return {
      resolvedFiles: () => {
        if (hooked)
          for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) resolved.add(m.message);
        return [...resolved];
      },
      nextLoad: () => Atomics.add(loads, 0, 1) + 1,
      linked: async (urls) => {
        // Modules a script ran are handed to the copies, not run again.
        const shims = runner?.shims(urls);
        const linked = await linkModules(compiler, urls, {
          redirects: shims?.size ? new Map([...redirected, ...shims]) : redirected,
          analysed: shims?.size ? undefined : runner?.analysed(urls),
        });
        if (!linked) return useHook();
        for (const url of linked.told) resolved.add(url);
        runner?.copied(
          linked.told.filter((u) => u.includes('?obs=')).map((u) => fileURLToPath(u.replace(/\?.*$/, ''))),
        );
        // An entry a script ran is imported from its hand-out module, as its importers' copies are.
        return shims?.size ? linked.urls.map((u, i) => shims.get(urls[i]) ?? u) : linked.urls;
      },
      scripted: async (urls) => {
        const graph = hooked ? undefined : await runner?.scripted(urls);
        for (const url of graph?.told ?? []) resolved.add(url);
        return graph;
      },
      useHook,
    };
  });
  return { dir, main: cli };
}
