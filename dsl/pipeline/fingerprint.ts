/**
 * A cheap fingerprint of a directory tree: every file's path, size and modification time (no
 * contents read), so deciding that nothing changed costs a walk of stat calls.
 */
import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface TreeOptions {
  /** Absolute paths of directories to leave out. */
  readonly skip?: readonly string[];
}

export interface Fingerprint {
  readonly hash: string;
  /**
   * Every modification time is a whole second: a file system (FAT, HFS+, some network mounts)
   * whose timestamps cannot tell apart two same-size edits made within a second.
   */
  readonly coarse: boolean;
}

export function treeFingerprint(root: string, opts: TreeOptions = {}): Fingerprint {
  const skip = new Set(opts.skip ?? []);
  const h = createHash('sha256');
  let files = 0;
  let fine = 0;
  // Symlinked folders are followed (definitions may live in a linked folder), each real folder once.
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    let entries;
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (skip.has(p)) continue;
      let s;
      try {
        s = statSync(p, { throwIfNoEntry: false });
      } catch {
        // a link loop, a link into a folder we may not read: counted by name, never followed
        h.update(`${relative(root, p)}\u0000unreadable\n`);
        continue;
      }
      if (!s) continue;
      if (s.isDirectory()) walk(p);
      else {
        h.update(`${relative(root, p)}\u0000${s.size}\u0000${s.mtimeMs}\n`);
        files++;
        if (s.mtimeMs % 1000 !== 0) fine++;
      }
    }
  };
  walk(root);
  return { hash: h.digest('hex'), coarse: files > 0 && fine === 0 };
}
