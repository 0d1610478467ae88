/**
 * The workbook's windows for every period, with factors scaled so each tier still spends the same
 * share of the period's budget (Sloth's formula: share × period / long window), exact to 4 places.
 */
import { describe, expect, it } from 'vitest';
import { decimal, toText } from '../../dsl/slo/decimal.ts';
import { alertWindows, burnTiers } from '../../dsl/slo/windows.ts';

const table = (days: number, budget: string) => burnTiers(days, decimal(budget)).map((t) => ({
  severity: t.severity, long: t.long, short: t.short, factor: toText(t.factor), threshold: toText(t.threshold), budgetPercent: t.budgetPercent,
}));

describe('burn-rate tiers', () => {
  it('30d is the SRE workbook table: 14.4x (1h & 5m), 6x (6h & 30m) page; 3x (1d & 2h), 1x (3d & 6h) ticket', () => {
    expect(table(30, '0.001')).toEqual([
      { severity: 'page', long: '1h', short: '5m', factor: '14.4', threshold: '0.0144', budgetPercent: 2 },
      { severity: 'page', long: '6h', short: '30m', factor: '6', threshold: '0.006', budgetPercent: 5 },
      { severity: 'ticket', long: '1d', short: '2h', factor: '3', threshold: '0.003', budgetPercent: 10 },
      { severity: 'ticket', long: '3d', short: '6h', factor: '1', threshold: '0.001', budgetPercent: 10 },
    ]);
  });

  it('28d keeps the windows and scales the factors: 13.44, 5.6, 2.8, 0.9333', () => {
    expect(table(28, '0.005').map((t) => [t.long, t.short, t.factor, t.threshold])).toEqual([
      ['1h', '5m', '13.44', '0.0672'],
      ['6h', '30m', '5.6', '0.028'],
      ['1d', '2h', '2.8', '0.014'],
      ['3d', '6h', '0.9333', '0.0046665'],
    ]);
  });

  it('7d: 3.36, 1.4, 0.7, 0.2333 (the page tiers stay above 1x)', () => {
    expect(table(7, '0.001').map((t) => [t.factor, t.threshold])).toEqual([
      ['3.36', '0.00336'], ['1.4', '0.0014'], ['0.7', '0.0007'], ['0.2333', '0.0002333'],
    ]);
  });

  it('90d: 43.2, 18, 9, 3', () => {
    expect(table(90, '0.0001').map((t) => t.factor)).toEqual(['43.2', '18', '9', '3']);
  });

  it('keeps the factors in the workbook ratio 14.4 : 6 : 3 : 1 for every period', () => {
    for (const days of [7, 14, 28, 30, 31, 60, 90, 365]) {
      const f = burnTiers(days, decimal('0.001')).map((t) => Number(toText(t.factor)));
      const base = (f[3] ?? 1);
      expect(f.map((x) => Math.round((x / base) * 10) / 10), `${days}d`).toEqual([14.4, 6, 3, 1]);
    }
  });

  it('every window the alerts need, shortest first', () => {
    expect(alertWindows(burnTiers(30, decimal('0.001'))).map((w) => w.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });
});
