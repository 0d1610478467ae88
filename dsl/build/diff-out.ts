/** The library API behind `obs diff`: out/ as committed at a git ref against out/ in the working tree. */
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { diffArtifacts, readGitTree, readWorkTree, type SemanticDiff } from '../diff/index.ts';

export interface DiffOutOptions {
  readonly root: string;
  /** The git ref to compare with (default `HEAD`). */
  readonly base?: string;
}

export async function diffOut(opts: DiffOutOptions): Promise<SemanticDiff> {
  const config = await loadConfig(opts.root);
  const base = opts.base ?? 'HEAD';
  const before = readGitTree(opts.root, base, config.outDir);
  const after = readWorkTree(join(opts.root, config.outDir));
  return diffArtifacts(before, after, { base, head: 'working tree' });
}
