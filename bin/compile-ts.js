// Makes authored TypeScript importable for the CLI's loader hook (bin/library-hook.js), in place of
// tsx: tsx cost about 0.4 s of CPU per command (its own code loaded on both threads, its loader
// hook, its resolver) before the first module was read.
//
// - Compiling: esbuild (the compiler tsx uses) with the options tsx gives it, so a module compiles
//   to the same code as before: the running Node's syntax, names kept, the source map inline.
// - The compiler options come from the tsconfig.json tsx read (the working directory's, `extends`
//   resolved, only for files it includes), read with get-tsconfig (the package tsx reads it with).
// - Compiled modules are kept in a content-addressed cache: the key hashes the file's path and
//   bytes, the compiler options, and the esbuild, Node and format versions. A key names exactly one
//   input, so an entry can never be stale: an edited file, however its size and time look, a changed
//   tsconfig.json or another esbuild has another key. A run that hits the cache loads no esbuild.
// - Resolving what Node's own resolution does not find (`./x.js` naming x.ts, `./x` naming x.ts or
//   x/index.ts, `paths` of tsconfig.json) as TypeScript does: oxc-resolver (loaded only then).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeWhole } from './write-whole.js';

/** Bump when the compile options or the entries' layout change. */
const FORMAT = 2;
const DAY = 24 * 3600 * 1000;
const require = createRequire(import.meta.url);

/** The folder of the cache that holds the linked copies of compiled modules (bin/link-ts.js). */
export const LINKED = 'm';
/** The folder of the cache that holds authored modules bundled into one script (bin/graph-script.js). */
export const GRAPHS = 'g';

/** Compiled here, as ES modules (authored modules must be ES modules: dsl/core/import-authored.ts). */
export const TS_MODULE = /\.(?:m?ts|tsx)$/;

/**
 * A compiler for one process. `cacheDir`: where entries go (undefined: no cache); `cwd`: where the
 * tsconfig.json is looked up from (as tsx did: the working directory's). `given.getTsconfig`: the
 * get-tsconfig package, from a caller that has it already (the CLI's bundle carries it, run with
 * V8's code cache: requiring it here took about 10 ms of every run loading authored TS).
 */
export function tsCompiler({ cacheDir, cwd }, given = {}) {
  let esbuild;
  let settings;
  let resolver;
  /** What every key shares, read once per process. */
  const shared = () => {
    if (settings) return settings;
    const { getTsconfig, createFilesMatcher } = given.getTsconfig ?? require('get-tsconfig');
    const tsconfig = getTsconfig(cwd);
    const esbuildVersion = JSON.parse(
      readFileSync(join(dirname(require.resolve('esbuild')), '..', 'package.json'), 'utf8'),
    ).version;
    settings = {
      tsconfig,
      // Files a tsconfig.json does not include compile with esbuild's defaults (as under tsx).
      matches: tsconfig ? createFilesMatcher(tsconfig) : () => undefined,
      prefix: `obs-ts ${FORMAT}\n${esbuildVersion}\n${process.versions.node}\n`,
    };
    return settings;
  };
  let pruned = false;
  /** Entries untouched for a week go, checked once a day (a miss only costs a compile). */
  const prune = () => {
    if (pruned || !cacheDir) return;
    pruned = true;
    const marker = join(cacheDir, '.pruned');
    const now = Date.now();
    if (now - (statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? 0) < DAY) return;
    writeFileSync(marker, '');
    const old = (p) => now - (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? now) > 7 * DAY;
    for (const name of readdirSync(cacheDir)) {
      const p = join(cacheDir, name);
      // The linked copies (bin/link-ts.js): a folder per key.
      if (name === LINKED || name === GRAPHS) {
        for (const key of readdirSync(p)) if (old(join(p, key))) rmSync(join(p, key), { recursive: true, force: true });
      } else if (name !== '.pruned' && old(p)) rmSync(p, { force: true });
    }
  };
  /** The module's JS (its source map inline) and the key naming it, from the cache or compiled now. */
  async function compiled(path) {
    const bytes = readFileSync(path);
    const { prefix, matches } = shared();
    const compilerOptions = matches(path)?.compilerOptions;
    const key = createHash('sha256')
      .update(prefix)
      .update(`${JSON.stringify(compilerOptions ?? null)}\n${path}\n`)
      .update(bytes)
      .digest('hex');
    const entry = cacheDir && join(cacheDir, `${key}.mjs`);
    if (entry) {
      try {
        return { key, code: readFileSync(entry, 'utf8') };
      } catch {
        // not compiled yet
      }
    }
    esbuild ??= await import('esbuild');
    let code;
    try {
      ({ code } = await esbuild.transform(bytes.toString('utf8'), {
        loader: extname(path) === '.tsx' ? 'tsx' : 'ts',
        sourcefile: path,
        target: `node${process.versions.node}`,
        format: 'esm',
        sourcemap: 'inline',
        sourcesContent: false,
        minifyWhitespace: true,
        keepNames: true,
        // The module's own place, whichever URL it is loaded from (bin/link-ts.js loads a copy).
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(path).href),
          'import.meta.filename': JSON.stringify(path),
          'import.meta.dirname': JSON.stringify(dirname(path)),
        },
        ...(compilerOptions ? { tsconfigRaw: { compilerOptions } } : {}),
        logLevel: 'silent',
      }));
    } catch (e) {
      // As tsx threw it: esbuild's message (`Transform failed with 1 error:\nfile:line:col: ERROR: ...`,
      // which dsl/core/compile-error.ts locates), without the structured copies.
      if (e instanceof Error) {
        e.name = 'TransformError';
        delete e.errors;
        delete e.warnings;
      }
      throw e;
    }
    if (entry) {
      try {
        mkdirSync(cacheDir, { recursive: true });
        prune();
        writeWhole(entry, code);
      } catch {
        // A cache that cannot be written (read-only node_modules) only costs compiling again.
      }
    }
    return { key, code };
  }
  return {
    compiled,
    cacheDir,
    prune,
    /** The module's JS (its source map inline), from the cache or compiled now. */
    async compile(path) {
      return (await compiled(path)).code;
    },
    /** Resolution sees the files as they are now (a load of watch mode after files were added or removed). */
    forgetResolutions() {
      resolver?.clearCache();
    },
    /**
     * Where TypeScript finds `specifier` imported from the file `parent` (a path), or undefined.
     * Asked only for what Node's resolution did not find.
     */
    resolve(specifier, parent) {
      if (!resolver) {
        const { ResolverFactory } = require('oxc-resolver');
        const configFile = shared().tsconfig?.path;
        resolver = new ResolverFactory({
          conditionNames: ['node', 'import'],
          extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] },
          ...(configFile ? { tsconfig: { configFile, references: 'auto' } } : {}),
        });
      }
      return resolver.sync(dirname(parent), specifier).path;
    },
  };
}
