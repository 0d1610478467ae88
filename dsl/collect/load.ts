/**
 * Imports each authored module and picks out its definitions. A module that throws while loading
 * becomes a located diagnostic instead of a crash, and the other modules are still collected.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { authorFrames, relativeToProject } from '../core/call-site.ts';
import { compileErrorOf } from '../core/compile-error.ts';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import {
  isFileSuppressions,
  isPrometheusRuleObject,
  isRuleGroup,
  isRuleTest,
  type PrometheusRuleObject,
  type RuleGroup,
  type RuleTest,
  type Suppression,
} from '../rules/index.ts';
import { dashboardsOf, type DashboardEntry } from './dashboards.ts';
import type { ModuleDefinitions, Project, PrometheusRuleAssignment } from './project.ts';
import { sloDashboards, slosOf, type SloEntry } from './slos.ts';
import type { ExpandOptions } from '../slo/index.ts';
import { importAll, LoadStopped, type Imported } from '../core/import-authored.ts';
import { ExitWhileLoading, type LoadProblem } from '../core/load-guard.ts';
import { isAlertmanagerConfig } from '../alertmanager/index.ts';
import type { AlertmanagerEntry } from './project.ts';

function bySite(
  a: { site?: { line: number; column: number } },
  b: { site?: { line: number; column: number } },
): number {
  return (a.site?.line ?? 0) - (b.site?.line ?? 0) || (a.site?.column ?? 0) - (b.site?.column ?? 0);
}

/** Definitions exported by a module: directly, or in arrays (`export default [groupA, groupB]`). */
interface Stray {
  readonly what: string;
  readonly site?: SourceLocation;
}

function definitionsOf(exports: Record<string, unknown>): { groups: RuleGroup[]; tests: RuleTest[]; unknown: Stray[] } {
  const groups = new Set<RuleGroup>();
  const tests = new Set<RuleTest>();
  const unknown: Stray[] = [];
  const take = (name: string, v: unknown): void => {
    if (isRuleGroup(v)) groups.add(v);
    else if (isRuleTest(v)) tests.add(v);
    else if (Array.isArray(v)) v.forEach((x, i) => take(`${name}[${i}]`, x));
    else if (typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string') {
      const { kind, site } = v as { kind: string; site?: SourceLocation };
      if (kind === 'alert' || kind === 'record')
        unknown.push({ what: `${name} (a single ${kind} rule: put it in a ruleGroup)`, ...(site ? { site } : {}) });
    }
  };
  for (const [name, v] of Object.entries(exports)) take(name, v);
  return { groups: [...groups].sort(bySite), tests: [...tests].sort(bySite), unknown };
}

