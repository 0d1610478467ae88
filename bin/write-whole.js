// Cache files of the CLI (the library's code cache, compiled and linked authored TS) are shared by
// every obs process of a checkout: each is written whole, then renamed into place. (The library has
// its own, dsl/core/files.ts writeWhole: this runs before the library is loaded.) Scripts the CLI
// runs from the cache are compiled with V8's code cache here too.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Script } from 'node:vm';

/** Writes a cache file whole then renames it: another obs reading it never sees half of it. */
export function writeWhole(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * A script compiled with V8's code cache from `cache` when there is one (the library, the graphs of
 * authored modules). `usable`: V8 took the cache (it rejects one another V8, or other flags, made).
 */
export function cachedScript(code, cache, options) {
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    // not made yet
  }
  const script = new Script(code, { ...options, cachedData });
  return { script, usable: cachedData !== undefined && !script.cachedDataRejected };
}
