/**
 * What every factory does: stamp the kind and the author's call site, copy and freeze. Validation
 * happens in the build's checks, so every problem of a run is reported at once with its location
 * instead of the first one aborting the import.
 */
import { captureCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';

export type Site = SourceLocation | undefined;

/** Copies arrays one level deep and freezes them, so a definition cannot change after it is made. */
function frozenCopy<T extends object>(spec: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? Object.freeze([...(v as unknown[])]) : v;
  }
  return out as T;
}

export function stampAt<K extends string, S extends object>(
  site: Site,
  kind: K,
  spec: S,
): S & { readonly kind: K; readonly site?: SourceLocation } {
  return Object.freeze({ ...frozenCopy(spec), kind, ...(site ? { site } : {}) });
}

/** The author's call site of the factory that calls this. */
export function authorSite(): Site {
  return captureCallSite();
}

export function stamp<K extends string, S extends object>(
  kind: K,
  spec: S,
): S & { readonly kind: K; readonly site?: SourceLocation } {
  return stampAt(captureCallSite(), kind, spec);
}
