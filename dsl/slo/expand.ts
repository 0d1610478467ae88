/**
 * One SLO → its rule groups, promtool tests and diagnostics. The collect layer calls this for every
 * `slo(...)` a module exports and adds the results to the module as if they had been written there.
 * A definition with errors generates nothing (and says why, at the `slo(...)` call).
 */
import { atCallSite } from '../core/call-site.ts';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import type { RuleGroup, RuleTest } from '../rules/index.ts';
import { latencyBucketProblem, type BucketLookup } from './latency-bucket.ts';
import { resolveSlo, type ResolvedSlo } from './resolve.ts';
import { sloGroups } from './rules.ts';
import { sloTests } from './unit-tests.ts';
import type { Slo } from './types.ts';

export interface SloExpansion {
  readonly slo: Slo;
  /** Absent when the definition has errors. */
  readonly resolved?: ResolvedSlo;
  readonly groups: readonly RuleGroup[];
  readonly tests: readonly RuleTest[];
  /** Why no promtool tests could be generated (the slo/untested check reports it). */
  readonly untested: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ExpandOptions {
  /** Histogram bucket bounds (from the metric registry), to check latency thresholds against. */
  readonly buckets?: BucketLookup;
}

export function sloSubject(slo: Slo): string {
  return `slo ${JSON.stringify(`${String(slo.service)}/${String(slo.name)}`)}`;
}

function failed(slo: Slo, location: SourceLocation, checkId: string, problems: readonly string[]): SloExpansion {
  return {
    slo,
    groups: [],
    tests: [],
    untested: [],
    diagnostics: problems.map((message) => ({
      checkId,
      severity: 'error' as const,
      message: `${sloSubject(slo)}: ${message}`,
      hint: 'fix the slo({...}) definition; nothing is generated for it until then',
      location,
      subject: sloSubject(slo),
    })),
  };
}

export function expandSlo(slo: Slo, module: string, options: ExpandOptions = {}): SloExpansion {
  const location = slo.site ?? { file: module, line: 1, column: 1 };
  const resolved = resolveSlo(slo);
  if ('problems' in resolved) return failed(slo, location, 'slo/definition', resolved.problems);
  const bucket = latencyBucketProblem(resolved, options.buckets);
  if (bucket !== undefined) return failed(slo, location, 'slo/latency-bucket', [bucket]);
  const { groups, tests } = atCallSite(slo.site, () => {
    const groups = sloGroups(resolved);
    return { groups, tests: sloTests(resolved, groups) };
  });
  return { slo, resolved, groups, tests: tests.tests, untested: tests.skipped, diagnostics: [] };
}
