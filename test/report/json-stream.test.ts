import { describe, expect, it } from 'vitest';
import { JsonItems, jsonPieces } from '../../dsl/report/json-stream.ts';

const joined = (v: unknown): string => [...jsonPieces(v)].join('');

describe('jsonPieces', () => {
  // Items are turned into text a chunk at a time, cut out of one JSON.stringify per chunk: the
  // text must be JSON.stringify(value, null, 2) at every depth, chunk boundary and item kind.
  const item = (i: number): unknown =>
    i % 7 === 0
      ? undefined
      : i % 5 === 0
        ? [i, 'a\nb', { deep: [] }]
        : i % 3 === 0
          ? `text "${i}" ü \ud800`
          : { i, s: `{"x": [${i}]}`, nested: { list: [1, { y: null }], empty: {} } };
  const plain = (n: number): unknown[] => Array.from({ length: n }, (_, i) => item(i)).map((x) => x ?? null);

  for (const n of [0, 1, 255, 256, 257, 600])
    it(`writes ${n} items at depths 0 to 4 as JSON.stringify does`, () => {
      const items = (): JsonItems<number> => new JsonItems(Array.from({ length: n }, (_, i) => i), item);
      expect(joined(items())).toBe(`${JSON.stringify(plain(n), null, 2)}\n`);
      expect(joined({ a: 1, list: items(), b: [] })).toBe(`${JSON.stringify({ a: 1, list: plain(n), b: [] }, null, 2)}\n`);
      expect(joined({ runs: [{ tool: 'obs', results: items() }] })).toBe(
        `${JSON.stringify({ runs: [{ tool: 'obs', results: plain(n) }] }, null, 2)}\n`,
      );
      expect(joined([[{ x: { y: items() } }]])).toBe(`${JSON.stringify([[{ x: { y: plain(n) } }]], null, 2)}\n`);
    });
});
