/**
 * Pairing the entities of two versions by what they are, never by array position or generated id.
 *
 * Stages, in order, each on what earlier stages left unpaired:
 * 1. exact keys, strongest first (e.g. row + type + title + queries, then row + type + title, then
 *    type + queries): a key pairs entities when it occurs as often before as after (then in order;
 *    a key repeated unevenly is ambiguous and left to the next stage);
 * 2. similarity: every remaining pair is scored (0..1, the caller's documented score), and pairs are
 *    taken best first while the score reaches the threshold.
 * What is left is removed (before) or added (after).
 */

export interface MatchStage<T> {
  /** What the pair is called when found by this stage (e.g. `same`, `renamed`). */
  readonly name: string;
  /** The key; undefined leaves the entity out of this stage. */
  readonly key: (t: T) => string | undefined;
}

export interface MatchOptions<T> {
  readonly stages: readonly MatchStage<T>[];
  /** Similarity of a remaining pair, 0..1. */
  readonly similarity?: (a: T, b: T) => number;
  /** Lowest similarity that still pairs (default 0.5). */
  readonly threshold?: number;
}

export interface Match<T> {
  readonly pairs: { readonly before: T; readonly after: T; readonly stage: string; readonly score: number }[];
  readonly removed: T[];
  readonly added: T[];
}

/** The similarity stage compares at most this many pairs (a 1,000 × 1,000 rewrite is reported as removals and additions). */
const MAX_SIMILARITY_PAIRS = 250_000;

export function matchEntities<T>(before: readonly T[], after: readonly T[], opts: MatchOptions<T>): Match<T> {
  const pairs: Match<T>['pairs'] = [];
  let restA = [...before];
  let restB = [...after];
  for (const stage of opts.stages) {
    const byKey = (items: readonly T[]): Map<string, T[]> => {
      const m = new Map<string, T[]>();
      for (const t of items) {
        const k = stage.key(t);
        if (k !== undefined) m.set(k, [...(m.get(k) ?? []), t]);
      }
      return m;
    };
    const a = byKey(restA);
    const b = byKey(restB);
    const used = new Set<T>();
    for (const [k, xs] of a) {
      const ys = b.get(k);
      if (!ys || ys.length !== xs.length) continue;
      xs.forEach((x, i) => {
        const y = ys[i] as T;
        pairs.push({ before: x, after: y, stage: stage.name, score: 1 });
        used.add(x).add(y);
      });
    }
    restA = restA.filter((t) => !used.has(t));
    restB = restB.filter((t) => !used.has(t));
  }
  if (opts.similarity && restA.length && restB.length && restA.length * restB.length <= MAX_SIMILARITY_PAIRS) {
    const threshold = opts.threshold ?? 0.5;
    const scored: { i: number; j: number; s: number }[] = [];
    restA.forEach((x, i) =>
      restB.forEach((y, j) => {
        const s = opts.similarity?.(x, y) ?? 0;
        if (s >= threshold) scored.push({ i, j, s });
      }),
    );
    // Best first; ties keep document order, so equal candidates pair in order.
    scored.sort((p, q) => q.s - p.s || p.i - q.i || p.j - q.j);
    const ui = new Set<number>();
    const uj = new Set<number>();
    for (const { i, j, s } of scored) {
      if (ui.has(i) || uj.has(j)) continue;
      ui.add(i);
      uj.add(j);
      pairs.push({ before: restA[i] as T, after: restB[j] as T, stage: 'similar', score: s });
    }
    restA = restA.filter((_, i) => !ui.has(i));
    restB = restB.filter((_, j) => !uj.has(j));
  }
  return { pairs, removed: restA, added: restB };
}

/** Jaccard index of two sets (1 when both are empty). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Words of a title or text, lower case: `Error rate (5m)` → {error, rate, 5m}. */
export function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}.%$_:-]+/u)
      .filter(Boolean),
  );
}

/**
 * Indexes (into `seq`) of one longest strictly increasing subsequence: the entities that kept their
 * order; the others moved relative to them.
 */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) out.add(i);
  return out;
}
