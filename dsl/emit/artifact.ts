import type { SourceLocation } from '../core/diagnostic.ts';

/** A generated file: a path inside out/ and its content. */
export interface Artifact {
  /** Relative to out/, with `/`, sanitized (see `safeOutPath`). */
  readonly path: string;
  readonly content: string;
  /** The definition the file comes from (a module's first rule group, a dashboard), for errors about its path. */
  readonly origin?: SourceLocation;
}

/** One file-name segment: `/` and every other character outside [A-Za-z0-9._-] become `_`. */
export function safeSegment(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Output paths come only from names we sanitize here: each segment is reduced to [A-Za-z0-9._-],
 * no segment may be empty, `.` or `..`, so nothing can escape out/.
 */
export function safeOutPath(...segments: string[]): string {
  const parts = segments
    .flatMap((s) => s.split('/'))
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+$/, '_'));
  if (parts.some((p) => p === '')) throw new Error(`internal: empty path segment in ${segments.join('/')}`);
  return parts.join('/');
}

/** A module path without its extension: `alerts/api.ts` → `alerts/api`. */
export function moduleStem(module: string): string {
  return module.replace(/\.(m?ts|js)$/, '');
}
