/** The obs-as-code package's directory (where package.json is), whether run from source or bundled. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set by the CLI's bundler (bin/library.js); from source the path is relative to this file.
declare const __OBS_PACKAGE_ROOT__: string | undefined;
declare const __OBS_LIBRARY_FINGERPRINT__: string | undefined;

/** The nearest directory above `file` whose package.json is obs-as-code's (dsl/core/ from source, dist/lib/ packed). */
function packageDirOf(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'obs-as-code'
    )
      return dir;
  }
  return fileURLToPath(new URL('../..', import.meta.url));
}

// The packed bundle (dist/lib/ of an installed package) is built with '': it looks up from its own file.
export const PACKAGE_ROOT: string =
  typeof __OBS_PACKAGE_ROOT__ === 'string' && __OBS_PACKAGE_ROOT__ !== ''
    ? __OBS_PACKAGE_ROOT__
    : packageDirOf(fileURLToPath(import.meta.url));

/** Whether this is the CLI's bundle (which also has the worker scripts), not the TS source. */
export const BUNDLED: boolean = typeof __OBS_PACKAGE_ROOT__ === 'string';

/** In the bundle: the fingerprint of the dsl/ sources it was built from (a new or edited obs differs). */
export const LIBRARY_FINGERPRINT: string | undefined =
  typeof __OBS_LIBRARY_FINGERPRINT__ === 'string' ? __OBS_LIBRARY_FINGERPRINT__ : undefined;

/** The obs-as-code package's version (its package.json), as `obs --version` prints it. */
export function packageVersion(): string {
  return (
    (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0'
  );
}
