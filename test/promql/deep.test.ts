/**
 * Deep nesting: 10,000 parentheses, unary minus, calls, aggregations or subqueries inside each
 * other are valid PromQL and promtool accepts them. The checker parses them in pieces and walks
 * them without recursion, so it agrees with promtool at any depth, never with a RangeError. Each
 * shape at 1,000 and 10,000 levels, valid and with an error inside, outside or on both sides of
 * the nest, is compared with the real promtool (verdict, message, line and column). Time and
 * memory at 100,000 levels are measured, not asserted (see the closing note of issue #13).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExpression } from '../../dsl/promql/index.ts';
import { parsePromQL } from '../../dsl/promql/parse.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { labelFlows } from '../../dsl/lint/label-flow.ts';
import { valueKind } from '../../dsl/lint/value-kind.ts';
import { createFixtureProject, type FixtureProject } from '../helpers/fixture-project.ts';
import { findPromtool, promtoolCheckExpressions, promtoolSkipReason, type PromtoolVerdict } from '../helpers/promtool.ts';

const TARGET = '2.42';

type Verdict = { valid: boolean; message?: string; line?: number; column?: number };

function ours(expr: string): Verdict {
  const r = checkExpression(expr, { target: TARGET });
  const e = r.errors[0];
  return r.valid || !e ? { valid: true } : { valid: false, message: e.message, line: e.line, column: e.column };
}

function theirs(v: PromtoolVerdict): Verdict {
  return v.valid ? { valid: true } : { valid: false, message: v.message, line: v.line, column: v.column };
}

const nest = (n: number, open: string, inner: string, close: string): string => open.repeat(n) + inner + close.repeat(n);

/** Every shape of deep nesting, valid and not, at depth `n`. */
function shapes(n: number): Record<string, string> {
  return {
    parens: nest(n, '(', 'up', ')'),
    unary: `${'-'.repeat(n)}up`,
    'unary, spaced, then an operator': `${'- '.repeat(n)}up * 2 + 1`,
    'unary over a power': `${'-'.repeat(n)}up ^ 2`,
    calls: nest(n, 'abs(', 'up', ')'),
    aggregations: nest(n, 'sum by (job) (', 'rate(http_requests_total[5m])', ')'),
    'topk, two arguments a level': nest(n, 'topk(5, ', 'up', ')'),
    subqueries: nest(n, 'max_over_time(', 'rate(x_total[5m])', '[5m:1m])'),
    'an operator a level': nest(n, '(1 + ', 'up', ')'),
    'a join over a unary nest': `${nest(n, '(', `a / on(job) group_left ${'-'.repeat(n)}b`, ')')} > 0.5`,
    'a chain inside a nest': nest(n, 'abs(', Array.from({ length: 300 }, () => 'up').join(' or '), ')'),
    'a nest inside a chain': Array.from({ length: 150 }, (_, i) => (i === 75 ? nest(n, '(', 'up', ')') : 'up')).join(' + '),
    'type error at the bottom': nest(n, 'abs(', 'rate(up)', ')'),
    'regex error at the bottom': nest(n, 'sum(', 'up{a=~"("}', ')'),
    'syntax error at the bottom': nest(n, '(', 'up +', ')'),
    'a name Prometheus does not know at the bottom': nest(n, 'abs(', 'nosuchfunction(up)', ')'),
    'error after the nest': `${nest(n, '(', 'up', ')')} offset 5m`,
    'errors before and inside the nest': `foo{a=~"("} + ${nest(n, 'abs(', 'bar{b=~"("}', ')')}`,
    'unary on a string': `${'-'.repeat(n)}"s"`,
    'subquery of a range': nest(n, 'max_over_time(', 'up[5m]', '[5m:1m])'),
    'unclosed': nest(n, '(', 'up', ')').slice(0, -1),
    'one parenthesis too many': `${nest(n, '(', 'up', ')')})`,
  };
}

describe('deep nesting agrees with promtool', () => {
  for (const n of [1000, 10_000]) {
    it.skipIf(promtoolSkipReason() !== undefined)(`every shape at ${n.toLocaleString('en')} levels`, () => {
      const cases = Object.entries(shapes(n));
      const verdicts = promtoolCheckExpressions(cases.map(([, e]) => e));
      const differ = cases.flatMap(([name, e], i) => {
        const a = ours(e);
        const b = theirs(verdicts[i] as PromtoolVerdict);
        return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ name, ours: a, promtool: b }];
      });
      expect(differ).toEqual([]);
      // Both verdicts occur, or the comparison proves little.
      expect(verdicts.filter((v) => v.valid).length).toBeGreaterThanOrEqual(12);
      expect(verdicts.filter((v) => !v.valid).length).toBeGreaterThanOrEqual(9);
    });
  }
});

