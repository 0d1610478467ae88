/**
 * Runs lint checks over dashboards built in the test itself, the RuleTester way (like
 * test/helpers/check-tester.ts for rules): `expectValid` / `expectInvalid` per check.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { dashboardsOf } from '../../dsl/collect/dashboards.ts';
import type { Project } from '../../dsl/collect/project.ts';
import type { Diagnostic } from '../../dsl/core/diagnostic.ts';
import type { Dashboard } from '../../dsl/dashboard/index.ts';
import type { Check, LintOptions } from '../../dsl/lint/check.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { expectMessages, type ExpectedError } from '../helpers/check-tester.ts';
import type { RegistryData } from '../../dsl/registry/index.ts';

/** Dashboards per module; a bare array means one module `dashboards/test.ts` (each its own export). */
export type DashboardCase = readonly Dashboard[] | Readonly<Record<string, readonly Dashboard[]>>;

const isList = (c: DashboardCase): c is readonly Dashboard[] => Array.isArray(c);

export function dashboardProject(c: DashboardCase): Project {
  const modules: Readonly<Record<string, readonly Dashboard[]>> = isList(c) ? { 'dashboards/test.ts': c } : c;
  const dashboards = Object.entries(modules).flatMap(([module, ds]) => dashboardsOf(module, Object.fromEntries(ds.map((d: Dashboard, i: number) => [`d${i}`, d]))));
  return { root: process.cwd(), modules: [], diagnostics: [], dashboards };
}

export function lintDashboards(check: Check, c: DashboardCase, target = '2.42', registries: readonly RegistryData[] = []): Diagnostic[] {
  const options: LintOptions = {
    target: mustParseTarget(target), policy: { requiredAlertLabels: {}, requiredAnnotations: [] },
    ...(registries.length ? { registry: { registries } } : {}),
  };
  return [...runChecks(dashboardProject(c), [check], options).diagnostics];
}

export function expectValid(check: Check, c: DashboardCase): void {
  expect(lintDashboards(check, c).map((d) => d.message)).toEqual([]);
}

/** Exactly the given problems: ExpectedErrors (message id and position, in location order), or message substrings or patterns in any order. */
export function expectInvalid(check: Check, c: DashboardCase, expected: readonly ExpectedError[]): Diagnostic[];
export function expectInvalid(check: Check, c: DashboardCase, messages: readonly (string | RegExp)[]): Diagnostic[];
export function expectInvalid(check: Check, c: DashboardCase, expected: readonly ExpectedError[] | readonly (string | RegExp)[]): Diagnostic[] {
  return expectMessages(check, lintDashboards(check, c), expected as readonly ExpectedError[]);
}

/** 1-based line of the only line of `file` (project-relative) containing `marker`. */
export function lineOf(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`${marker} not in ${file}`);
  return i + 1;
}
