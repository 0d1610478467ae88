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
      { messageId: 'invalid', message: 'unclosed left parenthesis (in alert "A")', line: 20, column: 48, text: '\'' },
      { messageId: 'invalid', message: 'expected type range vector in call to function "rate", got instant vector (in alert "B")', line: 21, column: 38, endColumn: 39, text: 'x' },
      { messageId: 'empty', message: 'recording rule "r" has an empty expression', line: 22, column: 7, text: 'record' },
    ]);
  });

  it('judges by the target version', () => {
    expectInvalid(check, { modules: [group(alert({ name: 'A', expr: 'rate(x[300])' }))], target: '2.42' }, [
      { messageId: 'invalid', message: 'missing unit character in duration', line: 31, column: 77, endColumn: 82, text: '300])' },
    ]);
    expectValid(check, { modules: [group(alert({ name: 'A', expr: 'rate(x[300])' }))], target: '3.0' });
    expectInvalid(check, { modules: [group(alert({ name: 'A', expr: 'holt_winters(x[5m], 0.5, 0.5)' }))], target: '3.0' }, [
      { messageId: 'invalid', message: 'unknown function with name "holt_winters"', line: 35, column: 70, endColumn: 82, text: 'holt_winters' },
    ]);
  });

  it('locates an error inside the expression at the line and column the author wrote it', () => {
    const ds = expectInvalid(check, { modules: [group(
      alert({ name: 'A', expr: 'sum(x) / on(a) group_left(a) y' }),
    )] }, [
      { messageId: 'invalid', message: 'must not occur in ON and GROUP clause', line: 42, column: 40, endColumn: 60, text: '/ on(a) group_left(a' },
    ]);
    const loc = ds[0]?.location;
    expect(loc?.file).toBe('test/lint/checks/promql/syntax.test.ts');
    // Prometheus reports this error at the operator: the `/` inside the string literal above.
    const src = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
    const lineIndex = src.findIndex((l) => l.includes("expr: 'sum(x) / on(a)"));
    expect(loc?.line).toBe(lineIndex + 1);
    expect(loc?.column).toBe((src[lineIndex] ?? '').indexOf("sum(x) / on(a)") + 'sum(x) '.length + 1);
  });
});
