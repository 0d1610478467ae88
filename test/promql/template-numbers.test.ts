/**
 * Numbers spliced by the `promql` template keep their meaning: `${-2} ^ 2` is (-2)^2 = 4, not
 * -(2^2) = -4 as the bare text `-2 ^ 2` reads in PromQL; -0 keeps its sign; NaN and ±Inf are
 * literals Prometheus accepts; and numbers may follow the comparison operators `>=`, `<=`, `!=`,
 * `==` (only inside a selector's braces are `!=` and `=` matcher operators). Each expression is
 * evaluated by the real Prometheus engine (`promtool test rules`) against the value JavaScript
 * computes for the same numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableYaml } from '../../dsl/core/stable-yaml.ts';
import { checkExpression } from '../../dsl/promql/index.ts';
import { promql, PromQLTemplateError, type PromQL } from '../../dsl/promql/template.ts';
import { findPromtool, promtoolSkipReason } from '../helpers/promtool.ts';

interface Case {
  readonly expr: PromQL;
  readonly text: string;
  /** What JavaScript computes for the same numbers; undefined: the result is empty. */
  readonly value: number | undefined;
}

const CASES: readonly Case[] = [
  { expr: promql`vector(${-2} ^ 2)`, text: 'vector((-2) ^ 2)', value: (-2) ** 2 },
  { expr: promql`vector(${-2} ^ ${2})`, text: 'vector((-2) ^ 2)', value: 4 },
  { expr: promql`vector(2 ^ ${-1})`, text: 'vector(2 ^ (-1))', value: 2 ** -1 },
  { expr: promql`vector(${-3} % 2)`, text: 'vector((-3) % 2)', value: -3 % 2 },
  { expr: promql`vector(${-0.5} * ${-4})`, text: 'vector((-0.5) * (-4))', value: 2 },
  { expr: promql`vector(1 / ${-0})`, text: 'vector(1 / (-0))', value: 1 / -0 },
  { expr: promql`vector(1 / ${0})`, text: 'vector(1 / 0)', value: Infinity },
  { expr: promql`vector(${Infinity} > bool 1e308)`, text: 'vector(Inf > bool 1e308)', value: 1 },
  { expr: promql`vector(${-Infinity} < bool ${-1e308})`, text: 'vector((-Inf) < bool (-1e+308))', value: 1 },
  { expr: promql`vector(${NaN} != bool ${NaN})`, text: 'vector(NaN != bool NaN)', value: 1 },
  { expr: promql`vector(${1e21} == bool 1e21)`, text: 'vector(1e+21 == bool 1e21)', value: 1 },
  { expr: promql`vector(6) >= ${5}`, text: 'vector(6) >= 5', value: 6 },
  { expr: promql`vector(6) <= ${-5}`, text: 'vector(6) <= (-5)', value: undefined },
  { expr: promql`vector(6) != ${6}`, text: 'vector(6) != 6', value: undefined },
  { expr: promql`vector(6) == ${6}`, text: 'vector(6) == 6', value: 6 },
  { expr: promql`vector(6) > ${-7} < ${7}`, text: 'vector(6) > (-7) < 7', value: 6 },
];

describe('promql template: spliced numbers', () => {
  it.each(CASES.map((c) => [c.text, c]))('%s is the text spliced, and it parses', (_, c) => {
    expect(c.expr.text).toBe(c.text);
    expect(checkExpression(c.expr.text).errors).toEqual([]);
  });

  it('keeps matcher operators in braces a matcher (quoted) and refuses a number there', () => {
    expect(promql`up{job!=${'a'}, code=~${'5..'}} != ${0}`.text).toBe('up{job!="a", code=~"5.."} != 0');
    expect(() => promql`up{job!=${1 as unknown as string}}`).toThrow(PromQLTemplateError);
    expect(() => promql`up >= ${'5' as string}`).toThrow(/cannot splice the string "5" here/);
  });

  const skip = promtoolSkipReason();
  it.skipIf(skip !== undefined)('Prometheus evaluates each to what JavaScript computes (promtool test rules)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obs-template-numbers-'));
    try {
      const file = join(dir, 'numbers.test.yml');
      // Go's yaml reads .inf / -.inf / .nan for floats.
      const yamlFloat = (v: number): string => (v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : Number.isNaN(v) ? '.nan' : String(v));
      const tests = CASES.map((c) => ({ expr: c.expr.text, eval_time: '0m', exp_samples: c.value === undefined ? [] : [{ labels: '{}', value: `@${yamlFloat(c.value)}` }] }));
      writeFileSync(file, stableYaml({ evaluation_interval: '1m', tests: [{ interval: '1m', input_series: [], promql_expr_test: tests }] }).replace(/"?@([^"\n]+)"?/g, '$1'));
      const r = spawnSync(findPromtool()!.path, ['test', 'rules', file], { encoding: 'utf8' });
      expect(`${r.status}\n${r.stdout}${r.stderr}`).toMatch(/^0\n[\s\S]*SUCCESS/);
      // And the bare text the template used to splice means something else: the test can fail.
      writeFileSync(file, `evaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series: []\n    promql_expr_test:\n      - expr: vector(-2 ^ 2)\n        eval_time: 0m\n        exp_samples:\n          - labels: '{}'\n            value: 4\n`);
      const bare = spawnSync(findPromtool()!.path, ['test', 'rules', file], { encoding: 'utf8' });
      expect(`${bare.stdout}${bare.stderr}`).toMatch(/got: \{\} -4E\+00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
