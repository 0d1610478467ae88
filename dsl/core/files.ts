/** Paths and directory trees as the build, the diff and the reports use them: relative, with `/`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `to` relative to `from`, with `/` on every platform. */
export function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/** Every file below `dir` (none when it does not exist), keyed by its path relative to `dir`, sorted. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const visit = (abs: string): void => {
    for (const e of readdirSync(abs).sort()) {
      const p = join(abs, e);
      if (statSync(p).isDirectory()) visit(p);
      else out.set(posixRelative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  visit(dir);
  return out;
}
