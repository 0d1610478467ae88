/**
 * What lets a session check again only what a save changed (watch mode): the project split into
 * units that the checks without `scope: 'project'` judge on their own (each rule group, each
 * dashboard, and the rest: SLOs, tests, the Alertmanager configuration), and the key of a unit's
 * results. The key holds everything such a check can read about the unit:
 *
 * - the unit itself, every field (JSON, with what JSON would lose spelt out; a unit holding a
 *   function other than the helpers obs's factories attach, or a class instance, has no key and is
 *   always checked);
 * - the texts of the files its call sites name and of its module (problems are located in them);
 * - the context every unit shares (`contextKey`): the root, the target, policy, severity
 *   overrides, the registries, every recording rule with its group, the file suppressions.
 *
 * What a key does not cover is checked on every run: the project-wide checks, the units without a
 * key, a unit whose checks read the Alertmanager view, or reported outside the files of its key.
 */
import { createHash } from 'node:crypto';
import type { DashboardEntry } from '../collect/dashboards.ts';
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
  for (const d of project.dashboards ?? [])
    units.push({ project: { ...base, modules: [], dashboards: [d] }, definition: d, module: d.module });
  units.push({
    project: { ...project, modules: project.modules.map((m) => ({ ...m, groups: [] })), dashboards: [] },
  });
  return units;
}

class NoKey extends Error {}

const FACTORY_METHODS = new Set(['toString', 'sel', 'series']);

/** JSON of a definition with what JSON drops spelt out; the `file` of every call site in it added to `files`. */
function definitionJson(value: unknown, files: Set<string>): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    if (typeof v === 'function') {
      // The helpers obs's factories attach (a promql fragment's `toString`, a registry's `sel` and
      // `series`) are no data a check reads; any other function may close over anything.
      if (FACTORY_METHODS.has(key)) return `$${key}`;
      throw new NoKey();
    }
    if (v === undefined) return this !== null && typeof this === 'object' && key in this ? '$undefined' : v;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
      return `$number:${Object.is(v, -0) ? '-0' : v}`;
    if (typeof v === 'bigint') return `$bigint:${v}`;
    if (typeof v === 'symbol') throw new NoKey();
    if (typeof v === 'string' && v.startsWith('$')) return `$${v}`;
    if (v instanceof Map) return { $map: [...v] };
    if (v instanceof Set) return { $set: [...v] };
    if (v instanceof RegExp) return `$regexp:${String(v)}`;
    if (typeof v === 'object' && v !== null) {
      const proto = Object.getPrototypeOf(v) as unknown;
      // A class instance may keep state JSON cannot see (private fields, getters).
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) throw new NoKey();
      if (Object.getOwnPropertySymbols(v).length) throw new NoKey();
      const site = v as { file?: unknown; line?: unknown };
      if (typeof site.file === 'string' && typeof site.line === 'number') files.add(site.file);
    }
    return v;
  });
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** sha256 of plain data (definitionJson's encoding); undefined when it holds what has no key (a function, a class instance). */
export function dataKey(value: unknown): string | undefined {
  try {
    return sha(definitionJson(value, new Set()));
  } catch (e) {
    if (e instanceof NoKey) return undefined;
    throw e;
  }
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
): string | undefined {
  const groups = new Map<RuleGroup, string>();
  for (const e of recordingRules) groups.set(e.group, e.module);
  try {
    const files = new Set<string>();
    return sha(
      definitionJson(
        {
          root: project.root,
          locate: project.locate !== undefined,
          target: targetKey(options.target),
          policy: options.policy,
          checks: options.checks ?? {},
          registry: options.registry ?? null,
          alertmanager: options.alertmanager ?? null,
          fileSuppressions: project.fileSuppressions ?? {},
          recording: [...groups].map(([group, module]) => [module, group]),
        },
        files,
      ),
    );
  } catch (e) {
    if (e instanceof NoKey) return undefined;
    throw e;
  }
}

/**
 * The digest of a file's text for unit keys, each file's computed once (a file of 400 groups is
 * hashed once, not 400 times).
 */
export function fileDigests(text: (file: string) => string | undefined): (file: string) => string {
  const digests = new Map<string, string>();
  return (f) => {
    let d = digests.get(f);
    if (d === undefined) digests.set(f, (d = sha(text(f) ?? '\u0001unreadable')));
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
  const files = new Set<string>([unit.module]);
  let json: string;
  try {
    json = definitionJson(unit.definition, files);
  } catch (e) {
    if (e instanceof NoKey) return undefined;
    throw e;
  }
  const h = createHash('sha256').update(context).update('\u0000').update(unit.module).update('\u0000').update(json);
  for (const f of [...files].sort()) h.update(`\u0000${f}\u0000${digest(f)}`);
  return { key: h.digest('hex'), files };
}
