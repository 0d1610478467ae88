// Loads obs's library for the CLI. The library is TypeScript; running it through tsx costs about a
// second per command (the loader thread transforms and serves ~200 modules), so the CLI runs a
// bundle of it built by esbuild (tsx's own compiler) into node_modules/.cache/obs-as-code/, one
// directory per state of dsl/: any edit to dsl/ gives a new fingerprint and a fresh bundle on the
// next run, so there is no build step to forget. Authored TS is compiled by the loader hook.
// Installed as a package (npm pack, a git dependency), obs has no dsl/: the same bundle was built
// into dist/lib/ when the package was packed (scripts/pack.mjs), and definitions import it as
// 'obs-as-code', which resolves there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { basename, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
const FORMAT = 4;
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
    const p = join(dir, e.name);
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

/**
 * Bundles dsl/ into `outdir`. `root` is where the bundle finds the package at run time: this
 * checkout's path for the cache, '' for the packed bundle (it looks up from its own file then).
 */
export async function bundleLibrary(esbuild, outdir, { root, fingerprint: fp }) {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'dsl/cli/main.ts',
      'lint-worker': 'dsl/pipeline/lint-worker.ts',
      api: 'dsl/api.ts',
      ...authorEntries(),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __obsCreateRequire } from 'node:module'; const require = __obsCreateRequire(import.meta.url);",
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    define: { __OBS_PACKAGE_ROOT__: JSON.stringify(root), __OBS_LIBRARY_FINGERPRINT__: JSON.stringify(fp) },
    logLevel: 'silent',
  });
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
    if (!existsSync(join(dir, 'main.mjs'))) throw e;
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
  if (!existsSync(DSL) && existsSync(join(PACKED, 'main.mjs'))) return PACKED;
  const esbuildVersion = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8'),
  ).version;
  const dir = join(CACHE, fingerprint(esbuildVersion));
  if (!existsSync(join(dir, 'main.mjs'))) {
    mkdirSync(CACHE, { recursive: true });
    await bundle(dir, await import('esbuild'));
  }
  return dir;
}

const HOOK = new URL('./library-hook.js', import.meta.url);

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
  let cli;
  try {
    dir = await libraryDir();
    cli = await import(pathToFileURL(join(dir, 'main.mjs')).href);
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
    // The hook compiles authored TS (bin/compile-ts.js); stacks and call sites read its source maps.
    process.setSourceMapsEnabled(true);
    // The hook posts each file it resolves; they are read synchronously when the build asks.
    const { port1, port2 } = new MessageChannel();
    // The count of loads, read by the hook: each load sees the files as they are then.
    const generation = new SharedArrayBuffer(4);
    const loads = new Int32Array(generation);
    register(HOOK, {
      data: {
        // An installed package's definitions import 'obs-as-code', which is the bundle already. A
        // project linked to this checkout imports it as 'obs-as-code' too (dist/lib/, once packed).
        redirects:
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
              ),
        port: port2,
        generation,
        library: [pathToFileURL(DSL).href + '/', pathToFileURL(PACKED).href + '/'],
        typescript: typescriptOptions(),
      },
      transferList: [port2],
    });
    const resolved = new Set();
    return {
      resolvedFiles: () => {
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) resolved.add(m.message);
        return [...resolved];
      },
      nextLoad: () => Atomics.add(loads, 0, 1) + 1,
    };
  });
  return { dir, main: cli };
}
