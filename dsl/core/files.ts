/** Paths and directory trees as the build, the diff and the reports use them: relative, with `/`. */
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `to` relative to `from`, with `/` on every platform. */
export function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/**
 * Every regular file below `dir` (none when it does not exist), keyed by its path relative to
 * `dir`, sorted. Symbolic links are not followed and FIFOs, sockets and devices not read: a
 * generated tree holds none, and reading one could hang or never end.
 */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return out;
  const visit = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const p = join(abs, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.set(posixRelative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  visit(dir);
  return out;
}

/**
 * Writes a cache file whole, then renames it into place: another obs process reading it never sees
 * half of it. A failed write leaves no temporary file behind and throws.
 */
export function writeWhole(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder may refuse this too: the write's own error is the one to report.
    }
    throw e;
  }
}
