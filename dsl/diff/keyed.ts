/** Keyed entity diffing (cloudformation-diff's `diffKeyedEntities`): pair entities by key, in sorted key order. */

export interface Keyed<T> {
  readonly added: [string, T][];
  readonly removed: [string, T][];
  readonly common: [string, T, T][];
}

export function diffKeyed<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>): Keyed<T> {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: Keyed<T> = { added: [], removed: [], common: [] };
  for (const k of keys) {
    const a = before.get(k);
    const b = after.get(k);
    if (a !== undefined && b !== undefined) out.common.push([k, a, b]);
    else if (a !== undefined) out.removed.push([k, a]);
    else if (b !== undefined) out.added.push([k, b]);
  }
  return out;
}

/** Per-key changes of two string maps (labels, annotations) as `prefix.key` fields. */
export function diffRecords(
  prefix: string,
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): { field: string; before?: string; after?: string }[] {
  const out: { field: string; before?: string; after?: string }[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    out.push({
      field: `${prefix}.${k}`,
      ...(x !== undefined ? { before: x } : {}),
      ...(y !== undefined ? { after: y } : {}),
    });
  }
  return out;
}
