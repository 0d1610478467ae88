import { describe, expect, it } from 'vitest';
import { atCallSite, captureCallSite } from '../../dsl/core/call-site.ts';
import { alert } from '../../dsl/index.ts';

const HERE = { file: 'slos/api.ts', line: 12, column: 3 };
const INNER = { file: 'slos/inner.ts', line: 1, column: 1 };

describe('definitions obs generates from one written definition', () => {
  it('are placed where that definition was written, without looking at the stack', () => {
    const a = atCallSite(HERE, () => alert({ name: 'Generated', expr: 'up == 0' }));
    expect(a.site).toEqual(HERE);
  });

  it('nest, and the outer placement comes back after the inner one, also after a throw', () => {
    atCallSite(HERE, () => {
      expect(atCallSite(INNER, () => captureCallSite())).toEqual(INNER);
      expect(() => atCallSite(INNER, () => { throw new Error('boom'); })).toThrow('boom');
      expect(captureCallSite()).toEqual(HERE);
    });
    expect(atCallSite(undefined, () => captureCallSite())).toBeUndefined();
    expect(captureCallSite()).not.toEqual(HERE);
  });
});
