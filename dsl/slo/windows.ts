/**
 * The multi-window multi-burn-rate alert tiers (Google SRE workbook, "Alerting on SLOs"): each tier
 * fires when the error ratio over a long window AND over a short window both exceed
 * factor × error budget.
 *
 * The windows are the workbook's for every period; the factors are scaled so each tier still means
 * "this share of the whole period's budget was spent within the long window" (Sloth's formula):
 *
 *   factor = budget share × period / long window
 *
 * For 30 days that is the workbook's 14.4 / 6 / 3 / 1; for 28 days 13.44 / 5.6 / 2.8 / 0.9333.
 * Factors are computed in decimal and rounded half up to 4 places (only the 3d tier ever needs it:
 * period/30 does not terminate unless the period is a multiple of 3 days).
 */
import { formatDuration, type Duration } from '../core/duration.ts';
import { decimal, divide, mul, type Decimal } from './decimal.ts';

export type Severity = 'page' | 'ticket';

export interface BurnTier {
  readonly severity: Severity;
  readonly long: Duration;
  readonly short: Duration;
  readonly longMs: number;
  readonly shortMs: number;
  /** Share of the period's error budget spent within the long window when the tier fires, in percent. */
  readonly budgetPercent: number;
  readonly factor: Decimal;
  /** factor × error budget: the error ratio both windows must exceed. */
  readonly threshold: Decimal;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The workbook's four tiers: budget share (%), long window, short window. */
const TIERS: readonly { severity: Severity; percent: number; long: number; short: number }[] = [
  { severity: 'page', percent: 2, long: HOUR, short: 5 * 60_000 },
  { severity: 'page', percent: 5, long: 6 * HOUR, short: 30 * 60_000 },
  { severity: 'ticket', percent: 10, long: DAY, short: 2 * HOUR },
  { severity: 'ticket', percent: 10, long: 3 * DAY, short: 6 * HOUR },
];

/** Decimal places burn factors are rounded to. */
export const FACTOR_PLACES = 4;

/** The shortest period the workbook's windows fit: below it the 6h/30m tier would page at a burn rate the budget sustains. */
export const MIN_PERIOD_DAYS = 7;

export function burnTiers(periodDays: number, budget: Decimal): BurnTier[] {
  const periodHours = decimal(periodDays * 24);
  return TIERS.map((t) => {
    const factor = divide(mul(decimal(t.percent / 100), periodHours), decimal(t.long / HOUR), FACTOR_PLACES);
    return {
      severity: t.severity,
      long: formatDuration(t.long) as Duration,
      short: formatDuration(t.short) as Duration,
      longMs: t.long,
      shortMs: t.short,
      budgetPercent: t.percent,
      factor,
      threshold: mul(factor, budget),
    };
  });
}

/** Every window the alerts read, shortest first. */
export function alertWindows(tiers: readonly BurnTier[]): { readonly window: Duration; readonly ms: number }[] {
  const byMs = new Map<number, Duration>();
  for (const t of tiers) {
    byMs.set(t.shortMs, t.short);
    byMs.set(t.longMs, t.long);
  }
  return [...byMs].sort(([a], [b]) => a - b).map(([ms, window]) => ({ window, ms }));
}

/** The window the SLI is measured on first and everything long-term is derived from. */
export const BASE_WINDOW: Duration = '5m';
export const BASE_WINDOW_MS = 5 * 60_000;

export function periodMs(days: number): number {
  return days * DAY;
}
