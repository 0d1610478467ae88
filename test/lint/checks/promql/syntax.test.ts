import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/promql/syntax.ts';
import { alert, promql, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

const group = (...rules: Parameters<typeof ruleGroup>[0]['rules']) => ruleGroup({ name: 'g', rules });

describe('promql/syntax', () => {
  it('accepts expressions valid for the target', () => {
    expectValid(check, { modules: [group(
      record({ name: 'job:x:rate5m', expr: 'sum by (job) (rate(x_total[5m]))' }),
      alert({ name: 'A', expr: promql`up{job=${'api'}} == 0` }),
      alert({ name: 'B', expr: 'holt_winters(x[5m], 0.5, 0.5) > 1' }),
    )] });
  });

  it('reports syntax and type errors with Prometheus messages', () => {
    expectInvalid(check, { modules: [group(
      alert({ name: 'A', expr: 'sum(rate(x[5m])' }),
      alert({ name: 'B', expr: 'rate(x)' }),
      record({ name: 'r', expr: '' }),
    )] }, [
      'unclosed left parenthesis (in alert "A")',
      'expected type range vector in call to function "rate", got instant vector (in alert "B")',
      'recording rule "r" has an empty expression',
    ]);
  });

  it('judges by the target version', () => {
    expectInvalid(check, { modules: [group(alert({ name: 'A', expr: 'rate(x[300])' }))], target: '2.42' }, ['missing unit character in duration']);
    expectValid(check, { modules: [group(alert({ name: 'A', expr: 'rate(x[300])' }))], target: '3.0' });
    expectInvalid(check, { modules: [group(alert({ name: 'A', expr: 'holt_winters(x[5m], 0.5, 0.5)' }))], target: '3.0' }, ['unknown function with name "holt_winters"']);
  });

  it('locates an error inside the expression at the line and column the author wrote it', () => {
    const ds = expectInvalid(check, { modules: [group(
      alert({ name: 'A', expr: 'sum(x) / on(a) group_left(a) y' }),
    )] }, ['must not occur in ON and GROUP clause']);
    const loc = ds[0]?.location;
    expect(loc?.file).toBe('test/lint/checks/promql/syntax.test.ts');
    // Prometheus reports this error at the operator: the `/` inside the string literal above.
    const src = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
    const lineIndex = src.findIndex((l) => l.includes("expr: 'sum(x) / on(a)"));
    expect(loc?.line).toBe(lineIndex + 1);
    expect(loc?.column).toBe((src[lineIndex] ?? '').indexOf("sum(x) / on(a)") + 'sum(x) '.length + 1);
  });
});
