/**
 * What each alert of the project will carry when it reaches Alertmanager: `alertname`, the group's
 * and the rule's labels (values known, unless templated), and the labels its expression keeps (values
 * decided by the series), from the label-flow analysis. The routing checks and `obs routes` read it.
 */
import type { AlertLabelKnowledge } from '../alertmanager/index.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import type { AlertRule, RuleGroup } from '../rules/index.ts';
import { ruleSubject, type RuleEntry } from './context.ts';
import type { QueryEntry } from './queries.ts';
import type { RegistryView } from './registry-view.ts';

export interface AlertLabels {
  readonly module: string;
  readonly group: RuleGroup;
  readonly rule: AlertRule;
  readonly subject: string;
  readonly site?: SourceLocation;
  readonly knowledge: AlertLabelKnowledge;
  /** Labels every firing alert of the rule carries. */
  readonly guaranteed: ReadonlySet<string>;
}

/** Computed once per lint run by the engine (CheckContext.alertLabels). */
export function alertLabelsOf(
  rules: readonly RuleEntry[],
  queries: readonly QueryEntry[],
  reg: RegistryView,
): readonly AlertLabels[] {
  const flowByRule = new Map<AlertRule, ReturnType<ReturnType<typeof reg.flows>['get']>>();
  for (const q of queries)
    if (q.alert && q.result.expr && q.result.valid) flowByRule.set(q.alert, reg.flows(q).get(q.result.expr));
  const out: AlertLabels[] = [];
  for (const { module, group, rule } of rules) {
    if (rule.kind !== 'alert') continue;
    const values: Record<string, string> = { alertname: rule.name };
    const unknown = new Set<string>();
    const flow = flowByRule.get(rule);
    const guaranteed = new Set<string>(['alertname']);
    if (flow && !flow.scalar) {
      for (const l of flow.possible) unknown.add(l);
      for (const l of flow.guaranteed) guaranteed.add(l);
    }
    for (const [k, v] of Object.entries({ ...(group.labels ?? {}), ...(rule.labels ?? {}) })) {
      guaranteed.add(k);
      // A templated value is decided by the series; a static one is known now.
      if (v.includes('{{')) {
        unknown.add(k);
        delete values[k];
      } else {
        values[k] = v;
        unknown.delete(k);
      }
    }
    // An expression that does not parse, or reads series of unknown labels, may carry anything.
    const open = !flow || (!flow.scalar && flow.open);
    out.push({
      module,
      group,
      rule,
      subject: ruleSubject(rule),
      ...(rule.site ? { site: rule.site } : {}),
      knowledge: { values, unknown, open },
      guaranteed,
    });
  }
  return out;
}

/** Whether an alert may carry `label` (with a non-empty value). */
export function mayCarry(a: AlertLabels, label: string): boolean {
  return a.knowledge.values[label] !== undefined
    ? a.knowledge.values[label] !== ''
    : a.knowledge.unknown.has(label) || a.knowledge.open;
}
