/**
 * Exact decimal numbers (a bigint of digits and a power-of-ten scale) for objectives, error budgets
 * and burn-rate thresholds. In float64, `1 - 0.999` is 0.0010000000000000009 and `14.4 * 0.001` is
 * 0.014400000000000001; on the objective's own digits both are exact, so the rule files say 0.001
 * and 0.0144, and what promtool compares is the double nearest to those decimals.
 */
export interface Decimal {
  /** value = digits / 10^scale */
  readonly digits: bigint;
  readonly scale: number;
}

const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

function normalize(d: Decimal): Decimal {
  let { digits, scale } = d;
  while (scale > 0 && digits % TEN === 0n) {
    digits /= TEN;
    scale--;
  }
  return { digits, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * pow10(scale - a.scale), b.digits * pow10(scale - b.scale), scale];
}

/**
 * The decimal a JS number was written as: `String(n)` is the shortest text that reads back as the
 * same double, which for a literal like 99.95 is exactly what the author typed.
 */
export function decimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? '0');
  let digits = BigInt(`${int}${frac}` || '0');
  let scale = frac.length - exp;
  if (scale < 0) {
    digits *= pow10(-scale);
    scale = 0;
  }
  return normalize({ digits: m[1] === '-' ? -digits : digits, scale });
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x + y, scale });
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x - y, scale });
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return normalize({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

/** `numerator / denominator` rounded half up to `places` decimals (exact when it terminates there). */
export function divide(numerator: Decimal, denominator: Decimal, places: number): Decimal {
  if (denominator.digits === 0n) throw new Error('division by zero');
  const [x, y] = align(numerator, denominator);
  const scaled = (x * pow10(places + 1)) / y;
  const sign = scaled < 0n ? -1n : 1n;
  const abs = scaled * sign;
  return normalize({ digits: sign * ((abs + 5n) / TEN), scale: places });
}

/** Whether `numerator / denominator` has at most `places` decimals. */
export function dividesExactly(numerator: Decimal, denominator: Decimal, places: number): boolean {
  const [x, y] = align(numerator, denominator);
  return (x * pow10(places)) % y === 0n;
}

/** Plain decimal text, never an exponent: `0.0144`, `14.4`, `3`. */
export function toText(d: Decimal): string {
  const n = normalize(d);
  const neg = n.digits < 0n;
  const s = (neg ? -n.digits : n.digits).toString().padStart(n.scale + 1, '0');
  const text = n.scale === 0 ? s : `${s.slice(0, s.length - n.scale)}.${s.slice(s.length - n.scale)}`;
  return neg ? `-${text}` : text;
}

/** The nearest double (what Prometheus parses the text into). */
export function toNumber(d: Decimal): number {
  return Number(toText(d));
}

/** Whether the value is a whole number. */
export function isInteger(d: Decimal): boolean {
  return normalize(d).scale === 0;
}

export const ZERO: Decimal = { digits: 0n, scale: 0 };
export const ONE: Decimal = { digits: 1n, scale: 0 };
