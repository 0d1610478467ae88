/**
 * SLOs exported by a module (directly or in arrays), each expanded into the rule groups and tests
 * it generates. They join the module's own definitions, so an SLO in `slos/checkout.ts` is written
 * to `out/rules/slos/checkout.yml` and `out/tests/slos/checkout*.test.yml` like authored rules.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { folderOf } from '../dashboard/identity.ts';
import type { RuleGroup, RuleTest } from '../rules/index.ts';
import {
  expandSlo,
  isSlo,
  serviceDashboard,
  type ExpandOptions,
  type ResolvedSlo,
  type Slo,
  type SloExpansion,
} from '../slo/index.ts';
import type { DashboardEntry } from './dashboards.ts';

export interface SloEntry {
  /** Project-relative path of the module, e.g. `slos/checkout-api.ts`. */
  readonly module: string;
  readonly expansion: SloExpansion;
}

export interface ModuleSlos {
  readonly entries: readonly SloEntry[];
  readonly groups: readonly RuleGroup[];
  readonly tests: readonly RuleTest[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `options.buckets` checks latency thresholds against the histogram buckets the registries declare. */
export function slosOf(
  module: string,
  exports: Readonly<Record<string, unknown>>,
  options: ExpandOptions = {},
): ModuleSlos {
  const found = new Set<Slo>();
  const take = (v: unknown): void => {
    if (isSlo(v)) found.add(v);
    else if (Array.isArray(v)) v.forEach(take);
  };
  Object.values(exports).forEach(take);
  const entries = [...found]
    .sort((a, b) => (a.site?.line ?? 0) - (b.site?.line ?? 0) || (a.site?.column ?? 0) - (b.site?.column ?? 0))
    .map((slo) => ({ module, expansion: expandSlo(slo, module, options) }));
  return {
    entries,
    groups: entries.flatMap((e) => e.expansion.groups),
    tests: entries.flatMap((e) => e.expansion.tests),
    diagnostics: entries.flatMap((e) => e.expansion.diagnostics),
  };
}

/** One error-budget dashboard per service, from all its SLOs (in the module of its first SLO). */
export function sloDashboards(entries: readonly SloEntry[]): DashboardEntry[] {
  const byService = new Map<string, { module: string; slos: ResolvedSlo[] }>();
  for (const e of entries) {
    const r = e.expansion.resolved;
    if (!r) continue;
    const s = byService.get(r.slo.service) ?? { module: e.module, slos: [] };
    s.slos.push(r);
    byService.set(r.slo.service, s);
  }
  return [...byService]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([service, { module, slos }]) => {
      const dashboard = serviceDashboard(service, slos);
      return {
        module,
        exportName: `slo:${service}`,
        dashboard,
        uid: dashboard.uid ?? service,
        uidDerived: false,
        folder: folderOf(module, dashboard.folder),
      };
    });
}
