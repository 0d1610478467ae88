/** Objectives, budgets and thresholds are computed on decimal digits, never in float64. */
import { describe, expect, it } from 'vitest';
import { decimal, divide, dividesExactly, mul, sub, toNumber, toText, ONE } from '../../dsl/slo/decimal.ts';

describe('decimal arithmetic', () => {
  it('reads a number as the digits it was written with', () => {
    expect(toText(decimal(99.9))).toBe('99.9');
    expect(toText(decimal(99.95))).toBe('99.95');
    expect(toText(decimal(1e-7))).toBe('0.0000001');
    expect(toText(decimal('1.2500'))).toBe('1.25');
    expect(toText(decimal(300))).toBe('300');
  });

  it('gives the exact error budget where float64 adds noise', () => {
    expect(1 - 0.999).not.toBe(0.001);
    const objective = mul(decimal(99.9), decimal('0.01'));
    expect(toText(objective)).toBe('0.999');
    expect(toText(sub(ONE, objective))).toBe('0.001');
    expect(toText(sub(ONE, mul(decimal(99.95), decimal('0.01'))))).toBe('0.0005');
    expect(toText(sub(ONE, mul(decimal(99.999), decimal('0.01'))))).toBe('0.00001');
  });

  it('multiplies burn factors into exact thresholds', () => {
    expect(14.4 * 0.001).not.toBe(0.0144);
    expect(toText(mul(decimal(14.4), decimal('0.001')))).toBe('0.0144');
    expect(toText(mul(decimal(13.44), decimal('0.0005')))).toBe('0.00672');
    expect(toNumber(mul(decimal(6), decimal('0.001')))).toBe(0.006);
  });

  it('divides with half-up rounding to a number of places, and says when that is exact', () => {
    expect(toText(divide(decimal(2.8), decimal(3), 4))).toBe('0.9333');
    expect(toText(divide(decimal(2), decimal(3), 4))).toBe('0.6667');
    expect(toText(divide(decimal(672), decimal(50), 4))).toBe('13.44');
    expect(dividesExactly(decimal(672), decimal(50), 4)).toBe(true);
    expect(dividesExactly(decimal(28), decimal(30), 4)).toBe(false);
  });
});
