/**
 * The rule groups of one SLO, as ordinary RuleGroup values (so every check and emitter treats them
 * like authored ones), located at the `slo(...)` call:
 *
 * - `<service>.<name>.slo`: bad and all events over 5m, the error ratio for every alert window, and
 *   the page and ticket alerts on them. One group, because rules of a group run in order at the same
 *   timestamp: the alerts always compare the ratios of this evaluation, never a stale or missing
 *   series of another group (promtool, too, evaluates groups in no fixed order).
 * - `<service>.<name>.budget`: the ratio over the whole period, objective, budget, period, burn
 *   rates and the budget remaining, for dashboards.
 *
 * Zero traffic: every ratio divides by `events > 0`, so a window without events records nothing
 * (not NaN, not Inf) and no alert compares against it; the 5m event counts are recorded as 0, so
 * a quiet hour adds nothing to the period instead of poisoning it for 30 days.
 *
 * The period ratio is sum(bad events) / sum(events) over the period's 5m counts: weighted by
 * traffic, unlike an average of 5m ratios (where a quiet night's 5m counts as much as a busy
 * hour's). It reads one short series per group instead of the raw series over the whole period.
 */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { AlertRule, RecordingRule, Rule, RuleGroup, Suppression } from '../rules/index.ts';
import { toText } from './decimal.ts';
import type { ResolvedSlo } from './resolve.ts';
import { BASE_WINDOW } from './windows.ts';

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** `errors / (events > 0)`, laid out one operand per block. */
function ratio(errors: string, events: string): string {
  return `(\n${indent(errors)}\n)\n/\n(${events} > 0)`;
}

interface Stamp {
  readonly site?: SourceLocation;
  readonly suppress?: readonly Suppression[];
}

function stampOf(r: ResolvedSlo): Stamp {
  return { ...(r.slo.site ? { site: r.slo.site } : {}), ...(r.slo.suppress ? { suppress: r.slo.suppress } : {}) };
}

function record(name: string, expr: string, labels: Readonly<Record<string, string>>, s: Stamp): RecordingRule {
  return Object.freeze({ kind: 'record' as const, name, expr, labels: Object.freeze({ ...labels }), ...s });
}

function group(name: string, rules: readonly Rule[], s: Stamp): RuleGroup {
  return Object.freeze({ kind: 'rule-group' as const, name, rules: Object.freeze([...rules]), ...s });
}

/** The 5m event counts and the error ratio of every alert window, shortest first. */
function sliRules(r: ResolvedSlo, s: Stamp): Rule[] {
  const n = r.names;
  const labels = (w: string): Readonly<Record<string, string>> => ({ ...n.ids, ...n.windowLabels(w) });
  const rules: Rule[] = [
    record(n.errors, r.sli.errors(BASE_WINDOW), labels(BASE_WINDOW), s),
    record(n.events, r.sli.events(BASE_WINDOW), labels(BASE_WINDOW), s),
    record(n.ratio(BASE_WINDOW), `${n.errors}${n.matchers} / (${n.events}${n.matchers} > 0)`, labels(BASE_WINDOW), s),
  ];
  for (const { window } of r.windows) {
    if (window !== BASE_WINDOW)
      rules.push(record(n.ratio(window), ratio(r.sli.errors(window), r.sli.events(window)), labels(window), s));
  }
  return rules;
}

/** The alert expression: per tier, long AND short window above the threshold; tiers OR'ed. */
export function alertExpr(r: ResolvedSlo, tiers: ResolvedSlo['alerts'][number]['tiers']): string {
  return tiers
    .map((t) => {
      const threshold = toText(t.threshold);
      return `(\n  ${r.names.above(t.long, threshold)}\n  and\n  ${r.names.above(t.short, threshold)}\n)`;
    })
    .join('\nor\n');
}

function alertRules(r: ResolvedSlo, s: Stamp): AlertRule[] {
  return r.alerts.map((a) =>
    Object.freeze({
      kind: 'alert' as const,
      name: a.name,
      expr: alertExpr(r, a.tiers),
      labels: Object.freeze({ ...a.labels }),
      annotations: Object.freeze({ ...a.annotations }),
      ...s,
    }),
  );
}

export function sloGroup(r: ResolvedSlo): RuleGroup {
  const s = stampOf(r);
  return group(r.names.groups.slo, [...sliRules(r, s), ...alertRules(r, s)], s);
}

export function budgetGroup(r: ResolvedSlo): RuleGroup {
  const n = r.names;
  const s = stampOf(r);
  const budget = toText(r.budget);
  const info =
    n.scheme === 'sloth'
      ? { ...r.slo.labels, ...n.ids, sloth_objective: r.objectivePercent }
      : { ...r.slo.labels, ...n.ids, objective: r.objectivePercent, period: r.period, sli: r.sli.kind };
  return group(
    n.groups.budget,
    [
      record(
        n.ratio(r.periodWindow),
        `sum_over_time(${n.errors}${n.matchers}[${r.periodWindow}])\n/\n(sum_over_time(${n.events}${n.matchers}[${r.periodWindow}]) > 0)`,
        { ...n.ids, ...n.windowLabels(r.periodWindow) },
        s,
      ),
      record(n.objective, `vector(${toText(r.objective)})`, n.ids, s),
      record(n.errorBudget, `vector(${budget})`, n.ids, s),
      record(n.periodDays, `vector(${r.periodDays})`, n.ids, s),
      record(n.burnRate, `${n.ratio(BASE_WINDOW)}${n.matchers} / ${budget}`, n.ids, s),
      record(n.periodBurnRate(r.periodWindow), `${n.ratio(r.periodWindow)}${n.matchers} / ${budget}`, n.ids, s),
      record(n.budgetRemaining, `1 - ${n.periodBurnRate(r.periodWindow)}${n.matchers}`, n.ids, s),
      record(n.info, 'vector(1)', info, s),
    ],
    s,
  );
}

export function sloGroups(r: ResolvedSlo): RuleGroup[] {
  return [sloGroup(r), budgetGroup(r)];
}
