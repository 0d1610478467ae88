/** "Did you mean": edit distance (a swap of two neighbours counts as one edit) and the closest names. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    // Past the bound the exact distance does not matter, only that it is too far.
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** How far a name may be from a candidate to be offered: a typo, not a different word. */
export function suggestionBudget(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 12 ? 2 : 3;
}

/** Candidates within the budget, closest first (ties by name), at most `limit`. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const budget = suggestionBudget(name);
  const hits: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name, c, budget);
    if (d <= budget) hits.push([c, d]);
  }
  return hits.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).slice(0, limit).map(([c]) => c);
}
