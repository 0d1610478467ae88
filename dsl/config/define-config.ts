import type { ObsConfig } from './types.ts';

/** Types `obs.config.ts` (an identity function, as in vite/tsup). */
export function defineConfig(config: ObsConfig): ObsConfig {
  return config;
}
