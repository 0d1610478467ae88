/**
 * The Kubernetes object a module's rules are deployed as: `export const object = prometheusRule({
 * name, namespace, labels, annotations })` makes the build write the module's groups as that
 * PrometheusRule (out/prometheus-operator/), with this metadata instead of obs.config.ts's
 * defaults. `obs import rules` writes it for an imported PrometheusRule manifest, so the object
 * the build writes is the one the cluster has (a Prometheus selects rules by these labels).
 */
import { captureCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import { isRuleGroup } from './factories.ts';
import type { RuleGroup } from './types.ts';

export interface PrometheusRuleSpec {
  /** metadata.name: a DNS subdomain (lowercase letters, digits, '-' and '.'). */
  readonly name: string;
  /** metadata.namespace (default: obs.config.ts rules.operator.namespace). */
  readonly namespace?: string;
  /** metadata.labels, e.g. `{ prometheus: 'k8s', role: 'alert-rules' }` (what ruleSelector matches). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The module's groups written as this object. Without it the object holds every group of the
   * module; a module that exports several objects (a file of several PrometheusRule manifests)
   * names each one's groups, and every group is in exactly one.
   */
  readonly groups?: readonly RuleGroup[];
}

export interface PrometheusRuleObject extends PrometheusRuleSpec {
  readonly kind: 'prometheus-rule-object';
  readonly site?: SourceLocation;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function stringMap(what: string, v: unknown): Readonly<Record<string, string>> | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`prometheusRule: ${what} must be a map of strings`);
  for (const [k, x] of Object.entries(v))
    if (typeof x !== 'string')
      throw new Error(`prometheusRule: ${what}.${k} must be a string, not ${JSON.stringify(x)}`);
  return Object.freeze({ ...(v as Record<string, string>) });
}

export function prometheusRule(spec: PrometheusRuleSpec): PrometheusRuleObject {
  if (typeof spec.name !== 'string' || spec.name.length > 253 || !SUBDOMAIN.test(spec.name)) {
    throw new Error(
      `prometheusRule: name ${JSON.stringify(spec.name)} is not a Kubernetes object name (lowercase letters, digits, '-' and '.', at most 253)`,
    );
  }
  if (
    spec.namespace !== undefined &&
    (typeof spec.namespace !== 'string' || spec.namespace.length > 63 || !LABEL.test(spec.namespace))
  ) {
    throw new Error(
      `prometheusRule: namespace ${JSON.stringify(spec.namespace)} is not a Kubernetes namespace name (lowercase letters, digits and '-', at most 63)`,
    );
  }
  if (spec.groups !== undefined && (!Array.isArray(spec.groups) || !spec.groups.every(isRuleGroup))) {
    throw new Error('prometheusRule: groups must be a list of ruleGroup({...}) values of the module');
  }
  const labels = stringMap('labels', spec.labels);
  const annotations = stringMap('annotations', spec.annotations);
  const site = captureCallSite();
  return Object.freeze({
    kind: 'prometheus-rule-object' as const,
    name: spec.name,
    ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    ...(spec.groups !== undefined ? { groups: Object.freeze([...spec.groups]) } : {}),
    ...(site ? { site } : {}),
  });
}

export function isPrometheusRuleObject(v: unknown): v is PrometheusRuleObject {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'prometheus-rule-object';
}
