/**
 * promtool tests generated for every SLO, proving its alerts on made-up traffic. The burn levels are
 * set relative to the slowest ticket factor F (1x for 30 days); the four tiers always stand at
 * 14.4F, 6F, 3F and F (see windows.ts), so the same timelines hold for every period and objective:
 *
 * | test | traffic | expected |
 * |---|---|---|
 * | fast burn | 1.25 × 14.4F from the start | page (and ticket) firing at 5m |
 * | slow burn | 1d clean, then 1.25F | nothing after 1d and 2d of it (the 3d ratio is 0.63F, 0.83F); only the ticket after 3d (it crosses F at 2.4d) |
 * | healthy | 0.5F for 1h | nothing; exact SLI ratios (5m to 1h), objective, budget, burn rate |
 * | zero traffic | 30m clean, then 1h of none | nothing; no 5m or 30m ratio at all (not NaN), period ratio 0, budget remaining 1 |
 * | short spike | 2h clean, 5m at 1.25 × 14.4F | nothing: the long windows hold the page back |
 *
 * With a grouped SLO a second group runs clean traffic beside the first, proving the alerts are
 * per group. The slow-burn test spans 4 days, so it samples every 2m and evaluates hourly (a few
 * seconds); its alerts are in the same group as the ratios they read, so hourly steps see fresh ones.
 */
import type { Duration } from '../core/duration.ts';
import type { AlertExpectation, ExprExpectation, InputSeries, RuleGroup, RuleTest } from '../rules/index.ts';
import { quoteString } from '../promql/index.ts';
import { decimal, divide, min, mul, sub, toNumber, toText, ONE, ZERO, type Decimal } from './decimal.ts';
import type { ResolvedSlo, SloAlert } from './resolve.ts';
import { satisfying, type Labels } from './series-labels.ts';
import type { TestModel } from './sli.ts';
import { eventsPerSecond, feedRatio, groupInput, type Phase } from './test-inputs.ts';
import { BASE_WINDOW } from './windows.ts';

const MINUTE = 1;
const HOUR = 60;
const DAY = 1440;

