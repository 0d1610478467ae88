/**
 * Input series for the generated promtool tests, from a timeline of phases ("3 days at 0 errors,
 * then 3 days at 0.125%"), a sample a minute (or every `step` minutes for long timelines).
 *
 * Counters are chosen so every window that lies inside one phase gives an exact ratio: events grow
 * by a whole number per second (N), errors by r × N, so at minute-aligned times `increase()` over a
 * window starting on a sample is an exact integer and errors/events is the double nearest r, which
 * is what promtool reads the expected decimal as. A 0/1 gauge cannot show a 0.1% error ratio over
 * five samples, so gauge tests feed the gauge's average instead (0.99875 stands for 1 failed
 * scrape in 800; the SLI is linear in the samples), with r rounded to a dyadic fraction so every
 * sum of samples stays exact.
 */
import { decimal, sub, toText, ONE, type Decimal } from './decimal.ts';
import type { Labels } from './series-labels.ts';
import type { TestModel } from './sli.ts';
import type { InputSeries } from '../rules/index.ts';

/** `minutes` of traffic at error ratio `ratio`; `null` is no traffic at all. */
export interface Phase {
  readonly minutes: number;
  readonly ratio: Decimal | null;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** r as a reduced fraction. */
function fraction(r: Decimal): [bigint, bigint] {
  const den = 10n ** BigInt(r.scale);
  const g = gcd(r.digits, den) || 1n;
  return [r.digits / g, den / g];
}

/** Events per second: a whole number at least 100 that makes r × N whole for every phase's r. */
export function eventsPerSecond(phases: readonly Phase[]): bigint {
  let n = 1n;
  for (const p of phases) if (p.ratio) n = (n * fraction(p.ratio)[1]) / gcd(n, fraction(p.ratio)[1]);
  return n >= 100n ? n : n * ((100n + n - 1n) / n);
}

/** promtool notation for a counter growing by `perSample(p)` a sample through each phase, from 0 at t=0. */
export function counterValues(phases: readonly Phase[], perSample: (p: Phase) => bigint, step = 1): string {
  let v = 0n;
  const parts = ['0'];
  for (const p of phases) {
    const k = perSample(p);
    const samples = p.minutes / step;
    parts.push(`${v + k}+${k}x${samples - 1}`);
    v += k * BigInt(samples);
  }
  return parts.join(' ');
}

/** promtool notation for a gauge at 1 − r through each phase (`_` without traffic), from t=0. */
export function gaugeValues(phases: readonly Phase[], step = 1): string {
  const value = (p: Phase): string => (p.ratio === null ? '_' : toText(sub(ONE, p.ratio)));
  const first = phases[0];
  const parts = [first ? value(first) : '1'];
  for (const p of phases) parts.push(`${value(p)}x${p.minutes / step - 1}`);
  return parts.join(' ');
}

/**
 * The nearest dyadic fraction k/2^m to x on the given side, with the smallest m that lands within
 * 20% of x: exact in binary, so sums of gauge samples carry no rounding.
 */
export function dyadic(x: Decimal, side: 'up' | 'down'): Decimal {
  if (x.digits === 0n) return x;
  const scale = 10n ** BigInt(x.scale);
  for (let m = 1; m <= 48; m++) {
    const p = 2n ** BigInt(m);
    const exact = x.digits * p;
    let k = exact / scale;
    if (side === 'up' && k * scale < exact) k += 1n;
    const r = { digits: k * 5n ** BigInt(m), scale: m };
    const close = side === 'up' ? k * scale * 5n <= exact * 6n : k * scale * 5n >= exact * 4n;
    if (k > 0n && close) return decimal(toText(r));
  }
  return x;
}

/** The error ratio a test feeds for a wanted one: as is for counters, dyadic for gauges. */
export function feedRatio(model: TestModel, wanted: Decimal, side: 'up' | 'down'): Decimal {
  return model.type === 'gauge' ? dyadic(wanted, side) : wanted;
}

/** Input series for one group of a test (its labels added to every series), a sample every `step` minutes. */
export function groupInput(
  model: TestModel,
  group: Labels,
  phases: readonly Phase[],
  n: bigint,
  step = 1,
): InputSeries[] {
  if (model.type === 'gauge') {
    return [
      { metric: model.series.metric, labels: { ...model.series.labels, ...group }, values: gaugeValues(phases, step) },
    ];
  }
  const perSample =
    (share: 'errors' | 'good' | 'events') =>
    (p: Phase): bigint => {
      if (p.ratio === null) return 0n;
      const errors = (() => {
        const [num, den] = fraction(p.ratio);
        return (n * num) / den;
      })();
      return BigInt(60 * step) * (share === 'errors' ? errors : share === 'good' ? n - errors : n);
    };
  return model.series.map((s) => ({
    metric: s.metric,
    labels: { ...s.labels, ...group },
    values: counterValues(phases, perSample(s.counts), step),
  }));
}
