/**
 * The collected project: every definition with the module it came from. This is the one input of
 * the checks and the emitters.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import type { RuleGroup, RuleTest } from '../rules/index.ts';

export interface ModuleDefinitions {
  /** Project-relative path, e.g. `alerts/api.ts`. */
  readonly module: string;
  readonly groups: readonly RuleGroup[];
  readonly tests: readonly RuleTest[];
}

export interface Project {
  readonly root: string;
  readonly modules: readonly ModuleDefinitions[];
  /** Problems found while loading (a module that throws, an export of an unknown kind). */
  readonly diagnostics: readonly Diagnostic[];
}
