// Loads obs's library for the CLI. The library is TypeScript; running it through tsx costs about a
// second per command (the loader thread transforms and serves ~200 modules), so the CLI runs a
// bundle of it built by esbuild (tsx's own compiler) into node_modules/.cache/obs-as-code/, one
// directory per state of dsl/: any edit to dsl/ gives a new fingerprint and a fresh bundle on the
// next run, so there is no build step to forget. tsx stays registered for the authored modules.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { basename, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DSL = join(ROOT, 'dsl');
const CACHE = join(ROOT, 'node_modules', '.cache', 'obs-as-code');
/**
 * Entry points of the bundle: the CLI, the check workers, and every module authors may import
 * (dsl/index.ts and each layer's index.ts), so whichever they import is the bundle's one copy.
 */
const AUTHOR_ENTRIES = Object.fromEntries([
  ['index', 'dsl/index.ts'],
  ...readdirSync(DSL, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(DSL, e.name, 'index.ts')))
    .map((e) => [`${e.name}/index`, `dsl/${e.name}/index.ts`]),
]);
const ENTRIES = { main: 'dsl/cli/main.ts', 'lint-worker': 'dsl/build/lint-worker.ts', ...AUTHOR_ENTRIES };
/** Bump when the bundle's options change. */
const FORMAT = 3;
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

function fingerprint(esbuildVersion) {
  const h = createHash('sha256').update(`${FORMAT} ${esbuildVersion} ${process.version}\n`);
  for (const f of sources(DSL).sort()) {
    const s = statSync(f);
    h.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

async function bundle(dir, esbuild) {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // The folder's name is the fingerprint of dsl/: the no-op rebuild reads it instead of walking dsl/ again.
    define: { __OBS_PACKAGE_ROOT__: JSON.stringify(ROOT), __OBS_LIBRARY_FINGERPRINT__: JSON.stringify(basename(dir)) },
    logLevel: 'silent',
  });
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
    if ((BUNDLE_DIR.test(name) && old !== dir && age > DAY) || (name.includes('.tmp-') && age > HOUR)) rmSync(old, { recursive: true, force: true });
  }
}

/** The bundled library's directory, built first when dsl/ changed since the last run. */
async function libraryDir() {
  const esbuildVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  const dir = join(CACHE, fingerprint(esbuildVersion));
  if (!existsSync(join(dir, 'main.mjs'))) {
    mkdirSync(CACHE, { recursive: true });
    await bundle(dir, await import('esbuild'));
  }
  return dir;
}

/**
 * Loads the bundled CLI. tsx (for authored TS) and the library redirect are registered when the
 * first authored module is imported: their loader thread costs ~0.2 s that commands importing no
 * TS (a no-op build, obs promql, obs lint on YAML without a config) do not pay.
 */
export async function loadLibrary() {
  let dir;
  let cli;
  try {
    dir = await libraryDir();
    cli = await import(pathToFileURL(join(dir, 'main.mjs')).href);
  } catch (e) {
    // No bundle (node_modules not writable, esbuild missing): run the TS sources through tsx, slower.
    process.emitWarning(`obs: running from source, could not bundle the library (${e instanceof Error ? e.message : String(e)})`);
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
    return { dir: undefined, main: await import(pathToFileURL(join(DSL, 'cli', 'main.ts')).href) };
  }
  cli.onFirstAuthoredImport(async () => {
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
    // The hook posts each file it resolves; they are read synchronously when the build asks.
    const { port1, port2 } = new MessageChannel();
    register(new URL('./library-hook.js', import.meta.url), {
      data: {
        redirects: Object.fromEntries(Object.entries(AUTHOR_ENTRIES).map(([out, src]) => [pathToFileURL(join(ROOT, src)).href, pathToFileURL(join(dir, `${out}.mjs`)).href])),
        port: port2,
      },
      transferList: [port2],
    });
    const resolved = new Set();
    return () => {
      for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) resolved.add(m.message);
      return [...resolved];
    };
  });
  return { dir, main: cli };
}
