/** The checks' options from the project's config and registries, the same for `obs build` and `obs lint`. */
import type { ResolvedConfig } from './types.ts';
import type { LintOptions } from '../lint/check.ts';
import type { SecretScan } from '../lint/secrets.ts';
import type { Target } from '../promql/target.ts';
import type { RegistryData } from '../registry/index.ts';

/** The part of the config the checks read (plain data: lint workers get it by structured clone). */
export type LintSettings = Pick<ResolvedConfig, 'policy' | 'lint' | 'registry'> &
  Partial<Pick<ResolvedConfig, 'alertmanager'>>;

export function lintOptions(
  config: LintSettings,
  target: Target,
  registries: readonly RegistryData[],
  secrets?: SecretScan,
): LintOptions {
  return {
    target,
    policy: config.policy,
    checks: config.lint.checks,
    registry: {
      registries,
      unknownMetric: config.registry.unknownMetric,
      relabelledLabels: config.registry.relabelledLabels,
    },
    ...(secrets ? { secrets } : {}),
    ...(config.alertmanager ? { alertmanager: config.alertmanager } : {}),
  };
}
