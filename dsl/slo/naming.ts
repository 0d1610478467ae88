/**
 * Names of everything an SLO records, in obs's scheme or in Sloth's. Sloth's scheme reproduces the
 * series Sloth's Grafana dashboards query (`slo:sli_error:ratio_rate5m`, `slo:objective:ratio`,
 * `sloth_slo_info`, ... with `sloth_id`/`sloth_service`/`sloth_slo`, and `sloth_window` on the SLI
 * series), so they keep working on SLOs moved to obs.
 *
 * | what | obs | sloth |
 * |---|---|---|
 * | error ratio per window | `slo:error_ratio:rate5m` | `slo:sli_error:ratio_rate5m` |
 * | error ratio over the period | `slo:error_ratio:rate30d` | `slo:sli_error:ratio_rate30d` |
 * | bad / all events in 5m (the period's inputs) | `slo:errors:increase5m`, `slo:events:increase5m` | `slo:sli_errors:increase5m`, `slo:sli_events:increase5m` |
 * | objective | `slo:objective:ratio` | `slo:objective:ratio` |
 * | error budget (1 − objective) | `slo:error_budget:ratio` | `slo:error_budget:ratio` |
 * | period length | `slo:period:days` | `slo:time_period:days` |
 * | burn rate now (5m) | `slo:burn_rate:rate5m` | `slo:current_burn_rate:ratio` |
 * | burn rate over the period | `slo:burn_rate:rate30d` | `slo:period_burn_rate:ratio` |
 * | error budget remaining | `slo:error_budget_remaining:ratio` | `slo:period_error_budget_remaining:ratio` |
 * | info (objective, labels) | `slo:info` | `sloth_slo_info` |
 * | identity labels | `service`, `slo` | `sloth_id`, `sloth_service`, `sloth_slo` |
 */
import { quoteString } from '../promql/index.ts';

/** The naming schemes: the one source of the `Naming` type and of the run-time check in `resolveSlo`. */
export const NAMINGS = ['obs', 'sloth'] as const;
export type Naming = (typeof NAMINGS)[number];

export interface SloNames {
  readonly scheme: Naming;
  /** Labels that identify the SLO on every series it records (and on its alerts). */
  readonly ids: Readonly<Record<string, string>>;
  /** `{service="checkout-api", slo="availability"}` */
  readonly matchers: string;
  ratio(window: string): string;
  /** Extra labels of the per-window SLI series (`sloth_window` in Sloth's scheme). */
  windowLabels(window: string): Readonly<Record<string, string>>;
  readonly errors: string;
  readonly events: string;
  readonly objective: string;
  readonly errorBudget: string;
  readonly periodDays: string;
  readonly burnRate: string;
  periodBurnRate(period: string): string;
  readonly budgetRemaining: string;
  readonly info: string;
  /** Extra alert labels per severity (`sloth_severity` in Sloth's scheme). */
  severityLabels(severity: 'page' | 'ticket'): Readonly<Record<string, string>>;
  /** A window's ratio above `threshold`, in a form whose labels match across windows for `and`. */
  above(window: string, threshold: string): string;
  /** `slo`: the SLI ratios and the alerts on them (one group, so alerts read this evaluation's ratios); `budget`: the rest. */
  readonly groups: { readonly slo: string; readonly budget: string };
}

function matcherText(ids: Readonly<Record<string, string>>): string {
  return `{${Object.entries(ids)
    .map(([k, v]) => `${k}=${quoteString(v)}`)
    .join(', ')}}`;
}

/** Label names the scheme sets itself, which grouping labels must not use. */
export const RESERVED_LABELS: Readonly<Record<Naming, readonly string[]>> = {
  obs: ['service', 'slo'],
  sloth: ['sloth_id', 'sloth_service', 'sloth_slo', 'sloth_window', 'sloth_severity'],
};

export function sloNames(scheme: Naming, service: string, name: string): SloNames {
  if (scheme === 'sloth') {
    const id = `${service}-${name}`;
    const ids = { sloth_id: id, sloth_service: service, sloth_slo: name };
    const matchers = matcherText(ids);
    const ratio = (w: string): string => `slo:sli_error:ratio_rate${w}`;
    return {
      scheme,
      ids,
      matchers,
      ratio,
      windowLabels: (w) => ({ sloth_window: w }),
      errors: 'slo:sli_errors:increase5m',
      events: 'slo:sli_events:increase5m',
      objective: 'slo:objective:ratio',
      errorBudget: 'slo:error_budget:ratio',
      periodDays: 'slo:time_period:days',
      burnRate: 'slo:current_burn_rate:ratio',
      periodBurnRate: () => 'slo:period_burn_rate:ratio',
      budgetRemaining: 'slo:period_error_budget_remaining:ratio',
      info: 'sloth_slo_info',
      severityLabels: (s) => ({ sloth_severity: s }),
      // The SLI series differ in sloth_window; drop it so the windows of a tier match.
      above: (w, t) => `max(${ratio(w)}${matchers} > ${t}) without (sloth_window)`,
      groups: { slo: `sloth-slo-sli-recordings-${id}`, budget: `sloth-slo-meta-recordings-${id}` },
    };
  }
  const ids = { service, slo: name };
  const matchers = matcherText(ids);
  const ratio = (w: string): string => `slo:error_ratio:rate${w}`;
  return {
    scheme,
    ids,
    matchers,
    ratio,
    windowLabels: () => ({}),
    errors: 'slo:errors:increase5m',
    events: 'slo:events:increase5m',
    objective: 'slo:objective:ratio',
    errorBudget: 'slo:error_budget:ratio',
    periodDays: 'slo:period:days',
    burnRate: 'slo:burn_rate:rate5m',
    periodBurnRate: (p) => `slo:burn_rate:rate${p}`,
    budgetRemaining: 'slo:error_budget_remaining:ratio',
    info: 'slo:info',
    severityLabels: () => ({}),
    above: (w, t) => `${ratio(w)}${matchers} > ${t}`,
    groups: { slo: `${service}.${name}.slo`, budget: `${service}.${name}.budget` },
  };
}
