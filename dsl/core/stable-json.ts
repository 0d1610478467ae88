/** JSON that is byte-identical for the same input: keys sorted unless the caller orders them, 2-space indent, trailing newline. */
export function stableJson(value: unknown, sortKeys = true): string {
  return `${JSON.stringify(sortKeys ? sortDeep(value) : value, null, 2)}\n`;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
