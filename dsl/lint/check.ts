/**
 * The lint check contract (the shape of typescript-eslint's rules and pint's checks): a check is one
 * module with its metadata (id, severity, docs, message templates keyed by id, what it needs and
 * which query hosts it looks at) and either a `create` that returns node handlers the engine calls
 * in its one walk over every query, or a `run` for checks that compare definitions or read no
 * query. The engine builds the shared views once per run, fills in location, subject and the
 * suppression carrier of a query report, formats the message from its id and data, and skips a
 * check whose needs the run does not have.
 */
import type { Diagnostic, RelatedLocation, Severity, SourceLocation, Span } from '../core/diagnostic.ts';
import type { Project } from '../collect/project.ts';
import type { Expr } from '../promql/index.ts';
import type { Target } from '../promql/target.ts';
import type { AlertLabels } from './alert-labels.ts';
import type { AlertmanagerView } from './alertmanager-view.ts';
import type { CheckedExpression, RecordingRuleEntry, RuleEntry } from './context.ts';
import type { DashboardView } from './dashboard-view.ts';
import type { QueryEntry, QueryHost, Suppressible } from './queries.ts';
import type { RegistrySettings, RegistryView } from './registry-view.ts';
import type { SecretScan } from './secrets.ts';

export type { QueryEntry, QueryHost, Suppressible };

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

import type { MessageData } from './message.ts';

export type { MessageData };

/** A secondary place the problem involves (the other duplicate, the rule that records a series). */
export interface Related {
  readonly message: string;
  readonly location?: SourceLocation;
}

interface ReportBase<M extends string> {
  readonly messageId: M;
  readonly data?: MessageData;
  /** A lower severity than the check's default for a milder form of the problem. */
  readonly severity?: Severity;
  readonly hint?: string;
  readonly related?: readonly Related[];
}

export interface Report<M extends string = string> extends ReportBase<M> {
  readonly location?: SourceLocation;
  /** What the problem belongs to, e.g. `alert ApiHighErrorRate`. */
  readonly subject?: string;
  /** The definition, so suppressions on it apply. */
  readonly on?: Suppressible;
}

/**
 * A problem in a query: the engine locates `node` (or `span`, offsets into the query text) where
 * the author wrote it, and takes subject and suppressions from the query. `location` overrides the
 * place (a template of the alert rather than its expression). `data.subject` is the query's subject.
 */
export interface QueryReport<M extends string = string> extends ReportBase<M> {
  readonly node?: Span;
  readonly span?: Span;
  readonly location?: SourceLocation;
}

/** What a node handler gets besides the node: the query it is in, and how to report on it. */
export interface QueryContext<M extends string = string> {
  readonly query: QueryEntry;
  /** The nodes from the root down to the node's parent. */
  readonly parents: readonly Expr[];
  report(r: QueryReport<M>): void;
}

type NodeOf<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

/**
 * Handlers the engine calls while it walks each query's AST once for every check. `query` is
 * called first, with the query (also those that did not parse; returning false skips the query's
 * nodes for this check). A node handler returning false skips the node's children for this check.
 * `end` runs once every query was walked (for checks that sum up over the project).
 */
export type Visitor<M extends string = string> = {
  readonly [K in Expr['kind']]?: (node: NodeOf<K>, q: QueryContext<M>) => boolean | void;
} & {
  readonly query?: (q: QueryContext<M>) => boolean | void;
  readonly end?: () => void;
};

export interface CheckContext<M extends string = string> {
  readonly project: Project;
  readonly options: LintOptions;
  /** Every rule with its group and module. */
  rules(): readonly RuleEntry[];
  /** Every rule expression, parsed and checked once for the target. */
  expressions(): readonly CheckedExpression[];
  /** Every dashboard, resolved, with its queries checked once for the target. */
  dashboards(): readonly DashboardView[];
  /** Every query, whatever defined it: rule expressions, then dashboard queries. */
  queries(): readonly QueryEntry[];
  /**
   * Every recording rule of the whole project, also when the run checks one shard of it: what a
   * query reads from a recorded series depends on rules that may sit in another shard.
   */
  recordingRules(): readonly RecordingRuleEntry[];
  /** The registries with the recording rules' outputs, built once per run. */
  readonly registry: RegistryView;
  /** The Alertmanager configuration with where each alert lands, when the project has one. */
  readonly alertmanager: AlertmanagerView | undefined;
  /** What each alert carries when it reaches Alertmanager. */
  alertLabels(): readonly AlertLabels[];
  report(r: Report<M>): void;
  /** Where `text` (written after `site` in the author's file) has its offset `offset`. */
  locate(site: SourceLocation | undefined, text: string, offset: number): SourceLocation | undefined;
}

/**
 * What a check needs from the run; the engine does not run it without:
 * `registry` an authored registry (or `unknownMetric: 'error'`), `alertmanager` the project's
 * Alertmanager configuration, `secrets` a secret scan of the definitions' texts.
 */
export type CheckNeed = 'registry' | 'alertmanager' | 'secrets';

/** What describes a reported id (also ids reported outside the engine, such as `file/syntax`). */
export interface CheckInfo {
  /** `<category>/<name>`, the file name under dsl/lint/checks. */
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  /** Why the check exists and how to fix what it reports (markdown). */
  readonly docs: string;
}

export interface CheckMeta<M extends string = string> extends CheckInfo {
  /** Message templates by id; `{{name}}` is replaced by the report's `data.name`. */
  readonly messages: Readonly<Record<M, string>>;
  readonly needs?: readonly CheckNeed[];
  /** The query hosts a visitor looks at (default: every query). */
  readonly hosts?: readonly QueryHost[];
  /**
   * `project`: the check compares definitions with each other (duplicates, links between
   * dashboards), so it runs once over the whole project. Other checks judge each definition on
   * its own and run on every shard of a project checked in parallel.
   */
  readonly scope?: 'project';
}

export interface Check<M extends string = string> {
  readonly meta: CheckMeta<M>;
  /** Node handlers for the engine's walk over every query (see Visitor). */
  create?(ctx: CheckContext<M>): Visitor<M>;
  /** Checks of anything but query nodes: definitions, dashboards, the project as a whole. */
  run?(ctx: CheckContext<M>): void;
}

/** Keeps a check's message ids typed: `report({ messageId })` must name one of `meta.messages`. */
export function defineCheck<M extends string>(check: Check<M>): Check {
  return check as unknown as Check;
}

export { formatMessage } from './message.ts';
export type { Diagnostic, RelatedLocation };
