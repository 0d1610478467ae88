/**
 * Long operator chains and deep expressions: `up or up or ...` of thousands of terms is valid
 * PromQL (generated rules have them); the checker must agree with promtool on them, and an
 * expression too deep for it must get a located error, never a RangeError.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../dsl/promql/index.ts';
import { parsePromQL } from '../../dsl/promql/parse.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { promtoolCheckExpressions, promtoolSkipReason, type PromtoolVerdict } from '../helpers/promtool.ts';
import { mulberry32 } from '../helpers/prng.ts';

const TARGET = '2.42';

function chain(n: number, op: string, term: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);
}

function ours(expr: string): { valid: boolean; message?: string; line?: number; column?: number } {
  const r = checkExpression(expr, { target: TARGET });
  const e = r.errors[0];
  return r.valid || !e ? { valid: true } : { valid: false, message: e.message, line: e.line, column: e.column };
}

function theirs(v: PromtoolVerdict): { valid: boolean; message?: string; line?: number; column?: number } {
  return v.valid ? { valid: true } : { valid: false, message: v.message, line: v.line, column: v.column };
}

/** Random chains mixing every binary operator, modifiers, scalars and type errors. */
function randomChain(rand: () => number, n: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const operands = ['up', 'rate(x_total[5m])', '1', '-2', 'sum by (job) (x)', '(a or b)', 'foo offset 5m', '"s"', 'x[5m]', '-y', 'abs(z)'];
  const ops = ['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless'];
  const mods = ['', '', '', ' bool', ' on(job)', ' ignoring(instance)', ' on(job) group_left', ' ignoring(a) group_right(b)'];
  let prev = pick(operands);
  let s = prev;
  for (let i = 1; i < n; i++) {
    // `-y ^ 2` is `-(y ^ 2)`: such a chain is parsed whole (the control cases below have some).
    const op = prev.startsWith('-') ? pick(ops.filter((o) => o !== '^')) : pick(ops);
    prev = pick(operands);
    s += ` ${op}${pick(mods)} ${prev}`;
  }
  return s;
}

describe.skipIf(promtoolSkipReason() !== undefined)(`long operator chains agree with promtool ${TARGET}`, () => {
  it('chains of 10, 500, 2,000 and 10,000 terms: or, +, absent(...) or', () => {
    const exprs: string[] = [];
    for (const n of [10, 500, 2000, 10_000]) {
      exprs.push(chain(n, 'or', () => 'up'));
      exprs.push(chain(n, '+', (i) => `rate(http_requests_total{job="a${i % 7}"}[5m])`));
      exprs.push(chain(n, 'or', (i) => `absent(up{job="job-${i}"})`));
      exprs.push(`${chain(n, 'or', () => 'up')} > 0`);
      // An error at the very end of a long chain: the same message at the same column.
      exprs.push(`${chain(n, 'or', () => 'up')} or 1`);
      exprs.push(`${chain(n, '+', () => 'up')} + foo[5m]`);
    }
    exprs.push(`sum(${chain(600, 'or', () => 'up')})`, `(${chain(300, 'or', (i) => `absent(up{job="job-${i}"})`)}) > 0`);
    const verdicts = promtoolCheckExpressions(exprs);
    const disagreements = exprs.flatMap((e, i) => {
      const a = ours(e);
      const b = theirs(verdicts[i] as PromtoolVerdict);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ expr: `${e.slice(0, 60)}… (${e.length} chars)`, ours: a, promtool: b }];
    });
    expect(disagreements).toEqual([]);
    expect(verdicts.filter((v) => v.valid)).toHaveLength(18);
  });

  it('random chains of 150 to 400 terms mixing operators, modifiers and type errors: the same first error, at the same column', () => {
    const rand = mulberry32(1313);
    const exprs = Array.from({ length: 60 }, (_, i) => randomChain(rand, 150 + (i % 6) * 50));
    // Also short ones, parsed whole by lezer, as a control for the same generator.
    exprs.push(...Array.from({ length: 60 }, () => randomChain(rand, 2 + Math.floor(rand() * 20))));
    exprs.push(`-y ^ 2 + ${chain(300, '+', () => 'up')}`, `${chain(300, '*', () => 'up')} * -y ^ 2 ^ -z`, `${chain(150, '^', () => 'up')} + 1 > bool 2`);
    const verdicts = promtoolCheckExpressions(exprs);
    const disagreements = exprs.flatMap((e, i) => {
      const a = ours(e);
      const b = theirs(verdicts[i] as PromtoolVerdict);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ expr: e, ours: a, promtool: b }];
    });
    expect(disagreements).toEqual([]);
  });

  it('chains of 1,000 terms of every operator, with bool, on/ignoring and group_left/right, alone, in parentheses, calls and aggregations', () => {
    const ops = ['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless'];
    const mods = ['', ' on(job)', ' ignoring(instance) group_left', ' on(job) group_right(team)', ' bool'];
    const wraps = [(c: string) => c, (c: string) => `(${c})`, (c: string) => `sum(${c})`, (c: string) => `sum by (job) (${c}) > 1`,
      (c: string) => `topk(5, ${c})`, (c: string) => `abs((${c})) or rate((${c})[5m:1m])`, (c: string) => `((${c}))`];
    const exprs: string[] = [];
    ops.forEach((op, i) => {
      const term = (k: number): string => (k % 3 === 0 ? `rate(x_total{job="j${k}"}[5m])` : k % 3 === 1 ? 'up' : '(a or b)');
      for (const [j, wrap] of wraps.entries()) if ((i + j) % 2 === 0) exprs.push(wrap(chain(1000, `${op}${mods[(i + j) % mods.length]}`, term)));
    });
    // Long chains inside long chains, and errors inside them: the first error, where promtool puts it.
    const inner = chain(300, '*', () => 'up');
    exprs.push(chain(500, '+', (k) => (k % 50 === 0 ? `sum(${inner})` : 'up')), `sum(${chain(500, 'or', (k) => (k % 100 === 0 ? `(${inner})` : 'up'))})`);
    exprs.push(`sum(${chain(400, '+', () => 'up')} +) + 1`, `sum(${chain(400, '+', (k) => (k === 390 ? 'up[5m]' : 'up'))})`, `(${chain(400, 'or', () => 'up')}) + foo{`);
    exprs.push(`(${chain(400, '+', () => 'up')} + (${chain(300, '-', (k) => (k === 200 ? '"s"' : 'up'))}))`, `(${chain(400, '+', () => 'up')}) + sum(up) by (job) ) `);
    const verdicts = promtoolCheckExpressions(exprs);
    const disagreements = exprs.flatMap((e, i) => {
      const a = ours(e);
      const b = theirs(verdicts[i] as PromtoolVerdict);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ expr: `${e.slice(0, 80)}… (${e.length} chars)`, ours: a, promtool: b }];
    });
    expect(disagreements).toEqual([]);
    // Valid and invalid ones both, or the comparison proves little.
    expect(verdicts.filter((v) => v.valid).length).toBeGreaterThan(20);
    expect(verdicts.filter((v) => !v.valid).length).toBeGreaterThan(20);
  });

  it('a chain of 100,000 powers (promtool takes a few seconds): the same verdict', () => {
    const exprs = [chain(100_000, '^', () => 'up')];
    const verdicts = promtoolCheckExpressions(exprs);
    expect(exprs.map(ours)).toEqual(verdicts.map(theirs));
    expect(verdicts.map((v) => v.valid)).toEqual([true]);
  });

  it('the same tree as lezer builds for a chain just below and just above the operand-by-operand threshold', () => {
    const target = mustParseTarget(TARGET);
    const rand = mulberry32(7);
    for (let i = 0; i < 40; i++) {
      const long = randomChain(rand, 101).replace(/"s"|x\[5m\]/g, 'w');
      // The same chain in parentheses is one operand: lezer parses it whole.
      const whole = parsePromQL(`(${long})`, target);
      const split = parsePromQL(long, target);
      expect(split.errors).toEqual(whole.errors.map((e) => ({ ...e, start: e.start - 1, end: e.end - 1 })));
      const unwrap = whole.expr?.kind === 'ParenExpr' ? whole.expr.expr : undefined;
      expect(JSON.stringify(split.expr, shift(0))).toBe(JSON.stringify(unwrap, shift(-1)));
    }
  });
});

