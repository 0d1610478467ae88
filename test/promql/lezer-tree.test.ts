/**
 * lezer's LR parser closes a left-associative production after 300 reductions of 2,000 characters
 * or more from one start (its big-reduction guard); `parseUnguarded` switches that guard off, but
 * only for inputs that long, so that the parse object of every shorter input keeps lezer's own
 * shape (dsl/promql/lezer-tree.ts). These pin that the guard is off wherever it could fire.
 */
import { describe, expect, it } from 'vitest';
import { lezerParser, strictParse, strictParser } from '../../dsl/promql/lezer-tree.ts';

/** `name or name or ...`: every reduction from the 2,000th character on is a big one. */
function orChain(terms: number, name: string): string {
  return Array.from({ length: terms }, () => name).join(' or ');
}

/** `a+a+...+a` of 1,400 terms (2,799 characters): about 400 big reductions, the fewest characters that take. */
const SHORTEST = Array.from({ length: 1400 }, () => 'a').join('+');

describe('lezer parse without its big-reduction guard', () => {
  it('lezer alone stops a long chain of big reductions (the guard this works around)', () => {
    const text = orChain(600, 'some_rather_long_metric_name_total');
    expect(text.length).toBeGreaterThan(2000);
    // lezer's own strict parse, guard on: forced to close the chain early, then fails.
    expect(() => strictParser.parse(text)).toThrow(SyntaxError);
  });

  it('strictParse accepts the same chain, as one left-leaning BinaryExpr spine', () => {
    const text = orChain(600, 'some_rather_long_metric_name_total');
    const tree = strictParse(text);
    expect(tree).toBeDefined();
    let depth = 0;
    for (let n = tree?.topNode.firstChild ?? null; n?.name === 'BinaryExpr'; n = n.firstChild) depth++;
    expect(depth).toBe(599);
  });

  it('the guard is off for the shortest input on which it fires', () => {
    expect(SHORTEST.length).toBeLessThan(2800);
    expect(() => strictParser.parse(SHORTEST)).toThrow(SyntaxError);
    expect(strictParse(SHORTEST)).toBeDefined();
  });

  it('just under 2,000 characters the guard cannot fire: lezer parses as strictParse does', () => {
    const text = orChain(60, 'short_name_x');
    expect(text.length).toBeLessThan(2000);
    expect(strictParse(text)?.toString()).toBe(lezerParser.configure({ strict: true }).parse(text).toString());
  });
});
