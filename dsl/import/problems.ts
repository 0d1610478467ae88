/**
 * Problems an imported rule file already had, so `obs import rules` can write a module that builds
 * on day one: the file is checked as the build will check the module (the project's config,
 * registries and Prometheus version), and every problem that would fail the build is suppressed on
 * the rule (or group) it is about, with a reason naming the file it came from; the build lists
 * suppressed problems, which makes them the team's visible to-do list. Problems tied to no rule
 * are suppressed for the module.
 */
import { SEVERITY_RANK, type Diagnostic } from '../core/diagnostic.ts';
import { discoverModules } from '../collect/discover.ts';
import { loadRegistries } from '../collect/registries.ts';
import type { ModuleDefinitions, TextLocator } from '../collect/project.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { CHECKS } from '../lint/checks/index.ts';
import { runChecks } from '../lint/engine.ts';
import { resolveTarget } from '../promql/index.ts';
import type { Rule, RuleGroup, Suppression } from '../rules/index.ts';
import { lintOptions } from '../config/lint-options.ts';

export interface ImportedProblems {
  /** Check ids to suppress, per rule or group of the imported module (the read objects themselves). */
  readonly suppress: ReadonlyMap<Rule | RuleGroup, readonly string[]>;
  /** Check ids to suppress for the whole module: problems reported on no rule. */
  readonly moduleSuppress: readonly string[];
  /** Every suppressed problem, as the check reported it on the imported file. */
  readonly problems: readonly Diagnostic[];
}

export const importedReason = (source: string): string =>
  `present in the imported file ${source}: fix it, then remove this line`;

export function importedSuppressions(checks: readonly string[], source: string): Suppression[] {
  return checks.map((check) => ({ check, reason: importedReason(source) }));
}

/**
 * Checks the imported module. Each rule and group is checked as a copy that suppresses every check
 * with a marker of its own, so what the engine suppresses names the rule it was reported on.
 */
export async function importedProblems(
  root: string,
  config: ResolvedConfig,
  module: ModuleDefinitions,
  locate: TextLocator,
): Promise<ImportedProblems> {
  const ids = [...new Set(CHECKS.map((c) => c.meta.id))];
  const owners = new Map<string, Rule | RuleGroup>();
  const marked = (owner: Rule | RuleGroup): Suppression[] => {
    const marker = `import-marker-${owners.size}`;
    owners.set(marker, owner);
    return ids.map((check) => ({ check, reason: marker }));
  };
  const groups = module.groups.map(
    (g) =>
      ({ ...g, suppress: marked(g), rules: g.rules.map((r) => ({ ...r, suppress: marked(r) }) as Rule) }) as RuleGroup,
  );
  const regs = await loadRegistries(root, discoverModules(root, [config.paths.registry]), {
    timeoutMs: config.load.timeoutMs,
  });
  const target = resolveTarget(config.prometheus.version, config.prometheus.features);
  const result = runChecks(
    { root, modules: [{ ...module, groups }], diagnostics: [], locate },
    CHECKS,
    lintOptions(config, target, regs.registries),
  );
  const fails = (d: Diagnostic): boolean => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[config.lint.failOn];
  const suppress = new Map<Rule | RuleGroup, string[]>();
  const problems: Diagnostic[] = [];
  for (const s of result.suppressed) {
    const owner = owners.get(s.reason);
    if (!owner || !fails(s.diagnostic)) continue;
    const list = suppress.get(owner) ?? [];
    if (!list.includes(s.checkId)) list.push(s.checkId);
    suppress.set(owner, list);
    problems.push(s.diagnostic);
  }
  const rest = result.diagnostics.filter(fails);
  problems.push(...rest);
  for (const list of suppress.values()) list.sort();
  return { suppress, moduleSuppress: [...new Set(rest.map((d) => d.checkId))].sort(), problems };
}
