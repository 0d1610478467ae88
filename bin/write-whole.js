// Cache files of the CLI (the library's code cache, compiled and linked authored TS) are shared by
// every obs process of a checkout: each is written whole, then renamed into place. (The library has
// its own, dsl/core/files.ts writeWhole: this runs before the library is loaded.)
import { renameSync, writeFileSync } from 'node:fs';

/** Writes a cache file whole then renames it: another obs reading it never sees half of it. */
export function writeWhole(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
