/**
 * What lets a session check again only what a save changed (watch mode): the project split into
 * units that the checks without `scope: 'project'` judge on their own (each rule group, each
 * dashboard, and the rest: SLOs, tests, the Alertmanager configuration), and the key of a unit's
 * results. The key holds everything such a check can read about the unit:
 *
 * - the unit itself, every field (its digest, see core/definition-digest.ts: a unit holding a
 *   function other than the helpers obs's factories attach, or a class instance, has none and is
 *   always checked);
 * - the texts of the files its call sites name and of its module (problems are located in them);
 * - the context every unit shares (`contextKey`): the root, the target, policy, severity
 *   overrides, the registries but their metrics, every recording rule with its group, the file
 *   suppressions;
 * - kept beside the result, not in the key: what its checks read of the registries' metrics
 *   (lint/registry-reads.ts), compared with the registries of the run before the result is reused.
 *
 * What a key does not cover is checked on every run: the project-wide checks, the units without a
 * key, a unit whose checks read the Alertmanager view, or reported outside the files of its key.
 */
import { createHash } from 'node:crypto';
import { definitionDigest, sha256 } from '../core/definition-digest.ts';
import { entryDigest, nameDashboards, type DashboardEntry } from '../collect/dashboards.ts';
import type { Project } from '../collect/project.ts';
import type { RuleGroup } from '../rules/index.ts';
import type { LintOptions } from './check.ts';
import type { RecordingRuleEntry } from './context.ts';
import { targetKey } from './expression-memo.ts';

export interface CheckUnit {
  /** The project as the unit's checks see it: the unit alone (the rest: all but groups and dashboards). */
  readonly project: Project;
  /** The definition: a group or a dashboard entry; undefined for the rest. */
  readonly definition?: RuleGroup | DashboardEntry;
  /** The module it came from. */
  readonly module?: string;
}

/** Every rule group, every dashboard, then the rest, in the project's order. */
export function checkUnits(project: Project): CheckUnit[] {
  const base = {
    root: project.root,
    diagnostics: [],
    ...(project.fileSuppressions ? { fileSuppressions: project.fileSuppressions } : {}),
    ...(project.locate ? { locate: project.locate } : {}),
  };
  const units: CheckUnit[] = [];
  for (const m of project.modules)
    for (const g of m.groups)
      units.push({
        project: { ...base, modules: [{ module: m.module, groups: [g], tests: [] }] },
        definition: g,
        module: m.module,
      });
  nameDashboards(project.dashboards ?? []);
  for (const d of project.dashboards ?? [])
    units.push({ project: { ...base, modules: [], dashboards: [d] }, definition: d, module: d.module });
  units.push({
    project: { ...project, modules: project.modules.map((m) => ({ ...m, groups: [] })), dashboards: [] },
  });
  return units;
}

/** sha256 of plain data (a definition digest); undefined when it holds what has none (a function, a class instance). */
export function dataKey(value: unknown): string | undefined {
  return definitionDigest(value)?.hash;
}

/**
 * What every unit's checks read besides the unit: the options (without the secret scan, which
 * only project-wide checks get), every recording rule with its group and module, the file
 * suppressions, the root. Undefined when some of it has no key (then nothing is reused).
 */
export function contextKey(
  project: Project,
  options: LintOptions,
  recordingRules: readonly RecordingRuleEntry[],
  /** What the checks may read of the registries besides what each unit's key holds (default: nothing more). */
  registries: unknown = null,
): string | undefined {
  const groups = new Map<RuleGroup, string>();
  for (const e of recordingRules) groups.set(e.group, e.module);
  // Each group digested on its own: the unit of that group reuses its digest.
  const recording: [string, string][] = [];
  for (const [group, module] of groups) {
    const d = definitionDigest(group);
    if (!d) return undefined;
    recording.push([module, d.hash]);
  }
  return definitionDigest({
    root: project.root,
    locate: project.locate !== undefined,
    target: targetKey(options.target),
    policy: options.policy,
    checks: options.checks ?? {},
    registry: options.registry ?? null,
    alertmanager: options.alertmanager ?? null,
    fileSuppressions: project.fileSuppressions ?? {},
    recording,
    registries,
  })?.hash;
}

/**
 * The digest of a file's text for unit keys, each file's computed once (a file of 400 groups is
 * hashed once, not 400 times).
 */
export function fileDigests(text: (file: string) => string | undefined): (file: string) => string {
  const digests = new Map<string, string>();
  return (f) => {
    let d = digests.get(f);
    if (d === undefined) digests.set(f, (d = sha256(text(f) ?? '\u0001unreadable')));
    return d;
  };
}

/** The key of a unit's results, and the files they may be located in; undefined when it has none. */
export function unitKey(
  unit: CheckUnit,
  context: string,
  digest: (file: string) => string,
): { readonly key: string; readonly files: ReadonlySet<string> } | undefined {
  if (!unit.definition || unit.module === undefined) return undefined;
  const own = 'dashboard' in unit.definition ? entryDigest(unit.definition) : definitionDigest(unit.definition);
  if (!own) return undefined;
  const files = new Set<string>([unit.module, ...own.files]);
  const h = createHash('sha256').update(context).update('\u0000').update(unit.module).update('\u0000').update(own.hash);
  for (const f of [...files].sort()) h.update(`\u0000${f}\u0000${digest(f)}`);
  return { key: h.digest('hex'), files };
}
