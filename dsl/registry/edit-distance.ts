/** "Did you mean": edit distance (a swap of two neighbours counts as one edit) and the closest names. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows: the one before the previous is what a swap of neighbours looks back to.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Past the bound the exact distance does not matter, only that it is too far.
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
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
export function suggester(candidates: Iterable<string>, limit = 3): (name: string) => string[] {
  const byLength = new Map<number, string[]>();
  for (const c of new Set(candidates)) {
    const list = byLength.get(c.length);
    if (list) list.push(c);
    else byLength.set(c.length, [c]);
  }
  const answers = new Map<string, string[]>();
  return (name) => {
    let answer = answers.get(name);
    if (answer) return [...answer];
    const budget = suggestionBudget(name);
    const hits: [string, number][] = [];
    for (let len = name.length - budget; len <= name.length + budget; len++) {
      for (const c of byLength.get(len) ?? []) {
        if (c === name) continue;
        const d = editDistance(name, c, budget);
        if (d <= budget) hits.push([c, d]);
      }
    }
    answer = hits.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).slice(0, limit).map(([c]) => c);
    answers.set(name, answer);
    return [...answer];
  };
}

/** Candidates within the budget, closest first (ties by name), at most `limit`. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  return suggester(candidates, limit)(name);
}
