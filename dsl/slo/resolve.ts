/**
 * An authored SLO, validated and worked out: exact objective and budget, burn tiers for its period,
 * the SLI as event counts, names, and the two alerts with their labels and annotations. Everything
 * the generators need, computed once; problems are returned as text for located diagnostics.
 */
import type { Duration } from '../core/duration.ts';
import { compare, decimal, mul, sub, toText, ONE, ZERO, type Decimal } from './decimal.ts';
import { closest } from '../registry/edit-distance.ts';
import { NAMINGS, RESERVED_LABELS, sloNames, type SloNames } from './naming.ts';
import { resolveSli, type ResolvedSli } from './sli.ts';
import type { Naming, Slo } from './types.ts';
import { alertWindows, burnTiers, MIN_PERIOD_DAYS, type BurnTier, type Severity } from './windows.ts';

export interface SloAlert {
  readonly severity: Severity;
  readonly name: string;
  readonly tiers: readonly BurnTier[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ResolvedSlo {
  readonly slo: Slo;
  /** `<service>/<name>`, for messages and test names. */
  readonly id: string;
  /** Objective as a ratio (0.999) and its text as written in percent (`99.9`). */
  readonly objective: Decimal;
  readonly objectivePercent: string;
  /** 1 − objective. */
  readonly budget: Decimal;
  readonly periodDays: number;
  /** The period as written (`28d`), for prose and labels. */
  readonly period: Duration;
  /** The period in series names and ranges: as written, or as Prometheus (and so Sloth) prints it in Sloth's scheme (`4w`). */
  readonly periodWindow: Duration;
  readonly tiers: readonly BurnTier[];
  /** Every window the alerts read, shortest first. */
  readonly windows: readonly { readonly window: Duration; readonly ms: number }[];
  readonly sli: ResolvedSli;
  readonly grouping: readonly string[];
  readonly names: SloNames;
  readonly alerts: readonly SloAlert[];
}

const NAME = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/i;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `checkout-api` → `CheckoutApi`. */
export function camel(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

/** Days as Prometheus's `model.Duration` prints them: weeks or years only when exact (`4w`, `30d`, `1y`). */
export function promDays(days: number): Duration {
  if (days % 365 === 0) return `${days / 365}y`;
  if (days % 7 === 0) return `${days / 7}w`;
  return `${days}d`;
}

/** `2d2h`, `10d`, `30d`: days and hours, for prose. */
export function humanDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
}

export function percentText(ratio: Decimal): string {
  return toText(mul(ratio, decimal(100)));
}

function defaultAnnotations(
  r: Omit<ResolvedSlo, 'alerts'>,
  severity: Severity,
  tiers: readonly BurnTier[],
): Record<string, string> {
  const groups = r.grouping.map((g) => `${g}={{ $labels.${g} }}`).join(', ');
  const subject = `${r.slo.service} ${r.slo.name}${groups ? ` (${groups})` : ''}`;
  const fastest = tiers[0];
  const spent = fastest ? humanDuration((r.periodDays * 86_400_000) / Number(toText(fastest.factor))) : '';
  const conditions = tiers
    .map((t) => `above ${toText(t.factor)}x the budget over ${t.long} and ${t.short}`)
    .join(', or ');
  return {
    summary:
      severity === 'page'
        ? `${subject}: the ${r.period} error budget is burning fast`
        : `${subject}: the ${r.period} error budget is burning faster than it lasts`,
    description:
      `Error ratio ${conditions}; at ${fastest ? toText(fastest.factor) : '?'}x the whole budget is spent in ${spent}. ` +
      `Objective ${r.objectivePercent}% over ${r.period} (budget ${percentText(r.budget)}%), SLI: ${r.sli.summary}.`,
  };
}

export function resolveSlo(slo: Slo): ResolvedSlo | { problems: string[] } {
  const problems: string[] = [];
  const scheme: Naming = slo.naming ?? 'obs';
  if (!(NAMINGS as readonly unknown[]).includes(scheme)) {
    const near = typeof scheme === 'string' ? closest(scheme, NAMINGS, 1)[0] : undefined;
    problems.push(
      `naming must be one of ${NAMINGS.map((n) => JSON.stringify(n)).join(', ')}; got ${JSON.stringify(scheme)}${near !== undefined ? `; did you mean ${JSON.stringify(near)}?` : ''}`,
    );
  }
  for (const [field, v] of [
    ['service', slo.service],
    ['name', slo.name],
  ] as const) {
    if (typeof v !== 'string' || !NAME.test(v))
      problems.push(
        `${field} ${JSON.stringify(v)} must be letters, digits, ".", "_" or "-" (starting and ending with a letter or digit)`,
      );
  }
  let objective = ZERO;
  if (
    typeof slo.objective !== 'number' ||
    !Number.isFinite(slo.objective) ||
    slo.objective <= 0 ||
    slo.objective >= 100
  ) {
    problems.push(
      `objective must be a percentage between 0 and 100 (exclusive), such as 99.9; got ${String(slo.objective)}`,
    );
  } else objective = mul(decimal(slo.objective), decimal('0.01'));
  const period = slo.period ?? '30d';
  const m = /^(\d+)d$/.exec(period);
  const periodDays = m ? Number(m[1]) : NaN;
  if (!m || periodDays < MIN_PERIOD_DAYS || periodDays > 365) {
    problems.push(
      `period must be a whole number of days from ${MIN_PERIOD_DAYS}d to 365d (the alert windows reach 3d, and below ${MIN_PERIOD_DAYS}d the 6h tier would page on a sustainable burn); got ${JSON.stringify(period)}`,
    );
  }
  const grouping = [...(slo.grouping ?? [])];
  for (const g of grouping) {
    if (!LABEL.test(g)) problems.push(`grouping label ${JSON.stringify(g)} is not a valid label name`);
    else if (RESERVED_LABELS[scheme === 'sloth' ? 'sloth' : 'obs'].includes(g) || g === 'le')
      problems.push(
        `grouping label ${JSON.stringify(g)} is set by the generated rules themselves; group by another label`,
      );
  }
  if (new Set(grouping).size !== grouping.length) problems.push('grouping lists a label twice');
  const sli = resolveSli(slo.sli, grouping);
  if ('problems' in sli) problems.push(...sli.problems);
  if (problems.length || 'problems' in sli) return { problems };

  const budget = sub(ONE, objective);
  const tiers = burnTiers(periodDays, budget);
  const names = sloNames(scheme, slo.service, slo.name);
  const base = {
    slo,
    id: `${slo.service}/${slo.name}`,
    objective,
    objectivePercent: toText(decimal(slo.objective)),
    budget,
    periodDays,
    period: period as Duration,
    periodWindow: scheme === 'sloth' ? promDays(periodDays) : (period as Duration),
    tiers,
    windows: alertWindows(tiers),
    sli,
    grouping,
    names,
  };
  const alerting = slo.alerting ?? {};
  const alerts: SloAlert[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const own = alerting[severity];
    if (own === false) continue;
    const sevTiers = tiers.filter((t) => t.severity === severity);
    for (const t of sevTiers) {
      if (compare(t.threshold, ONE) >= 0) {
        problems.push(
          `the ${severity} tier ${t.long}/${t.short} needs an error ratio above ${toText(t.threshold)} (${toText(t.factor)}x the budget), which no ratio exceeds: raise the objective, shorten the period, or set alerting.${severity}: false`,
        );
      }
    }
    alerts.push({
      severity,
      tiers: sevTiers,
      name: own?.name ?? alerting.name ?? `${camel(slo.service)}${camel(slo.name)}ErrorBudgetBurn`,
      labels: { severity, ...names.severityLabels(severity), ...slo.labels, ...alerting.labels, ...own?.labels },
      annotations: { ...defaultAnnotations(base, severity, sevTiers), ...alerting.annotations, ...own?.annotations },
    });
  }
  if (problems.length) return { problems };
  return { ...base, alerts };
}
