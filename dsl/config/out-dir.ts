/**
 * Which folders `outDir` may name. The build replaces outDir as a whole, so it must be a folder of
 * its own inside the project: not the project, not a folder that holds the project, definitions,
 * obs's library, dependencies or version control, and nothing outside the project.
 */
import { posix } from 'node:path';

/** Folders of tools, dependencies and version control: never build output. */
const RESERVED = ['.git', '.hg', '.svn', '.jj', 'node_modules', 'dsl'];

export interface OutDirRule {
  /** The normalized outDir (`./out/` → `out`), when it is allowed. */
  readonly outDir?: string;
  /** Why it is refused, and what to do instead. */
  readonly problem?: string;
}

/** `a/./b/` → `a/b`; backslashes count as separators (a config written on Windows). */
function normalize(p: string): string {
  return posix.normalize(p.replace(/\\/g, '/')).replace(/\/+$/, '');
}

/** `inner` is `outer` or lies inside it (case-insensitively: macOS and Windows checkouts ignore case). */
function within(inner: string, outer: string): boolean {
  const i = inner.toLowerCase();
  const o = outer.toLowerCase();
  return o === '.' || i === o || i.startsWith(`${o}/`);
}

/**
 * Checks `outDir` against the project's definition folders (`paths`, project-relative).
 * Pure: whether the folder exists and is ours is decided when the build writes (see pipeline/out-dir.ts).
 */
export function checkOutDir(raw: unknown, paths: Readonly<Record<string, string>>): OutDirRule {
  const fix = "use a folder of its own inside the project, such as 'out'";
  if (typeof raw !== 'string') return { problem: `outDir must be a string; ${fix}` };
  const shown = JSON.stringify(raw);
  if (raw.trim() === '' || raw.includes('\0')) return { problem: `outDir ${shown} names no folder; ${fix}` };
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[A-Za-z]:/.test(raw) || raw.startsWith('~')) {
    return { problem: `outDir ${shown} is outside the project: every build replaces outDir as a whole; ${fix}` };
  }
  const out = normalize(raw);
  if (out === '.' || out === '') {
    return {
      problem: `outDir ${shown} is the project folder itself: every build replaces outDir as a whole and would delete the project; ${fix}`,
    };
  }
  if (out === '..' || out.startsWith('../')) {
    return {
      problem: `outDir ${shown} is outside the project (it would replace a folder holding the project or beside it); ${fix}`,
    };
  }
  const reserved = out.split('/').find((s) => RESERVED.includes(s.toLowerCase()));
  if (reserved !== undefined) {
    return {
      problem: `outDir ${shown} is ${reserved === 'dsl' ? "obs's library folder" : `a tool's folder (${reserved})`} or lies inside one: every build replaces outDir as a whole; ${fix}`,
    };
  }
  for (const [key, path] of Object.entries(paths)) {
    const p = normalize(path);
    // Definitions kept at the project root (`'.'`) hold every folder: only the reverse matters there.
    if (p !== '.' && within(out, p))
      return {
        problem: `outDir ${shown} is or lies inside the definitions folder paths.${key} (${JSON.stringify(path)}): every build replaces outDir as a whole; ${fix}`,
      };
    if (within(p, out))
      return {
        problem: `outDir ${shown} holds the definitions folder paths.${key} (${JSON.stringify(path)}): every build replaces outDir as a whole; ${fix}`,
      };
  }
  return { outDir: out };
}
