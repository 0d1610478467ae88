/** "Did you mean": edit distance (a swap of two neighbours counts as one edit) and the closest names. */

/** Three rows of the distance table, reused from one comparison to the next by one suggester. */
interface Rows {
  rows: [Int32Array, Int32Array, Int32Array];
}

function rowsFor(scratch: Rows, length: number): [Int32Array, Int32Array, Int32Array] {
  if (scratch.rows[0].length < length)
    scratch.rows = [new Int32Array(length), new Int32Array(length), new Int32Array(length)];
  return scratch.rows;
}

/**
 * The distance when it is at most `max`, else `max + 1`. Only the cells within `max` of the
 * diagonal are computed (a path of at most `max` edits never leaves that band), in three rolling
 * rows: the one before the previous is what a swap of neighbours looks back to.
 */
function boundedDistance(a: string, b: string, max: number, scratch: Rows): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const k = Math.min(max, Math.max(n, m));
  const far = k + 1;
  let [prev2, prev, cur] = rowsFor(scratch, m + 2);
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : far;
  if (m + 1 < prev.length) prev[m + 1] = far;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[0] = i <= k ? i : far;
    let rowMin = lo === 1 ? cur[0] : far;
    const ca = a.charCodeAt(i - 1);
    const pa = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      if (j > lo || lo === 1) {
        const left = cur[j - 1]! + 1;
        if (left < v) v = left;
      }
      if (j > 1 && ca === b.charCodeAt(j - 2) && pa === cb) {
        const swap = prev2[j - 2]! + 1;
        if (swap < v) v = swap;
      }
      if (v > far) v = far;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The cell right of the band is read as "above" by the next row: out of reach.
    if (hi < m) cur[hi + 1] = far;
    // Past the bound the exact distance does not matter, only that it is too far.
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[m]!;
  return d > max ? max + 1 : d;
}

export function editDistance(a: string, b: string, max = Infinity): number {
  return boundedDistance(a, b, max, { rows: [new Int32Array(0), new Int32Array(0), new Int32Array(0)] });
}

/** How far a name may be from a candidate to be offered: a typo, not a different word. */
export function suggestionBudget(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 12 ? 2 : 3;
}

/**
 * Suggestions from one fixed set of candidates, for many misspelt names: the candidates are
 * grouped by length once (a name is only compared with those its budget can reach) and each
 * name's answer is kept. A big rule file misspells the same few metrics thousands of times.
 */
/**
 * Pieces of `name` of which a candidate within `budget` edits contains at least one as it is: an
 * edit (a swap of neighbours included) breaks at most two of 2 × budget + 1 contiguous pieces, so
 * one is left whole. Undefined when the name is too short to cut that many pieces.
 */
function wholePieces(name: string, budget: number): { text: string; at: number }[] | undefined {
  const count = 2 * budget + 1;
  if (name.length < count) return undefined;
  const pieces: { text: string; at: number }[] = [];
  for (let p = 0; p < count; p++) {
    const at = Math.floor((p * name.length) / count);
    pieces.push({ text: name.slice(at, Math.floor(((p + 1) * name.length) / count)), at });
  }
  return pieces;
}

/**
 * Whether `c` holds one of the pieces where an intact piece can be: the edits before it insert or
 * delete at most `budget` characters, so it starts at most that far from where it is in the name.
 * (Anywhere in `c` let through a candidate for every common prefix or suffix: `node_`, `_total`.)
 */
function holdsPiece(c: string, pieces: readonly { text: string; at: number }[], budget: number): boolean {
  for (const p of pieces) {
    const i = c.indexOf(p.text, Math.max(0, p.at - budget));
    if (i >= 0 && i <= p.at + budget) return true;
  }
  return false;
}

/**
 * The characters of one name counted, to rule candidates out by their characters alone: an edit
 * (a swap included) changes at most one character of each side's multiset, so more than `budget`
 * characters without a partner on either side (the bag distance) is more than `budget` edits.
 * Codes share buckets (mod 128): merged buckets only lower that count, so it stays a lower bound.
 */
class CharCounts {
  readonly #counts = new Int32Array(128);
  #length = 0;

  of(name: string): this {
    this.#counts.fill(0);
    for (let i = 0; i < name.length; i++) this.#counts[name.charCodeAt(i) & 127]!++;
    this.#length = name.length;
    return this;
  }

