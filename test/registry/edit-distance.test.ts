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

/** Optimal string alignment distance over the whole table, as the textbook writes it. */
function fullTable(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `name` after `edits` + 1 random edits: a substitution, insertion, deletion or swap of neighbours each. */
function misspell(name: string, edits: number, rand: () => number, letter: () => string): string {
  for (let e = edits; e >= 0; e--) {
    const cut = Math.floor(rand() * (name.length + 1));
    const kind = Math.floor(rand() * 4);
    if (kind === 0) name = name.slice(0, cut) + letter() + name.slice(cut + 1);
    else if (kind === 1) name = name.slice(0, cut) + letter() + name.slice(cut);
    else if (kind === 2) name = name.slice(0, cut) + name.slice(cut + 1);
    else if (cut + 1 < name.length) name = name.slice(0, cut) + name[cut + 1] + name[cut] + name.slice(cut + 2);
  }
  return name;
}

describe('edit distance for "did you mean"', () => {
  it('within a bound, measures as the whole table does (only the band around the diagonal is computed)', () => {
    const rand = mulberry32(19);
    const word = (n: number): string => Array.from({ length: n }, () => 'abc_'[Math.floor(rand() * 4)]).join('');
    for (let i = 0; i < 5000; i++) {
      const a = word(Math.floor(rand() * 12));
      const b = rand() < 0.5 ? word(Math.floor(rand() * 12)) : a.slice(0, Math.floor(rand() * a.length)) + word(2) + a.slice(Math.floor(rand() * a.length));
      const exact = fullTable(a, b);
      expect(editDistance(a, b), `${a} ${b}`).toBe(exact);
      for (const max of [0, 1, 2, 3, 5]) expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(exact <= max ? exact : max + 1);
    }
  });

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

  it.each([['abcde_'], ['abcdefghijklmnopqrstuvwxyz_:0123456789']])('suggests the same names as measuring every candidate, on 2,000 random misspellings (letters %s)', (alphabet) => {
    const rand = mulberry32(7);
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const candidates = Array.from({ length: 400 }, () => word(2 + Math.floor(rand() * 14)));
    const suggest = suggester(candidates);
    for (let i = 0; i < 2000; i++) {
      const base = candidates[Math.floor(rand() * candidates.length)] ?? '';
      // One to three edits (a substitution, insertion, deletion or swap of neighbours each), or a new word.
      let name = misspell(base, Math.floor(rand() * 3), rand, () => word(1));
      if (rand() < 0.3) name = word(2 + Math.floor(rand() * 14));
      expect(suggest(name), name).toEqual(bruteForce(name, candidates));
    }
  });

  it('suggests the same names as measuring every candidate for long names (found by trigram), on 2,000 misspellings', () => {
    // Names of 21 characters or more are cut into pieces of 3 or more, looked up by their first trigram.
    const rand = mulberry32(19);
    const parts = ['node', 'kube', 'http', 'request', 'requests', 'seconds', 'total', 'bucket', 'status', 'pod', 'container', 'memory', 'bytes', 'cpu', 'usage', 'deployment', 'replicas', 'available', 'rate'];
    const pick = (): string => parts[Math.floor(rand() * parts.length)]!;
    const metric = (): string => Array.from({ length: 3 + Math.floor(rand() * 4) }, pick).join('_');
    const candidates = Array.from({ length: 1000 }, metric);
    // Every candidate measured, with the bound (tested against the whole table above) to keep it quick.
    const measured = (name: string): string[] => {
      const budget = suggestionBudget(name);
      return [...new Set(candidates)]
        .filter((c) => c !== name)
        .map((c) => [c, editDistance(c, name, budget)] as const)
        .filter(([, d]) => d <= budget)
        .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, 3)
        .map(([c]) => c);
    };
    const suggest = suggester(candidates);
    let long = 0;
    for (let i = 0; i < 2000; i++) {
      let name = candidates[Math.floor(rand() * candidates.length)] ?? '';
      for (let e = Math.floor(rand() * 4); e >= 0; e--) {
        const cut = Math.floor(rand() * (name.length + 1));
        const kind = Math.floor(rand() * 4);
        const letter = 'abcdeilnorstu_'[Math.floor(rand() * 14)]!;
        if (kind === 0) name = name.slice(0, cut) + letter + name.slice(cut + 1);
        else if (kind === 1) name = name.slice(0, cut) + letter + name.slice(cut);
        else if (kind === 2) name = name.slice(0, cut) + name.slice(cut + 1);
        else if (cut + 1 < name.length) name = name.slice(0, cut) + name[cut + 1] + name[cut] + name.slice(cut + 2);
      }
      if (name.length >= 21) long++;
      expect(suggest(name), name).toEqual(measured(name));
    }
    expect(long).toBeGreaterThan(1000);
  });

  it('suggests the same names as measuring every candidate when letters share a count bucket (code mod 128) or names share a prefix', () => {
    // Candidates are ruled out by their letters counted mod 128 and by where a piece of the name can
    // sit; 'a' and 'á' (225 = 97 + 128) share a bucket, and every name starts the same way.
    const rand = mulberry32(23);
    const letters = ['a', '\u00e1', 'b', '\u00e2', '_', 'c', '\u4e2d'];
    const word = (n: number): string => Array.from({ length: n }, () => letters[Math.floor(rand() * letters.length)]).join('');
    const candidates = Array.from({ length: 300 }, () => `node_${word(1 + Math.floor(rand() * 24))}`);
    const suggest = suggester(candidates);
    for (let i = 0; i < 1000; i++) {
      const name = misspell(candidates[Math.floor(rand() * candidates.length)] ?? '', Math.floor(rand() * 4), rand, () => word(1));
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
