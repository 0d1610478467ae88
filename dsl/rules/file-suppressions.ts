/**
 * Per-file suppressions: `export const suppress = fileSuppressions([{ check, reason }])` in an
 * authored module silences those checks for everything written in that file. The reason is
 * mandatory (an empty one fails the module's import) and the build lists every suppressed problem.
 */
import { captureCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Suppression } from './types.ts';

export interface FileSuppressions {
  readonly kind: 'file-suppressions';
  readonly suppress: readonly Suppression[];
  readonly site?: SourceLocation;
}

export function fileSuppressions(suppress: readonly Suppression[]): FileSuppressions {
  for (const s of suppress) {
    if (typeof s.check !== 'string' || s.check.trim() === '')
      throw new Error('fileSuppressions: every entry needs the check id it silences');
    if (typeof s.reason !== 'string' || s.reason.trim() === '')
      throw new Error(`fileSuppressions: suppressing ${s.check} needs a reason`);
  }
  const site = captureCallSite();
  return Object.freeze({
    kind: 'file-suppressions' as const,
    suppress: Object.freeze([...suppress]),
    ...(site ? { site } : {}),
  });
}

export function isFileSuppressions(v: unknown): v is FileSuppressions {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'file-suppressions';
}
