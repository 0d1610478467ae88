/**
 * Prometheus durations (`1h30m`, `5m`, `90s`, `1d`, `2w`, `1y`, `500ms`), parsed and printed the way
 * Prometheus's `model.ParseDuration` / `Duration.String` do, so a duration we accept is one
 * Prometheus accepts and what we print round-trips.
 */

/** A duration literal as authors write it. Typed so that `'5mins'` fails `tsc` in most editors. */
export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y';
export type Duration =
  | '0'
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`;

const UNITS: ReadonlyArray<readonly [DurationUnit, number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];
const UNIT_MS = new Map(UNITS);
const UNIT_ORDER = new Map(UNITS.map(([u], i) => [u, i]));
const MAX_MS = 2 ** 63 / 1e6; // time.Duration is int64 nanoseconds

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

export function parseDuration(text: string): DurationResult {
  if (text === '0') return { ok: true, ms: 0 };
  if (text === '') return { ok: false, error: 'empty duration string' };
  let ms = 0;
  let lastUnit = -1;
  let i = 0;
  while (i < text.length) {
    const digitsStart = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === digitsStart) return { ok: false, error: `not a valid duration string: ${JSON.stringify(text)}` };
    const n = Number(text.slice(digitsStart, i));
    const unitStart = i;
    while (i < text.length && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++;
    const unit = text.slice(unitStart, i) as DurationUnit;
    if (unit === ('' as DurationUnit))
      return { ok: false, error: `not a valid duration string: ${JSON.stringify(text)}` };
    const mult = UNIT_MS.get(unit);
    const order = UNIT_ORDER.get(unit);
    if (mult === undefined || order === undefined) {
      return { ok: false, error: `unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}` };
    }
    if (order <= lastUnit) return { ok: false, error: `not a valid duration string: ${JSON.stringify(text)}` };
    lastUnit = order;
    ms += n * mult;
    if (ms > MAX_MS) return { ok: false, error: 'duration out of range' };
  }
  return { ok: true, ms };
}

/** Prints milliseconds the way Prometheus does (`1h30m`, `1d`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of UNITS) {
    const n = Math.floor(rest / mult);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * mult;
    }
  }
  return out;
}
