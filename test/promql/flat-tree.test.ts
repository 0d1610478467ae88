/**
 * Parse-ahead (dsl/lint/parallel-parse.ts): a worker parses expressions with `aheadTree` and sends
 * each tree flat (`flatTree`); this thread rebuilds it (`treeFromFlat`) and checks the expression
 * with it. The result must be exactly the one `checkExpression` gives from the text alone, on every
 * case of the table, the generated expressions of the differential test and the corpus of
 * public-rule shapes, for every target the table names.
 */
import { describe, expect, it } from 'vitest';
import type { Tree } from '@lezer/common';
import { flatTree, treeFromFlat } from '../../dsl/promql/flat-tree.ts';
import { checkExpression, resolveTarget } from '../../dsl/promql/index.ts';
import { aheadTree } from '../../dsl/promql/parse.ts';
import { cases } from './cases.ts';
import { CORPUS, generateExpressions } from './generate.ts';

/** Named nodes with their spans, in document order: what the conversion reads of a tree. */
function shape(tree: Tree): string {
  const out: string[] = [];
  tree.iterate({ enter: (n) => void out.push(`${n.name}@${n.from}-${n.to}`) });
  return out.join(' ');
}

const inputs: { expr: string; target: string; features: readonly string[] }[] = [
  ...cases.filter((c) => !c.grafana).map((c) => ({ expr: c.expr, target: c.target ?? '2.42', features: c.features ?? [] })),
  ...[...generateExpressions(20_420, 4000), ...CORPUS].flatMap((expr) =>
    ['2.42', '3.5'].map((target) => ({ expr, target, features: [] })),
  ),
];

describe('parse-ahead gives the results of checking the text alone', () => {
  it('for every input with an ahead tree: the same tree shape, the same check result', () => {
    let ahead = 0;
    const differ: string[] = [];
    for (const { expr, target, features } of inputs) {
      const t = resolveTarget(target, features);
      const tree = aheadTree(expr, t);
      if (!tree) continue;
      const flat = flatTree(tree);
      expect(flat, expr).toBeDefined();
      const rebuilt = treeFromFlat(flat as Uint16Array, expr.length);
      if (shape(rebuilt) !== shape(tree)) differ.push(`shape: ${expr}`);
      const alone = checkExpression(expr, { target: t });
      const withTree = checkExpression(expr, { target: t }, rebuilt);
      const plain = (r: typeof alone) => ({ valid: r.valid, errors: r.errors, expr: r.expr, type: r.type, variables: r.variables });
      if (JSON.stringify(plain(withTree)) !== JSON.stringify(plain(alone))) differ.push(`result (${target}): ${expr}`);
      ahead++;
    }
    expect(differ).toEqual([]);
    // Most inputs take the common path; the rest (lex errors, syntax errors, long chains) are parsed where they are checked.
    expect(ahead).toBeGreaterThan(inputs.length / 2);
  });

  it('valid expressions with type errors, comments and ambiguous offsets keep their verdicts', () => {
    const t = resolveTarget('3.5');
    for (const expr of ['sum(rate(x[5m])) by (job) # a comment\n', 'rate(x[5m]) + on(job) group_left y', 'rate(up)', 'x offset 5m', 'x @ start()'])
      expect(checkExpression(expr, { target: t }, aheadTree(expr, t))).toEqual(checkExpression(expr, { target: t }));
  });

  it('gives no ahead tree where parsePromQL takes another path', () => {
    const t = resolveTarget('3.5');
    expect(aheadTree('sum(', t)).toBeUndefined(); // a syntax error: parsed, and worded, where it is checked
    expect(aheadTree('"unterminated', t)).toBeUndefined(); // a lexical error
    expect(aheadTree('   ', t)).toBeUndefined(); // no expression
    expect(aheadTree(Array.from({ length: 120 }, (_, i) => `m${i}`).join(' or '), t)).toBeUndefined(); // a long chain, parsed in pieces
  });

  it('does not flatten a tree past what 16-bit positions hold', () => {
    const t = resolveTarget('3.5');
    const long = `x{a="${'v'.repeat(70_000)}"}`;
    const tree = aheadTree(long, t);
    expect(tree).toBeDefined();
    expect(flatTree(tree as Tree)).toBeUndefined();
  });
});
