import { describe, expect, it } from 'vitest';
import { constantChanges, normalizeExpr } from '../../dsl/diff/index.ts';

describe('expression normalization', () => {
  it('ignores layout: whitespace, line breaks, comments', () => {
    const a = 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05';
    const b = `sum by(job)(
      rate(http_requests_total{code=~"5.."}[5m])  # errors
    )
    /
    sum by (job) (rate(http_requests_total[5m]))>0.05`;
    expect(normalizeExpr(a)).toBe(normalizeExpr(b));
  });

  it('keeps whitespace inside strings significant', () => {
    expect(normalizeExpr('x{a="b c"}')).not.toBe(normalizeExpr('x{a="b  c"}'));
  });

  it('names threshold, range and offset changes', () => {
    expect(constantChanges('rate(x[5m]) > 0.05', 'rate(x[5m]) > 0.1')).toEqual(['threshold > 0.05 → > 0.1']);
    expect(constantChanges('0.05 < rate(x[5m])', '0.5 < rate(x[5m])')).toEqual(['threshold 0.05 < → 0.5 <']);
    expect(constantChanges('x > bool 3', 'x > bool 4')).toEqual(['threshold > 3 → > 4']);
    expect(constantChanges('rate(x[5m])', 'rate(x[10m])')).toEqual(['range [5m] → [10m]']);
    expect(constantChanges('x offset 1h', 'x offset 2h')).toEqual(['offset 1h → 2h']);
    expect(constantChanges('histogram_quantile(0.9, y)', 'histogram_quantile(0.99, y)')).toEqual(['0.9 → 0.99']);
  });

  it('gives up (undefined) when the structure changed', () => {
    expect(constantChanges('rate(x[5m]) > 1', 'irate(x[5m]) > 1')).toBeUndefined();
    expect(constantChanges('x > 1', 'x > 1 and y')).toBeUndefined();
  });
});
