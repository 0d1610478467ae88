import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../dsl/core/call-site.ts';

describe('reading a frame of a V8 stack trace', () => {
  it('reads file URLs and absolute paths, named, anonymous and async frames', () => {
    expect(parseFrame('    at ruleGroup (file:///tmp/p/alerts/a.ts:3:14)')).toEqual({ file: '/tmp/p/alerts/a.ts', line: 3, column: 14 });
    expect(parseFrame('    at file:///tmp/p/alerts/a.ts:7:1')).toEqual({ file: '/tmp/p/alerts/a.ts', line: 7, column: 1 });
    expect(parseFrame('    at async file:///tmp/p/alerts/a.ts:7:1')).toEqual({ file: '/tmp/p/alerts/a.ts', line: 7, column: 1 });
    expect(parseFrame('    at Object.<anonymous> (/tmp/p/lib/x.ts:10:5)')).toEqual({ file: '/tmp/p/lib/x.ts', line: 10, column: 5 });
  });

  it('takes no part of a node: frame for a path (it once read "/streams/readable" out of one)', () => {
    expect(parseFrame('    at addChunk (node:internal/streams/readable:561:12)')).toBeUndefined();
    expect(parseFrame('    at node:internal/modules/esm/module_job:271:25')).toBeUndefined();
    expect(parseFrame('    at async Promise.all (index 0)')).toBeUndefined();
  });
});