  /** Whether the bag distance between the counted name and `c` exceeds `budget`. */
  beyond(c: string, budget: number): boolean {
    const counts = this.#counts;
    let unmatchedName = this.#length;
    let unmatchedC = 0;
    let i = 0;
    for (; i < c.length; i++) {
      const h = c.charCodeAt(i) & 127;
      if (counts[h]! > 0) unmatchedName--;
      else unmatchedC++;
      counts[h]!--;
      if (unmatchedC > budget) {
        i++;
        break;
      }
    }
    // Put back what was taken (the characters up to where it stopped).
    for (let j = 0; j < i; j++) counts[c.charCodeAt(j) & 127]!++;
    return unmatchedC > budget || unmatchedName > budget;
  }
}

/** Length of the pieces the trigram index finds candidates by. */
const GRAM = 3;

/**
 * The trigram of `s` at `at` as an index key: three ASCII characters as one small integer (no
 * string made per trigram: the index of 20,000 recorded names held half a million), others as text.
 */
function gramKey(s: string, at: number): number | string {
  const a = s.charCodeAt(at);
  const b = s.charCodeAt(at + 1);
  const c = s.charCodeAt(at + 2);
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : s.slice(at, at + GRAM);
}

/**
 * The candidates holding the trigram of `piece` that fewest candidates hold: a candidate holding
 * the piece holds each of its trigrams (the first one was often `nod` or `_to`).
 */
function rarestGram(index: ReadonlyMap<number | string, readonly number[]>, piece: string): readonly number[] {
  let best: readonly number[] | undefined;
  for (let at = 0; at + GRAM <= piece.length; at++) {
    const list = index.get(gramKey(piece, at)) ?? [];
    if (!best || list.length < best.length) best = list;
    if (best.length === 0) break;
  }
  return best ?? [];
}

/** The hint naming the closest candidates `suggester` or `closest` found: `did you mean "a" or "b"?`. */
export function didYouMean(names: readonly string[]): string {
  return `did you mean ${names.map((n) => JSON.stringify(n)).join(' or ')}?`;
}

export function suggester(candidates: Iterable<string>, limit = 3): (name: string) => string[] {
  const all = [...new Set(candidates)];
  const byLength = new Map<number, string[]>();
  for (const c of all) {
    const list = byLength.get(c.length);
    if (list) list.push(c);
    else byLength.set(c.length, [c]);
  }
  // Candidates by the trigrams they contain (built on the first name with long enough pieces): a
  // candidate holding a piece holds its first trigram, so the lists of the pieces' first trigrams
  // hold every candidate the substring search would keep. Scanning every candidate of a near length
  // for each piece was most of "did you mean" on real rule files (thousands of registered names).
  let grams: Map<number | string, number[]> | undefined;
  const gramIndex = (): Map<number | string, number[]> => {
    if (grams) return grams;
    const index = new Map<number | string, number[]>();
    for (let i = 0; i < all.length; i++) {
      const c = all[i]!;
      for (let at = 0; at + GRAM <= c.length; at++) {
        const g = gramKey(c, at);
        const list = index.get(g);
        if (!list) index.set(g, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    return (grams = index);
  };
  const marks = new Uint32Array(all.length);
  let stamp = 0;
  const answers = new Map<string, string[]>();
  const scratch: Rows = { rows: [new Int32Array(0), new Int32Array(0), new Int32Array(0)] };
  const chars = new CharCounts();
  return (name) => {
    let answer = answers.get(name);
    if (answer) return [...answer];
    const budget = suggestionBudget(name);
    const hits: [string, number][] = [];
    chars.of(name);
    const consider = (c: string): void => {
      if (chars.beyond(c, budget)) return;
      const d = boundedDistance(name, c, budget, scratch);
      if (d <= budget) hits.push([c, d]);
    };
    // A substring search per piece is far cheaper than the distance, and rules out most candidates.
    const pieces = wholePieces(name, budget);
    if (pieces && pieces.every((p) => p.text.length >= GRAM)) {
      if (++stamp === 0xffffffff) (marks.fill(0), (stamp = 1));
      const index = gramIndex();
      for (const p of pieces) {
        for (const i of rarestGram(index, p.text)) {
          if (marks[i] === stamp) continue;
          marks[i] = stamp;
          const c = all[i]!;
          if (Math.abs(c.length - name.length) > budget || c === name || !holdsPiece(c, pieces, budget)) continue;
          consider(c);
        }
      }
    } else {
      for (let len = name.length - budget; len <= name.length + budget; len++) {
        for (const c of byLength.get(len) ?? []) {
          if (c === name || (pieces && !holdsPiece(c, pieces, budget))) continue;
          consider(c);
        }
      }
    }
    answer = hits
      .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, limit)
      .map(([c]) => c);
    answers.set(name, answer);
    return [...answer];
  };
}

/** Candidates within the budget, closest first (ties by name), at most `limit`. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  return suggester(candidates, limit)(name);
}