/** A JSON replacer that moves every offset by `d`, to compare trees parsed at different offsets. */
function shift(d: number): (key: string, value: unknown) => unknown {
  return (key, value) => (typeof value === 'number' && (key === 'start' || key === 'end') ? value + d : value);
}

describe('the long expression of Prometheus\'s parser tests, never a RangeError', () => {
  // From Prometheus's parser tests (parse_test.go): 10,000 nested unary and binary operators and
  // 1,000 subqueries. Prometheus rejects it ("vector selector must contain at least one non-empty
  // matcher"); checked after similar ones in one run, it used to crash in @lezer/common.
  const big = `(${'-{}-1'.repeat(10_000)})${'[1m:]'.repeat(1000)}`;

  it('the parser-test expression, 5 times in one run after similar ones', () => {
    for (let round = 0; round < 5; round++) {
      for (const n of [300, 3000, 6000]) expect(() => checkExpression(`(${'-{}-1'.repeat(n)})`, { target: TARGET })).not.toThrow();
      const r = checkExpression(big, { target: TARGET });
      expect(r.valid).toBe(false);
      expect(r.errors[0]).toMatchObject({ message: 'vector selector must contain at least one non-empty matcher', line: 1, column: 3 });
    }
  });

  it('chains of 100,000 terms, alone and nested, of every kind of operator: checked in bounded time', () => {
    const started = performance.now();
    const exprs = [
      chain(100_000, '+', () => 'up'), `sum(${chain(100_000, 'or', (i) => `absent(up{job="j${i}"})`)})`,
      `max by (job) (${chain(50_000, '>= bool', () => 'up')} + (${chain(50_000, 'unless ignoring(instance) group_left', () => 'up')}))`,
    ];
    const verdicts = exprs.map((e) => checkExpression(e, { target: TARGET }));
    expect(verdicts.map((v) => v.errors[0]?.message)).toEqual([undefined, undefined, 'no grouping allowed for "unless" operation']);
    // About 5 s per 100,000 terms on a quiet 2-core machine; the bound leaves room for a loaded one.
    expect(performance.now() - started).toBeLessThan(90_000);
  });

  it.skipIf(promtoolSkipReason() !== undefined)('promtool rejects the parser-test expression too', () => {
    expect(promtoolCheckExpressions([big])[0]).toMatchObject({ valid: false, message: 'vector selector must contain at least one non-empty matcher' });
  });
});
