/** The obs-as-code package's directory (where package.json is), whether run from source or bundled. */
import { fileURLToPath } from 'node:url';

// Set by the CLI's bundler (bin/library.js); from source the path is relative to this file.
declare const __OBS_PACKAGE_ROOT__: string | undefined;
declare const __OBS_LIBRARY_FINGERPRINT__: string | undefined;

export const PACKAGE_ROOT: string = typeof __OBS_PACKAGE_ROOT__ === 'string' ? __OBS_PACKAGE_ROOT__ : fileURLToPath(new URL('../..', import.meta.url));

/** Whether this is the CLI's bundle (which also has the worker scripts), not the TS source. */
export const BUNDLED: boolean = typeof __OBS_PACKAGE_ROOT__ === 'string';

/** In the bundle: the fingerprint of the dsl/ sources it was built from (a new or edited obs differs). */
export const LIBRARY_FINGERPRINT: string | undefined = typeof __OBS_LIBRARY_FINGERPRINT__ === 'string' ? __OBS_LIBRARY_FINGERPRINT__ : undefined;
