/**
 * Differential test: our checker's verdict (valid/invalid) on a few thousand random and mutated
 * expressions must equal `promtool check rules` of Prometheus 2.42 on each of them.
 *
 * The expressions come from `generate.ts` with a fixed seed, so a failure is reproducible. To explore
 * other inputs: OBS_PROMQL_DIFF_SEED=7 OBS_PROMQL_DIFF_COUNT=20000 npx vitest run test/promql/differential.test.ts
 */
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../dsl/promql/index.ts';
import { promtoolCheckExpressions, promtoolSkipReason, type PromtoolVerdict } from '../helpers/promtool.ts';
import { generateExpressions } from './generate.ts';

const TARGET = '2.42';
const SEED = Number(process.env.OBS_PROMQL_DIFF_SEED ?? 20_420);
const COUNT = Number(process.env.OBS_PROMQL_DIFF_COUNT ?? 4000);
const MAX_REPORTED = 30;

interface Disagreement {
  readonly index: number;
  readonly expr: string;
  readonly ours: string;
  readonly promtool: string;
}

function describeOurs(expr: string): { valid: boolean; text: string } {
  try {
    const r = checkExpression(expr, { target: TARGET });
    const e = r.errors[0];
    return { valid: r.valid, text: r.valid ? 'valid' : `invalid: ${e ? `${e.line}:${e.column}: ${e.message}` : '(no error given)'}` };
  } catch (err) {
    return { valid: false, text: `THREW: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function describePromtool(v: PromtoolVerdict): string {
  if (v.valid) return 'valid';
  return `invalid: ${v.line !== undefined ? `${v.line}:${v.column}: ` : ''}${v.message ?? ''}`;
}

describe.skipIf(promtoolSkipReason() !== undefined)(`differential test against promtool ${TARGET}`, () => {
  it(`checker verdict equals promtool ${TARGET} on ${COUNT} generated expressions (seed ${SEED})`, () => {
    const exprs = generateExpressions(SEED, COUNT);
    expect(exprs).toHaveLength(COUNT);

    const theirs = promtoolCheckExpressions(exprs);
    expect(theirs).toHaveLength(exprs.length);

    const disagreements: Disagreement[] = [];
    let promtoolValid = 0;
    exprs.forEach((expr, index) => {
      const p = theirs[index] as PromtoolVerdict;
      if (p.valid) promtoolValid++;
      const ours = describeOurs(expr);
      if (ours.valid !== p.valid || ours.text.startsWith('THREW')) {
        disagreements.push({ index, expr, ours: ours.text, promtool: describePromtool(p) });
      }
    });

    // The generator must keep producing a real mix, or agreeing would prove little.
    expect(promtoolValid, 'share of expressions promtool accepts').toBeGreaterThan(COUNT * 0.2);
    expect(COUNT - promtoolValid, 'share of expressions promtool rejects').toBeGreaterThan(COUNT * 0.2);

    const report = [
      `${disagreements.length} of ${exprs.length} expressions (seed ${SEED}) get a different verdict from promtool ${TARGET}` +
        (disagreements.length > MAX_REPORTED ? `; the first ${MAX_REPORTED}:` : ':'),
      ...disagreements.slice(0, MAX_REPORTED).map((d) =>
        `  #${d.index} ${JSON.stringify(d.expr)}\n      ours:     ${d.ours}\n      promtool: ${d.promtool}`),
    ].join('\n');
    expect(disagreements.length, report).toBe(0);
  });

  it('generator is deterministic for a seed', () => {
    expect(generateExpressions(SEED, 300)).toEqual(generateExpressions(SEED, 300));
    expect(generateExpressions(SEED, 300)).not.toEqual(generateExpressions(SEED + 1, 300));
  });
});
