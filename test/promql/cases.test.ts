/**
 * Runs the case table (test/promql/cases.ts) through the checker: the verdict, and for invalid
 * cases the exact first error (message, line, column) the target Prometheus reports. The target
 * 2.42 cases are also compared with live promtool, so the table cannot drift from the oracle.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../dsl/promql/index.ts';
import { promtoolCheckExpressions, promtoolSkipReason } from '../helpers/promtool.ts';
import { cases, DEFAULT_CASE_TARGET, type PromQLCase } from './cases.ts';

const targetOf = (c: PromQLCase): string => c.target ?? DEFAULT_CASE_TARGET;

function label(c: PromQLCase): string {
  const opts = [
    `@${targetOf(c)}`,
    ...(c.features && c.features.length > 0 ? [`+${c.features.join('+')}`] : []),
    ...(c.grafana ? ['grafana'] : []),
  ].join(' ');
  const verdict = c.valid ? 'valid' : `${c.line}:${c.column} ${c.message}`;
  return `${JSON.stringify(c.expr)} ${opts} -> ${verdict}`;
}

/** What a case expects, in the same shape as what the checker gives. */
function expected(c: PromQLCase): { valid: boolean; error?: { message?: string; line?: number; column?: number } } {
  return c.valid ? { valid: true } : { valid: false, error: { message: c.message, line: c.line, column: c.column } };
}

describe('the case table itself', () => {
  it('has at least 170 cases and every invalid case has a message and a position', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
    for (const c of cases) {
      if (c.valid) {
        expect(c.message, c.expr).toBeUndefined();
      } else {
        expect(typeof c.message, c.expr).toBe('string');
        expect(c.line, c.expr).toBeGreaterThanOrEqual(1);
        expect(c.column, c.expr).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('has no duplicate case', () => {
    const keys = cases.map((c) => JSON.stringify([c.expr, targetOf(c), c.features ?? [], !!c.grafana]));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('checkExpression agrees with the case table', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const result = checkExpression(c.expr, {
      target: targetOf(c),
      ...(c.features ? { features: c.features } : {}),
      ...(c.grafana ? { grafana: true } : {}),
    });
    const first = result.errors[0];
    const actual = result.valid || !first
      ? { valid: result.valid }
      : { valid: false, error: { message: first.message, line: first.line, column: first.column } };
    expect(actual).toEqual(expected(c));
    // A valid result has no errors and carries the analysis; an invalid one has at least one error.
    if (result.valid) {
      expect(result.errors).toEqual([]);
      expect(result.analysis).toBeDefined();
    } else {
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('the 2.42 cases and promtool', () => {
  const skip = promtoolSkipReason();
  // Grafana cases are not PromQL until their variables are substituted, so promtool cannot judge them.
  const live = cases.filter((c) => targetOf(c) === '2.42' && !c.features?.length && !c.grafana);

  it.skipIf(skip !== undefined)('the 2.42 cases agree with live promtool', () => {
    const verdicts = promtoolCheckExpressions(live.map((c) => c.expr));
    const disagreements = live.flatMap((c, i) => {
      const p = verdicts[i];
      const theirs = p?.valid ? { valid: true } : { valid: false, error: { message: p?.message, line: p?.line, column: p?.column } };
      return JSON.stringify(theirs) === JSON.stringify(expected(c)) ? [] : [{ expr: c.expr, table: expected(c), promtool: theirs }];
    });
    expect(disagreements).toEqual([]);
    expect(live.length).toBeGreaterThanOrEqual(170);
  });
});
