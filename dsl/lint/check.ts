/**
 * A lint check: one module with its id, one-line description, default severity, docs text and a
 * `run` that reports problems through the context (the ESLint/typescript-eslint rule shape).
 */
import type { Diagnostic, Severity, SourceLocation } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import type { Target } from '../promql/target.ts';
import type { CheckedExpression, RecordingRuleEntry, RuleEntry } from './context.ts';
import type { RegistrySettings } from './registry-view.ts';
import type { DashboardView } from './dashboard-view.ts';
import type { SecretScan } from './secrets.ts';

export interface Policy {
  readonly requiredAlertLabels: Readonly<Record<string, readonly string[]>>;
  readonly requiredAnnotations: readonly string[];
  readonly alertNamePattern?: string;
}

export interface LintOptions {
  readonly target: Target;
  readonly policy: Policy;
  /** Per-check severity overrides. */
  readonly checks?: Readonly<Record<string, Severity | 'off'>>;
  /** The metric registries (registry/*.ts); without them the registry checks stay silent. */
  readonly registry?: RegistrySettings;
  /** Credentials found in the definitions' texts (scanSecrets, run before the checks); absent: not scanned. */
  readonly secrets?: SecretScan;
  /** The Alertmanager release the routing is for (default 0.25). */
  readonly alertmanager?: { readonly version: string };
}

export interface Report {
  readonly message: string;
  /** A lower severity than the check's default for a milder form of the problem. */
  readonly severity?: Severity;
  readonly hint?: string;
  readonly location?: SourceLocation;
  /** What the problem belongs to, e.g. `alert ApiHighErrorRate`. */
  readonly subject?: string;
  /** The definition, so suppressions on it apply. */
  readonly on?: { readonly suppress?: readonly { readonly check: string; readonly reason: string }[] };
}

export interface CheckContext {
  readonly project: Project;
  readonly options: LintOptions;
  /** Every rule with its group and module. */
  rules(): readonly RuleEntry[];
  /** Every rule expression, parsed and checked once for the target. */
  expressions(): readonly CheckedExpression[];
  /** Every dashboard, resolved, with its queries checked once for the target. */
  dashboards(): readonly DashboardView[];
  /**
   * Every recording rule of the whole project, also when the run checks one shard of it: what a
   * query reads from a recorded series depends on rules that may sit in another shard.
   */
  recordingRules(): readonly RecordingRuleEntry[];
  report(r: Report): void;
  /** Where `text` (written after `site` in the author's file) has its offset `offset`. */
  locate(site: SourceLocation | undefined, text: string, offset: number): SourceLocation | undefined;
}

export interface CheckMeta {
  /** `<category>/<name>`, the file name under dsl/lint/checks. */
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  /** Why the check exists and how to fix what it reports (markdown). */
  readonly docs: string;
  /**
   * `project`: the check compares definitions with each other (duplicates, links between
   * dashboards), so it runs once over the whole project. Other checks judge each definition on
   * its own and run on every shard of a project checked in parallel.
   */
  readonly scope?: 'project';
}

export interface Check {
  readonly meta: CheckMeta;
  run(ctx: CheckContext): void;
}

export function defineCheck(check: Check): Check {
  return check;
}

export type { Diagnostic };
