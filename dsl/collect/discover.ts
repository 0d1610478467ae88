/** Finds the authored modules under the definition folders, in a stable order. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { posixRelative } from '../core/files.ts';

const SOURCE = /\.(ts|mts)$/;
const SKIP = /(\.d\.ts|\.test\.ts|\.spec\.ts)$/;

/** Project-relative paths (with `/`) of every `.ts` module below `dirs`, sorted. */
export function discoverModules(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (abs: string): void => {
    for (const entry of readdirSync(abs).sort()) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const p = join(abs, entry);
      const st = statSync(p);
      if (st.isDirectory()) visit(p);
      else if (SOURCE.test(entry) && !SKIP.test(entry)) out.push(posixRelative(root, p));
    }
  };
  for (const d of dirs) {
    const abs = join(root, d);
    if (existsSync(abs) && statSync(abs).isDirectory()) visit(abs);
  }
  return [...new Set(out)].sort();
}