export function loadErrorDiagnostic(module: string, e: unknown): Diagnostic {
  if (e instanceof LoadStopped) {
    return {
      checkId: 'collect/module-error',
      severity: 'error',
      message: `${module} ${e.message}`,
      hint: "a definition module must finish loading on its own: settle or remove the await; a module that is merely slow can be given longer with load: { timeout: '2m' } in obs.config.ts",
      location: e.location
        ? { ...e.location, file: relativeToProject(e.location.file) }
        : { file: module, line: 1, column: 1 },
    };
  }
  const compile = compileErrorOf(e);
  if (compile) {
    const file = relativeToProject(compile.file);
    return {
      checkId: 'collect/module-error',
      severity: 'error',
      message:
        file === module
          ? `${module} does not compile: ${compile.text}`
          : `${module} failed to load: ${file} does not compile: ${compile.text}`,
      hint: 'fix the syntax error (tsc --noEmit lists every one)',
      location: { file, line: compile.line, column: compile.column },
    };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const exit = e instanceof ExitWhileLoading;
  const frame = authorFrames(err.stack).find((f) => f.file === module) ?? authorFrames(err.stack)[0];
  return {
    checkId: 'collect/module-error',
    severity: 'error',
    message: `${module} failed to load: ${err.message.split('\n')[0]}`,
    hint: exit
      ? 'remove the process.exit call: obs runs the module to read its definitions'
      : 'fix the error in the module; definitions are plain TypeScript values evaluated at build time',
    location: frame ?? { file: module, line: 1, column: 1 },
  };
}

export interface LoadLimits {
  /** Loading that takes longer is stopped (default DEFAULT_LOAD_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** A module's effect on the process while it loaded (load-guard.ts), located in the author's code. */
function loadProblemDiagnostic(p: LoadProblem, modules: readonly string[]): Diagnostic {
  const file = p.location?.file;
  const module = modules.find((m) => m === file) ?? file ?? 'a definition module';
  return {
    checkId: 'collect/module-side-effect',
    severity: 'error',
    message: `${module} ${p.message}`,
    hint: p.hint,
    location: p.location ?? { file: modules[0] ?? '.', line: 1, column: 1 },
  };
}

/**
 * The modules (project-relative paths) imported together (see importAll), each with its path, and
 * the diagnostics for what they did to the process while loading.
 */
export async function importModules(
  root: string,
  modules: readonly string[],
  limits: LoadLimits = {},
): Promise<{ loads: (Imported & { readonly module: string })[]; diagnostics: Diagnostic[] }> {
  // Nothing to import (no registry folder, say): TS loading is not even set up.
  if (modules.length === 0) return { loads: [], diagnostics: [] };
  const { loads, problems } = await importAll(
    modules.map((module) => pathToFileURL(join(root, module)).href),
    limits,
  );
  return {
    loads: modules.map((module, i) => ({ module, ...loads[i]! })),
    diagnostics: problems.map((p) => loadProblemDiagnostic(p, modules)),
  };
}

/** `options` reach each SLO's expansion (the registries' histogram buckets). */
export async function loadProject(
  root: string,
  modules: readonly string[],
  options: ExpandOptions = {},
  limits: LoadLimits = {},
): Promise<Project> {
  const out: ModuleDefinitions[] = [];
  const imported = await importModules(root, modules, limits);
  const diagnostics: Diagnostic[] = [...imported.diagnostics];
  const dashboards: DashboardEntry[] = [];
  const slos: SloEntry[] = [];
  const fileSuppressions: Record<string, readonly Suppression[]> = {};
  let alertmanager: AlertmanagerEntry | undefined;
  for (const loaded of imported.loads) {
    const { module } = loaded;
    if ('error' in loaded) {
      diagnostics.push(loadErrorDiagnostic(module, loaded.error));
      continue;
    }
    const { exports } = loaded;
    const defs = definitionsOf(exports);
    for (const u of defs.unknown) {
      diagnostics.push({
        checkId: 'collect/stray-rule',
        severity: 'error',
        message: `${module} exports ${u.what}`,
        hint: 'export ruleGroup({ name, rules: [...] }) so the rule has a group',
        location: u.site ?? { file: module, line: 1, column: 1 },
      });
    }
    // An SLO's generated groups and tests belong to the module that exports it.
    const moduleSlos = slosOf(module, exports, options);
    slos.push(...moduleSlos.entries);
    diagnostics.push(...moduleSlos.diagnostics);
    const groups = [...defs.groups, ...moduleSlos.groups];
    const tests = [...defs.tests, ...moduleSlos.tests];
    const assigned = prometheusRulesOf(module, Object.values(exports).filter(isPrometheusRuleObject), groups);
    diagnostics.push(...assigned.diagnostics);
    const prometheusRules = assigned.objects;
    if (groups.length > 0 || tests.length > 0)
      out.push({ module, groups, tests, ...(prometheusRules.length ? { prometheusRules } : {}) });
    dashboards.push(...dashboardsOf(module, exports));
    for (const config of new Set(Object.values(exports).filter(isAlertmanagerConfig))) {
      if (!alertmanager) alertmanager = { module, config };
      else {
        diagnostics.push({
          checkId: 'collect/alertmanager-config',
          severity: 'error',
          message: `${module} exports a second alertmanagerConfig (${alertmanager.module} exports the first): a project has one Alertmanager configuration`,
          hint: 'export one alertmanagerConfig({...}) and compose it from routes and receivers that other modules export',
          location: config.site ?? { file: module, line: 1, column: 1 },
        });
      }
    }
    const fileSup = Object.values(exports)
      .filter(isFileSuppressions)
      .flatMap((f) => f.suppress);
    if (fileSup.length) fileSuppressions[module] = fileSup;
  }
  dashboards.push(...sloDashboards(slos));
  return {
    root,
    modules: out,
    diagnostics,
    ...(dashboards.length ? { dashboards } : {}),
    ...(slos.length ? { slos } : {}),
    ...(alertmanager ? { alertmanager } : {}),
    ...(Object.keys(fileSuppressions).length ? { fileSuppressions } : {}),
  };
}

/**
 * Which groups each exported prometheusRule object is written as: one object without `groups`
 * holds every group; several objects each name theirs, and every group is in exactly one.
 */
function prometheusRulesOf(
  module: string,
  objects: readonly PrometheusRuleObject[],
  groups: readonly RuleGroup[],
): { objects: PrometheusRuleAssignment[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (o: PrometheusRuleObject, message: string, hint: string): void => {
    diagnostics.push({
      checkId: 'collect/module-error',
      severity: 'error',
      message: `${module}: ${message}`,
      hint,
      location: o.site ?? { file: module, line: 1, column: 1 },
    });
  };
  const unique = [...new Set(objects)];
  if (unique.length === 0) return { objects: [], diagnostics };
  if (unique.length === 1 && unique[0]!.groups === undefined)
    return { objects: [{ object: unique[0]!, groups }], diagnostics };
  const owner = new Map<RuleGroup, PrometheusRuleObject>();
  const names = new Map<string, PrometheusRuleObject>();
  const out: PrometheusRuleAssignment[] = [];
  for (const o of unique) {
    const key = `${o.namespace ?? ''}/${o.name}`;
    if (names.has(key))
      problem(
        o,
        `two prometheusRule objects are named ${JSON.stringify(o.name)}${o.namespace ? ` in ${o.namespace}` : ''}`,
        'give each object of the module its own name',
      );
    names.set(key, o);
    if (o.groups === undefined) {
      problem(
        o,
        `exports ${unique.length} prometheusRule objects and ${JSON.stringify(o.name)} does not say which groups it holds`,
        'give each object its groups: prometheusRule({ name, ..., groups: [group, ...] })',
      );
      continue;
    }
    for (const g of o.groups) {
      const first = owner.get(g);
      if (first)
        problem(
          o,
          `group ${JSON.stringify(g.name)} is in two prometheusRule objects (${first.name}, ${o.name})`,
          'list each group in one object only',
        );
      else if (!groups.includes(g))
        problem(
          o,
          `group ${JSON.stringify(g.name)} of prometheusRule ${JSON.stringify(o.name)} is not exported by the module`,
          'export the group from this module (export const ... = ruleGroup({...}))',
        );
      else owner.set(g, o);
    }
    out.push({ object: o, groups: o.groups.filter((g) => owner.get(g) === o) });
  }
  for (const g of groups) {
    if (!owner.has(g))
      problem(
        unique[0]!,
        `group ${JSON.stringify(g.name)} is in none of the module's prometheusRule objects`,
        'add it to the groups of the object it is deployed as',
      );
  }
  // The groups of each object in the module's order, whatever order the object lists them in.
  return {
    objects: out.map((a) => ({ object: a.object, groups: groups.filter((g) => a.groups.includes(g)) })),
    diagnostics,
  };
}