/** `{{ $labels.x }}` / `{{ .Labels.x }}` expanded, or undefined when the template does more than that. */
export function expandTemplate(text: string, labels: Labels): string | undefined {
  const out = text.replace(
    /\{\{\s*(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g,
    (_, name: string) => labels[name] ?? '',
  );
  return out.includes('{{') ? undefined : out;
}

function expandAll(r: Readonly<Record<string, string>>, labels: Labels): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    const e = expandTemplate(v, labels);
    if (e === undefined) return undefined;
    out[k] = e;
  }
  return out;
}

function seriesText(metric: string, labels: Labels): string {
  const body = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${quoteString(v)}`)
    .join(', ');
  return `${metric}{${body}}`;
}

/** One or two label sets for the grouping labels (two when the selectors leave room for both). */
function groupLabels(r: ResolvedSlo): Labels[] {
  if (r.grouping.length === 0) return [{}];
  const onGroups = r.sli.matchers.filter((m) => r.grouping.includes(m.name));
  const two = ['a', 'b'].map((suffix) =>
    satisfying(onGroups, Object.fromEntries(r.grouping.map((g) => [g, `obs-test-${suffix}`]))),
  );
  if (two[0] && two[1]) return [two[0], two[1]];
  const one = satisfying(onGroups);
  return [one ?? {}];
}

interface Scenario {
  readonly name: string;
  readonly phases: readonly Phase[];
  /** Phases of the other groups (default: the same). */
  readonly others?: readonly Phase[];
  readonly evaluationInterval?: Duration;
  /** Minutes between input samples (default 1). */
  readonly step?: number;
  readonly alerts: readonly { readonly at: number; readonly firing: readonly SloAlert[] }[];
  readonly exprs?: (groups: readonly Labels[]) => ExprExpectation[];
}

function duration(minutes: number): Duration {
  const d = Math.floor(minutes / DAY);
  const h = Math.floor((minutes % DAY) / HOUR);
  const m = minutes % HOUR;
  return (`${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m') as Duration;
}

function alertExpectations(
  r: ResolvedSlo,
  scenario: Scenario,
  firingGroup: Labels,
): { alerts: AlertExpectation[]; exprs: ExprExpectation[] } | string {
  const alerts: AlertExpectation[] = [];
  const exprs: ExprExpectation[] = [];
  const names = [...new Set(r.alerts.map((a) => a.name))];
  const seriesLabels: Labels = { ...r.names.ids, ...firingGroup };
  for (const { at, firing } of scenario.alerts) {
    for (const name of names) {
      const mine = firing.filter((a) => a.name === name);
      const expanded = mine.map((a) => ({
        labels: expandAll(a.labels, seriesLabels),
        annotations: expandAll(a.annotations, seriesLabels),
      }));
      if (expanded.some((e) => e.labels === undefined)) return `alert ${name} has label templates obs cannot expand`;
      if (expanded.every((e) => e.annotations !== undefined)) {
        alerts.push({
          at: duration(at),
          alertname: name,
          expect: expanded.map((e) => ({ labels: { ...seriesLabels, ...e.labels }, annotations: e.annotations ?? {} })),
        });
      } else {
        // Annotations with templates beyond $labels cannot be predicted: check the firing alerts by their labels.
        exprs.push({
          expr: `ALERTS{alertname=${quoteString(name)}, alertstate="firing"}`,
          at: duration(at),
          expect: expanded.map((e) => ({
            labels: seriesText('ALERTS', { ...seriesLabels, ...e.labels, alertname: name, alertstate: 'firing' }),
            value: 1,
          })),
        });
      }
    }
  }
  return { alerts, exprs };
}

function buildTest(
  r: ResolvedSlo,
  model: TestModel,
  groups: readonly RuleGroup[],
  scenario: Scenario,
): RuleTest | string {
  const labelSets = groupLabels(r);
  const all = [...scenario.phases, ...(scenario.others ?? [])];
  const n = eventsPerSecond(all);
  const step = scenario.step ?? 1;
  const input: InputSeries[] = labelSets.flatMap((g, i) =>
    groupInput(model, g, i === 0 ? scenario.phases : (scenario.others ?? scenario.phases), n, step),
  );
  const expectations = alertExpectations(r, scenario, labelSets[0] ?? {});
  if (typeof expectations === 'string') return expectations;
  const exprs = [...expectations.exprs, ...(scenario.exprs?.(labelSets) ?? [])];
  return Object.freeze({
    kind: 'rule-test' as const,
    name: `${r.id}: ${scenario.name}`,
    groups,
    ...(step !== 1 ? { interval: duration(step) } : {}),
    ...(scenario.evaluationInterval ? { evaluationInterval: scenario.evaluationInterval } : {}),
    input,
    alerts: expectations.alerts,
    ...(exprs.length ? { exprs } : {}),
    ...(r.slo.site ? { site: r.slo.site } : {}),
  });
}

/** `metric{ids, group}` as promtool expects a sample's labels. */
function sample(r: ResolvedSlo, metric: string | undefined, group: Labels, extra: Labels = {}): string {
  return seriesText(metric ?? '', { ...r.names.ids, ...extra, ...group });
}

/** The burn rate a test feeds, for its name (`18`, `1.25`). */
function burn(ratio: Decimal, budget: Decimal): string {
  return toText(divide(ratio, budget, 4));
}

export function sloTests(r: ResolvedSlo, groups: readonly RuleGroup[]): { tests: RuleTest[]; skipped: string[] } {
  const model = r.sli.test;
  if (typeof model === 'string') return { tests: [], skipped: [model] };
  const tiers = r.tiers;
  const fastFactor = tiers[0]?.factor ?? ONE;
  const slowFactor = tiers[tiers.length - 1]?.factor ?? ONE;
  const n = r.names;
  const fast = feedRatio(model, min(mul(mul(fastFactor, decimal('1.25')), r.budget), ONE), 'up');
  const slow = feedRatio(model, mul(mul(slowFactor, decimal('1.25')), r.budget), 'up');
  const healthy = feedRatio(model, mul(mul(slowFactor, decimal('0.5')), r.budget), 'down');
  const page = r.alerts.filter((a) => a.severity === 'page');
  const ticket = r.alerts.filter((a) => a.severity === 'ticket');
  const m = n.matchers;
  const clean = (minutes: number): Phase => ({ minutes, ratio: ZERO });
  const periodWindow = n.windowLabels(r.periodWindow);
  // At 1h every window up to 1h starts on a sample: increase() is exact there.
  const exactWindows = r.windows.filter((w) => w.ms <= 3_600_000).map((w) => w.window);

  const scenarios: Scenario[] = [
    {
      name: `fast burn: a sustained ${burn(fast, r.budget)}x burn (page factor ${toText(fastFactor)}x) ${page.length ? 'pages' : ticket.length ? 'opens a ticket' : 'alerts (both alerts are off)'} within ${BASE_WINDOW}`,
      phases: [{ minutes: HOUR, ratio: fast }],
      others: [clean(HOUR)],
      alerts: [{ at: 5 * MINUTE, firing: [...page, ...ticket] }],
    },
    {
      name: `slow burn: ${burn(slow, r.budget)}x after 1d of clean traffic opens only a ticket, once its 3d window shows it`,
      phases: [clean(DAY), { minutes: 3 * DAY, ratio: slow }],
      others: [clean(4 * DAY)],
      // Four days: a sample every 2m (the 5m window still holds three) and hourly evaluation.
      step: 2,
      evaluationInterval: '1h',
      alerts: [
        { at: 2 * DAY, firing: [] },
        { at: 3 * DAY, firing: [] },
        { at: 4 * DAY, firing: ticket },
      ],
    },
    {
      name: `healthy: a steady ${burn(healthy, r.budget)}x burn fires nothing`,
      phases: [{ minutes: HOUR, ratio: healthy }],
      alerts: [
        { at: 5 * MINUTE, firing: [] },
        { at: 30 * MINUTE, firing: [] },
        { at: HOUR, firing: [] },
      ],
      exprs: (gs) => {
        const at = duration(HOUR);
        const each = (metric: string, value: number, extra: Labels = {}): ExprExpectation => ({
          expr: `${metric}${m}`,
          at,
          expect: gs.map((g) => ({ labels: sample(r, metric, g, extra), value })),
        });
        const remaining = sub(ONE, divide(healthy, r.budget, 12));
        return [
          ...exactWindows.map((w) => each(n.ratio(w), toNumber(healthy), n.windowLabels(w))),
          each(n.burnRate, toNumber(healthy) / toNumber(r.budget), n.windowLabels(BASE_WINDOW)),
          {
            expr: `${n.objective}${m}`,
            at,
            expect: [{ labels: sample(r, n.objective, {}), value: toNumber(r.objective) }],
          },
          {
            expr: `${n.errorBudget}${m}`,
            at,
            expect: [{ labels: sample(r, n.errorBudget, {}), value: toNumber(r.budget) }],
          },
          {
            // The period ratio sums 5m counts from the first minutes, whose increase() is extrapolated.
            expr: `abs(${n.ratio(r.periodWindow)}${m} - ${toText(healthy)}) < bool 1e-12`,
            at,
            expect: gs.map((g) => ({ labels: sample(r, undefined, g, periodWindow), value: 1 })),
          },
          {
            expr: `abs(${n.budgetRemaining}${m} - ${toText(remaining)}) < bool 1e-9`,
            at,
            expect: gs.map((g) => ({ labels: sample(r, undefined, g, periodWindow), value: 1 })),
          },
        ];
      },
    },
    {
      name: 'zero traffic: no events for 1h fires nothing and records no ratio (no NaN, no division by zero)',
      phases: [clean(30 * MINUTE), { minutes: HOUR, ratio: null }],
      alerts: [
        { at: 30 * MINUTE, firing: [] },
        { at: HOUR, firing: [] },
        { at: 90 * MINUTE, firing: [] },
      ],
      exprs: (gs) => {
        const at = duration(90 * MINUTE);
        return [
          // Windows that lie wholly in the quiet hour (a 1h window still holds the last sample before it).
          ...r.windows
            .filter((w) => w.ms < 3_600_000)
            .map((w) => ({ expr: `${n.ratio(w.window)}${m}`, at, expect: [] })),
          { expr: `${n.burnRate}${m}`, at, expect: [] },
          {
            expr: `${n.events}${m}`,
            at,
            expect:
              model.type === 'gauge'
                ? []
                : gs.map((g) => ({ labels: sample(r, n.events, g, n.windowLabels(BASE_WINDOW)), value: 0 })),
          },
          {
            expr: `${n.ratio(r.periodWindow)}${m}`,
            at,
            expect: gs.map((g) => ({ labels: sample(r, n.ratio(r.periodWindow), g, periodWindow), value: 0 })),
          },
          {
            expr: `${n.budgetRemaining}${m}`,
            at,
            expect: gs.map((g) => ({ labels: sample(r, n.budgetRemaining, g, periodWindow), value: 1 })),
          },
        ];
      },
    },
    {
      name: `short spike: 5m at ${burn(fast, r.budget)}x after 2h of clean traffic fires nothing`,
      phases: [clean(2 * HOUR), { minutes: 5 * MINUTE, ratio: fast }, clean(15 * MINUTE)],
      others: [clean(2 * HOUR + 20 * MINUTE)],
      alerts: [
        { at: 2 * HOUR + 5 * MINUTE, firing: [] },
        { at: 2 * HOUR + 15 * MINUTE, firing: [] },
      ],
    },
  ];

  const tests: RuleTest[] = [];
  const skipped: string[] = [];
  for (const s of scenarios) {
    const t = buildTest(r, model, groups, s);
    if (typeof t === 'string') {
      skipped.push(t);
      break;
    }
    tests.push(t);
  }
  return skipped.length ? { tests: [], skipped } : { tests, skipped };
}
