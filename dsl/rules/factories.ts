import { captureCallSite } from '../core/call-site.ts';
import type { AlertRule, AlertSpec, RecordSpec, RecordingRule, RuleGroup, RuleGroupSpec } from './types.ts';

/**
 * Factories only stamp the kind and the call site and freeze. Validation happens in the build's
 * checks, so that every problem of a run is reported at once with its location instead of the
 * first one aborting the import.
 */
function freeze<T extends object>(v: T): T {
  return Object.freeze(v);
}

function stamp<K extends string, S extends object>(
  kind: K,
  spec: S,
): S & { kind: K; site?: ReturnType<typeof captureCallSite> } {
  const site = captureCallSite();
  return freeze({ ...spec, kind, ...(site ? { site } : {}) });
}

/** An alerting rule. */
export function alert(spec: AlertSpec): AlertRule {
  return stamp('alert', spec);
}

/** A recording rule. */
export function record(spec: RecordSpec): RecordingRule {
  return stamp('record', spec);
}

/** A rule group: evaluated together, at one interval, in order. */
export function ruleGroup(spec: RuleGroupSpec): RuleGroup {
  return stamp('rule-group', { ...spec, rules: freeze([...spec.rules]) });
}

export function isRuleGroup(v: unknown): v is RuleGroup {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'rule-group';
}