describe('deep nesting without promtool', () => {
  it('pins the errors inside, after and before a nest of 10,000 levels', () => {
    const s = shapes(10_000);
    expect(ours(s['type error at the bottom'] as string)).toEqual({
      valid: false,
      message: 'expected type range vector in call to function "rate", got instant vector',
      line: 1,
      column: 40_006,
    });
    expect(ours(s['error after the nest'] as string)).toMatchObject({
      valid: false,
      message: 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
      column: 1,
    });
    // Both errors, in Prometheus's order: the piece's errors are replayed where its placeholder stands.
    const both = checkExpression(s['errors before and inside the nest'] as string, { target: TARGET }).errors;
    expect(both.map((e) => [e.message, e.column])).toEqual([
      ['error parsing regexp: missing closing ): `^(?:()$`', 5],
      ['error parsing regexp: missing closing ): `^(?:()$`', 40_019],
    ]);
  });

  it('the same tree as a shallow parse: positions of the innermost node and of every level', () => {
    const r = parsePromQL(nest(5000, 'sum by (job) (', 'x', ')'), mustParseTarget(TARGET));
    expect(r.errors).toEqual([]);
    let e = r.expr;
    let depth = 0;
    while (e?.kind === 'AggregateExpr') {
      expect(e.start).toBe(depth * 'sum by (job) ('.length);
      expect(e.grouping?.labels).toEqual(['job']);
      e = e.expr;
      depth++;
    }
    expect(depth).toBe(5000);
    expect(e).toMatchObject({ kind: 'VectorSelector', name: 'x', start: 5000 * 14, end: 5000 * 14 + 1 });
  });

  it('label flow and value kind walk 100,000 levels', () => {
    const expr = checkExpression(nest(100_000, '(', 'sum by (job) (x_total)', ')'), { target: TARGET }).expr;
    if (!expr) throw new Error('no tree');
    const flow = labelFlows(expr, () => ({ labels: ['job', 'instance'], guaranteed: ['job', 'instance'] })).get(expr);
    expect([...(flow?.guaranteed ?? [])]).toEqual(['job']);
    expect(valueKind(expr, () => 'counter')).toBe('counter');
    expect(valueKind(checkExpression(`${'-'.repeat(100_000)}x`, { target: TARGET }).expr!, () => 'gauge')).toBe('unknown');
  });
});

describe('a project with deep alerts', () => {
  let fixture: FixtureProject | undefined;
  afterEach(() => fixture?.cleanup());

  it.skipIf(promtoolSkipReason() !== undefined)('builds rule files promtool loads, and names a deep error at its TS position', async () => {
    const annotations = `for: '5m', labels: { severity: 'page' }, annotations: { summary: 'x', runbook_url: 'https://example.com/r' }`;
    fixture = createFixtureProject({
      files: {
        'alerts/deep.ts': `import { alert, ruleGroup } from '../dsl/index.ts';
const n = 10_000;
const inner = 'rate(http_requests_total{job="api"}[5m])';
export const deep = ruleGroup({
  name: 'deep',
  rules: [
    alert({ name: 'DeepParens', expr: \`\${'('.repeat(n)}\${inner}\${')'.repeat(n)} > 1\`, ${annotations} }),
    alert({ name: 'DeepUnary', expr: \`\${'-'.repeat(n)}\${inner} > 1\`, ${annotations} }),
    alert({ name: 'DeepSums', expr: \`\${'sum by (job) ('.repeat(n)}\${inner}\${')'.repeat(n)} > 1\`, ${annotations} }),
  ],
});
`,
      },
    });
    const build = await fixture.run(['build']);
    expect(build.stdout + build.stderr).toContain('0 errors');
    expect(build.code).toBe(0);
    const tool = findPromtool();
    if (!tool) throw new Error('promtool not available');
    const check = spawnSync(tool.path, ['check', 'rules', join(fixture.root, 'out/rules/alerts/deep.yml')], { encoding: 'utf8' });
    expect(check.stdout).toContain('SUCCESS: 3 rules found');

    fixture.relocate();
    fixture.replace('alerts/deep.ts', "const inner = 'rate(http_requests_total{job=\"api\"}[5m])';", "const inner = 'rate(up)';");
    const bad = await fixture.run(['build']);
    expect(bad.code).toBe(1);
    const text = bad.stdout + bad.stderr;
    expect(text).toContain('expected type range vector in call to function "rate", got instant vector');
    // The error is in the text `\${inner}` splices into each template: located there, in each alert.
    const lines = fixture.read('alerts/deep.ts').split('\n');
    expect(text).toContain(`alerts/deep.ts:8:${(lines[7] as string).indexOf('\${inner}') + 1}  error  promql/syntax`);
    // Where a substitution follows `\${inner}`, the template locator points at that one (8 columns on):
    // the locator's matter, not the checker's (the expression's own position agrees with promtool's).
    for (const line of [7, 9]) expect(text).toMatch(new RegExp(`alerts/deep\\.ts:${line}:\\d+ {2}error {2}promql/syntax`));
  });
});
