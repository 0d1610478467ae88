/**
 * Writing out/ atomically: the new tree is written beside it and swapped in with renames, so a
 * failed or interrupted build never leaves a half-written out/. Files not produced by this build
 * (stale ones) disappear with the old tree.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTree } from '../core/files.ts';
import type { Artifact } from '../emit/index.ts';

export interface TreeDiff {
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
}

export function diffTree(current: Map<string, string>, files: readonly Artifact[]): TreeDiff {
  const changed: string[] = [];
  const added: string[] = [];
  const wanted = new Set<string>();
  for (const f of files) {
    wanted.add(f.path);
    const have = current.get(f.path);
    if (have === undefined) added.push(f.path);
    else if (have !== f.content) changed.push(f.path);
  }
  const removed = [...current.keys()].filter((p) => !wanted.has(p)).sort();
  return { changed, added, removed };
}

export function isClean(d: TreeDiff): boolean {
  return d.changed.length === 0 && d.added.length === 0 && d.removed.length === 0;
}

/** Replaces `outDir` with exactly `files`. Returns the differences it made. */
export function writeOutDir(outDir: string, files: readonly Artifact[]): TreeDiff {
  const diff = diffTree(readTree(outDir), files);
  if (isClean(diff)) return diff;
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.obs-tmp-${stamp}`);
  const old = join(parent, `.obs-old-${stamp}`);
  try {
    for (const f of files) {
      const p = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
    }
    if (files.length === 0) mkdirSync(tmp, { recursive: true });
    const hadOut = existsSync(outDir);
    if (hadOut) renameSync(outDir, old);
    try {
      renameSync(tmp, outDir);
    } catch (e) {
      if (hadOut) renameSync(old, outDir);
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return diff;
}
