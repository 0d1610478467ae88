/** The obs-as-code package's directory (where package.json is), whether run from source or bundled. */
import { fileURLToPath } from 'node:url';

// Set by the CLI's bundler (bin/library.js); from source the path is relative to this file.
declare const __OBS_PACKAGE_ROOT__: string | undefined;

export const PACKAGE_ROOT: string = typeof __OBS_PACKAGE_ROOT__ === 'string' ? __OBS_PACKAGE_ROOT__ : fileURLToPath(new URL('../..', import.meta.url));

/** Whether this is the CLI's bundle (which also has the worker scripts), not the TS source. */
export const BUNDLED: boolean = typeof __OBS_PACKAGE_ROOT__ === 'string';
