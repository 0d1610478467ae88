/** `slo({...})`: stamps the kind and the author's call site and freezes, like the rule factories. */
import { captureCallSite } from '../core/call-site.ts';
import type { Slo, SloSpec } from './types.ts';

/**
 * A service level objective. Export it from a module under slos/ and the build generates its
 * rules, alerts, tests and dashboard row; problems are reported at this call.
 */
export function slo(spec: SloSpec): Slo {
  const site = captureCallSite();
  return Object.freeze({ ...spec, kind: 'slo' as const, ...(site ? { site } : {}) });
}

export function isSlo(v: unknown): v is Slo {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'slo';
}
