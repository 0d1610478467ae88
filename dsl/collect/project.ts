/**
 * The collected project: every definition with the module it came from. This is the one input of
 * the checks and the emitters.
 */
import type { Diagnostic, SourceLocation } from '../core/diagnostic.ts';
import type { PrometheusRuleObject, RuleGroup, RuleTest, Suppression } from '../rules/index.ts';
import type { DashboardEntry } from './dashboards.ts';
import type { SloEntry } from './slos.ts';
import type { AlertmanagerConfig } from '../alertmanager/index.ts';

/** The project's Alertmanager configuration and the module that exports it. */
export interface AlertmanagerEntry {
  readonly module: string;
  readonly config: AlertmanagerConfig;
}

export interface ModuleDefinitions {
  /** Project-relative path, e.g. `alerts/api.ts`. */
  readonly module: string;
  readonly groups: readonly RuleGroup[];
  readonly tests: readonly RuleTest[];
  /**
   * The PrometheusRule objects the module's groups are written as (`prometheusRule({...})`), if it
   * says: each with its groups, in the module's order (one object without `groups` holds them all).
   */
  readonly prometheusRules?: readonly PrometheusRuleAssignment[];
}

export interface PrometheusRuleAssignment {
  readonly object: PrometheusRuleObject;
  readonly groups: readonly RuleGroup[];
}

export interface Project {
  readonly root: string;
  readonly modules: readonly ModuleDefinitions[];
  /** Problems found while loading (a module that throws, an export of an unknown kind). */
  readonly diagnostics: readonly Diagnostic[];
  /** Per-file suppressions (`export const suppress = fileSuppressions([...])`), by module path. */
  readonly fileSuppressions?: Readonly<Record<string, readonly Suppression[]>>;
  /** Dashboards exported by the modules, in module order (absent when none were collected). */
  readonly dashboards?: readonly DashboardEntry[];
  /** SLOs exported by the modules, each with what it expanded into (absent when none were collected). */
  readonly slos?: readonly SloEntry[];
  /** The Alertmanager configuration (alertmanager/), when the project routes its alerts. */
  readonly alertmanager?: AlertmanagerEntry;
  /**
   * Where offset `offset` of a text of a definition was written, for sources that are not TS files
   * (rule YAML read by `obs lint`); TS projects leave it out and the checks search the TS source.
   */
  readonly locate?: TextLocator;
}

export type TextLocator = (
  site: SourceLocation | undefined,
  text: string,
  offset: number,
) => SourceLocation | undefined;
