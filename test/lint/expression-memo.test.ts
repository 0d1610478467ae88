/** The session's memo of checked expressions: the whole input is the key, and an entry the previous run did not use goes. */
import { describe, expect, it } from 'vitest';
import { Session } from '../../dsl/core/session.ts';
import { checkedExpression } from '../../dsl/lint/expression-memo.ts';
import { checkExpression, resolveTarget } from '../../dsl/promql/index.ts';

const T3 = resolveTarget('3.5');
const T2 = resolveTarget('2.42');

describe('checkedExpression', () => {
  it('gives what checkExpression gives, for every part of the key', () => {
    const s = new Session('/tmp');
    s.beginRun();
    s.run(() => {
      for (const [text, target, grafana] of [
        ['rate(x[5m])', T3, undefined],
        ['rate(x[$__rate_interval])', T3, { kinds: {} }],
        ['info(up)', T2, undefined],
        ['info(up)', T3, undefined],
        ['sum(', T3, undefined],
      ] as const) {
        const want = checkExpression(text, grafana === undefined ? { target } : { target, grafana });
        expect(JSON.stringify(checkedExpression(text, target, grafana)), `${text} for ${target.major}.${target.minor}`).toBe(JSON.stringify(want));
      }
    });
  });

  it('hands back the same result within a session, and drops what the previous run did not use', () => {
    const s = new Session('/tmp');
    const run = (text: string): object => {
      s.beginRun();
      return s.run(() => checkedExpression(text, T3));
    };
    const a = run('sum(rate(a[5m]))');
    expect(run('sum(rate(a[5m]))'), 'used by the previous run: kept').toBe(a);
    expect(run('sum(rate(a[5m]))')).toBe(a);
    run('b');
    expect(run('sum(rate(a[5m]))'), 'not used by the previous run: parsed again').not.toBe(a);
  });

  it('outside a session, computes every time (nothing is kept)', () => {
    expect(checkedExpression('up', T3)).not.toBe(checkedExpression('up', T3));
  });
});
