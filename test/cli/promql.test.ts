import { describe, expect, it } from 'vitest';
import { runObs } from '../helpers/cli.ts';

describe('obs promql', () => {
  it('writes one JSON object per non-empty input line, in order, and exits 1 when one is invalid', async () => {
    const r = await runObs(['promql', '--json', '--target', '2.42'], {
      stdin: 'sum by (job) (rate(http_requests_total{job="api"}[5m]))\n\n   \nrate(foo)\n{__name__="up", job="x"} == 0\r\n',
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { expr: 'sum by (job) (rate(http_requests_total{job="api"}[5m]))', valid: true, errors: [], metrics: ['http_requests_total'] },
      { expr: 'rate(foo)', valid: false, errors: [{ message: 'expected type range vector in call to function "rate", got instant vector', line: 1, column: 6 }], metrics: ['foo'] },
      { expr: '{__name__="up", job="x"} == 0', valid: true, errors: [], metrics: ['up'] },
    ]);
  });

  it('exits 0 when every expression is valid', async () => {
    const r = await runObs(['promql', '--json'], { stdin: 'up\nsum(rate(x[5m]))\n' });
    expect(r.code).toBe(0);
  });

  it('prints a readable report with a caret under each error', async () => {
    const r = await runObs(['promql', '--target', '2.42'], { stdin: 'up == 1\nsum(rate(x[5m])\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      'ok      up == 1',
      'invalid sum(rate(x[5m])',
      '  1:16: unclosed left parenthesis',
      '  sum(rate(x[5m])',
      '                 ^',
      '',
      '2 expression(s), 1 invalid',
      '',
    ].join('\n'));
  });

  it('judges by --target and --feature', async () => {
    const old = await runObs(['promql', '--json', '--target', '2.42'], { stdin: 'rate(x[300])\n' });
    const now = await runObs(['promql', '--json', '--target', '3.0'], { stdin: 'rate(x[300])\n' });
    expect([old.code, now.code]).toEqual([1, 0]);
    const exp = await runObs(['promql', '--json', '--target', '3.5'], { stdin: 'mad_over_time(x[5m])\n' });
    const enabled = await runObs(['promql', '--json', '--target', '3.5', '--feature', 'promql-experimental-functions'], { stdin: 'mad_over_time(x[5m])\n' });
    expect([exp.code, enabled.code]).toEqual([1, 0]);
  });

  it('substitutes Grafana variables with --grafana and reports positions in the original text', async () => {
    const r = await runObs(['promql', '--json', '--grafana', '--target', '2.42'], {
      stdin: 'sum by ($label) (rate(x{job=~"$job"}[$__rate_interval]))\nrate(x{job="$job"}[$__interval]) +\n',
    });
    const [ok, bad] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { valid: boolean; errors: { column: number }[] });
    expect(ok?.valid).toBe(true);
    expect(bad?.errors[0]?.column).toBe('rate(x{job="$job"}[$__interval]) +'.length + 1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runObs(['promql', '--target', '1.0'])).code).toBe(2);
    expect((await runObs(['promql', '--nope'])).code).toBe(2);
    expect((await runObs(['promql', '--feature', 'no-such-flag'])).code).toBe(2);
    expect((await runObs(['frobnicate'])).code).toBe(2);
  });

  it('answers hostile input with an error, not a crash or a hang', async () => {
    const inputs = [
      '('.repeat(1 << 20),
      `${'('.repeat(300_000)}x${')'.repeat(300_000)}`,
      // 200,000 operands ending in a dangling operator: `a+…+a` itself is valid (promtool 2.42 accepts it)
      `${'a+'.repeat(200_000)}`,
      `sum(${'rate('.repeat(50_000)}`,
      `{a="${'x'.repeat(1_000_000)}`,
    ];
    const started = Date.now();
    const r = await runObs(['promql', '--json'], { stdin: `${inputs.join('\n')}\n` });
    expect(r.code).toBe(1);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { valid: boolean; errors: { message: string }[] });
    expect(results).toHaveLength(inputs.length);
    // 300,000 parentheses around a name are valid PromQL (promtool accepts them); the rest are not.
    expect(results.map((res) => res.valid)).toEqual([false, true, false, false, false]);
    for (const res of results.filter((x) => !x.valid)) expect(res.errors[0]?.message.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
