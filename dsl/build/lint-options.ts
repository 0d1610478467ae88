/** The checks' options from the project's config and registries, the same for `obs build` and `obs lint`. */
import type { ResolvedConfig } from '../config/types.ts';
import type { LintOptions } from '../lint/check.ts';
import type { Target } from '../promql/target.ts';
import type { RegistryData } from '../registry/index.ts';

export function lintOptions(config: ResolvedConfig, target: Target, registries: readonly RegistryData[]): LintOptions {
  return {
    target, policy: config.policy, checks: config.lint.checks,
    registry: { registries, unknownMetric: config.registry.unknownMetric },
  };
}
