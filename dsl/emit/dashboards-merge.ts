/** The escape hatch applied: `extra` deep-merged over emitted JSON (objects merge, anything else replaces). */
import { isJsonObject, type JsonObject } from '../dashboard/index.ts';

export type MutableJson = Record<string, unknown>;

const isPlainObject = (v: unknown): v is MutableJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `extra` into `target` in place (`target` is always a fresh object of this emit). */
export function mergeExtra(target: MutableJson, extra: JsonObject | undefined): void {
  if (!extra) return;
  for (const [k, v] of Object.entries(extra)) {
    const cur = target[k];
    if (isJsonObject(v) && isPlainObject(cur)) mergeExtra(cur, v);
    else target[k] = isJsonObject(v) || Array.isArray(v) ? (JSON.parse(JSON.stringify(v)) as unknown) : v;
  }
}

/** A detached, function-free copy of what a builder built (the SDK hands out its internals). */
export function detach<T>(built: T): MutableJson {
  return JSON.parse(JSON.stringify(built)) as MutableJson;
}
