/**
 * Which obs projects the editor's workspace folders hold, and which project a file belongs to.
 *
 * A project is a directory with an `obs.config.ts`, in a workspace folder or below it (a monorepo
 * may hold several); a folder with no `obs.config.ts` anywhere is a project with the default
 * settings when it has one of obs's definition folders (`registry/`, `alerts/`, `recording/`,
 * `dashboards/`, `slos/`). A file belongs to the innermost project around it; a file outside every
 * project gets no obs feature (and no error).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const CONFIG = 'obs.config.ts';
const DEFINITION_DIRS = ['registry', 'alerts', 'recording', 'dashboards', 'slos'];
/** How deep below a workspace folder a nested project's obs.config.ts is looked for. */
const MAX_DEPTH = 3;
const SKIP = new Set(['node_modules', 'out', 'dist', 'build', 'coverage']);

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The project roots in one workspace folder (absolute paths), outermost first. */
export function projectRoots(folder: string): string[] {
  const root = resolve(folder);
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (existsSync(join(dir, CONFIG))) found.push(dir);
    if (depth >= MAX_DEPTH) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      if (e.startsWith('.') || SKIP.has(e)) continue;
      const p = join(dir, e);
      if (isDir(p)) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  if (found.length === 0 && DEFINITION_DIRS.some((d) => isDir(join(root, d)))) found.push(root);
  return found;
}

/** The innermost of `roots` that holds `path`, with the path relative to it (`/`-separated). */
export function projectOf(
  roots: readonly string[],
  path: string,
): { readonly root: string; readonly file: string } | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const rel = relative(r, path);
    if (rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) continue;
    if (best === undefined || r.length > best.length) best = r;
  }
  return best === undefined ? undefined : { root: best, file: relative(best, path).split(sep).join('/') };
}
