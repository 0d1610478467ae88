/**
 * Runs lint checks over definitions built in the test itself (no files), the RuleTester way:
 * `expectValid` / `expectInvalid` tables per check.
 */
import { expect } from 'vitest';
import type { Diagnostic } from '../../dsl/core/diagnostic.ts';
import type { Project } from '../../dsl/collect/project.ts';
import type { Check, LintOptions, Policy } from '../../dsl/lint/check.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import type { RegistryData } from '../../dsl/registry/index.ts';
import type { RuleGroup } from '../../dsl/rules/index.ts';
import type { SecretScan } from '../../dsl/lint/secrets.ts';
import type { AlertmanagerConfig } from '../../dsl/alertmanager/index.ts';

export interface LintCase {
  /** Groups per module; a bare array means one module `alerts/test.ts`. */
  readonly modules: Record<string, readonly RuleGroup[]> | readonly RuleGroup[];
  readonly target?: string;
  readonly policy?: Partial<Policy>;
  /** Metric registries the registry checks read (none: they stay silent). */
  readonly registries?: readonly RegistryData[];
  readonly unknownMetric?: 'suggest' | 'error';
  /** What the secret scan found (see dsl/lint/secrets.ts; the build runs it before the checks). */
  readonly secrets?: SecretScan;
  readonly relabelledLabels?: Readonly<Record<string, readonly string[]>>;
  /** The project's Alertmanager configuration (module `alertmanager/index.ts`) and its target release. */
  readonly alertmanager?: AlertmanagerConfig;
  readonly alertmanagerVersion?: string;
}

/** The project a case describes. */
export function caseProject(c: LintCase): Project {
  const modules = Array.isArray(c.modules) ? { 'alerts/test.ts': c.modules } : (c.modules as Record<string, readonly RuleGroup[]>);
  return {
    root: process.cwd(),
    modules: Object.entries(modules).map(([module, groups]) => ({ module, groups, tests: [] })),
    diagnostics: [],
    ...(c.alertmanager ? { alertmanager: { module: 'alertmanager/index.ts', config: c.alertmanager } } : {}),
  };
}

export function lint(check: Check, c: LintCase): Diagnostic[] {
  const project = caseProject(c);
  const options: LintOptions = {
    target: mustParseTarget(c.target ?? '2.42'),
    policy: { requiredAlertLabels: {}, requiredAnnotations: [], ...c.policy },
    ...(c.alertmanagerVersion ? { alertmanager: { version: c.alertmanagerVersion } } : {}),
    ...(c.registries || c.unknownMetric ? { registry: { registries: c.registries ?? [], ...(c.unknownMetric ? { unknownMetric: c.unknownMetric } : {}), ...(c.relabelledLabels ? { relabelledLabels: c.relabelledLabels } : {}) } } : {}),
    ...(c.secrets ? { secrets: c.secrets } : {}),
  };
  return [...runChecks(project, [check], options).diagnostics];
}

export function expectValid(check: Check, c: LintCase): void {
  const ds = lint(check, c);
  expect(ds.map((d) => d.message)).toEqual([]);
}

/** Asserts the check reports exactly the given messages (substrings or patterns), one diagnostic each, in any order. */
export function expectInvalid(check: Check, c: LintCase, messages: readonly (string | RegExp)[]): Diagnostic[] {
  return expectMessages(check, lint(check, c), messages);
}

/** `ds`, what `check` reported, are exactly the given messages (substrings or patterns), one each, in any order. */
export function expectMessages(check: Check, ds: readonly Diagnostic[], messages: readonly (string | RegExp)[]): Diagnostic[] {
  const got = ds.map((d) => d.message);
  expect(got, `diagnostics: ${JSON.stringify(got)}`).toHaveLength(messages.length);
  const unused = new Set(ds);
  for (const m of messages) {
    const hit = [...unused].find((d) => (typeof m === 'string' ? d.message.includes(m) : m.test(d.message)));
    expect(hit, `no diagnostic matches ${String(m)} among ${JSON.stringify(got)}`).toBeDefined();
    if (hit) unused.delete(hit);
  }
  for (const d of ds) expect(d.checkId).toBe(check.meta.id);
  return [...ds];
}
