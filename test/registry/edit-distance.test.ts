import { describe, expect, it } from 'vitest';
import { closest, editDistance, suggester } from '../../dsl/registry/index.ts';
import { suggestionBudget } from '../../dsl/registry/edit-distance.ts';
import { mulberry32 } from '../helpers/prng.ts';

/** The answer spelled out: every candidate measured without a bound, filtered, sorted. */
function bruteForce(name: string, candidates: readonly string[], limit = 3): string[] {
  const budget = suggestionBudget(name);
  return [...new Set(candidates)]
    .filter((c) => c !== name)
    .map((c) => [c, editDistance(c, name)] as const)
    .filter(([, d]) => d <= budget)
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([c]) => c);
}

describe('edit distance for "did you mean"', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('http_requests_total', 'http_requests_total')).toBe(0);
    expect(editDistance('htpt_requests_total', 'http_requests_total')).toBe(1);
    expect(editDistance('node_laod1', 'node_load1')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('stops at the bound and answers bound + 1 for anything farther', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 3)).toBe(4);
    expect(editDistance('node_load1', 'node_load15', 2)).toBe(1);
  });

  it('suggests the same names as measuring every candidate, on 2,000 random misspellings', () => {
    const rand = mulberry32(7);
    const alphabet = 'abcde_';
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const candidates = Array.from({ length: 400 }, () => word(2 + Math.floor(rand() * 14)));
    const suggest = suggester(candidates);
    for (let i = 0; i < 2000; i++) {
      const base = candidates[Math.floor(rand() * candidates.length)] ?? '';
      const cut = Math.floor(rand() * (base.length + 1));
      const name = rand() < 0.5 ? base.slice(0, cut) + word(1) + base.slice(cut + 1) : word(2 + Math.floor(rand() * 14));
      expect(suggest(name), name).toEqual(bruteForce(name, candidates));
    }
  });

  it('orders by distance, then by name, and keeps at most the limit', () => {
    const names = ['node_load15', 'node_load1', 'node_load5', 'node_loadx1', 'node_lod1'];
    expect(closest('node_laod1', names)).toEqual(['node_load1', 'node_lod1', 'node_load15']);
    expect(closest('node_laod1', names, 1)).toEqual(['node_load1']);
    expect(closest('zzzz_zzzz', names)).toEqual([]);
  });

  it('hands out a fresh list for a remembered name, so a caller changing it changes nothing', () => {
    const suggest = suggester(['node_load1', 'node_load5']);
    suggest('node_laod1').push('changed');
    expect(suggest('node_laod1')).toEqual(['node_load1', 'node_load5']);
  });
});
