/** The library API behind `obs diff`: out/ as committed at a git ref against out/ in the working tree. */
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { diffArtifacts, readGitTree, readWorkTree, worktreeState, type SemanticDiff } from '../diff/index.ts';

export interface DiffOutOptions {
  readonly root: string;
  /** The git ref to compare with (default `HEAD`). */
  readonly base?: string;
}

export async function diffOut(opts: DiffOutOptions): Promise<SemanticDiff> {
  const config = await loadConfig(opts.root);
  const base = opts.base ?? 'HEAD';
  const state = worktreeState(opts.root, base);
  const before = readGitTree(opts.root, base, config.outDir);
  const after = readWorkTree(join(opts.root, config.outDir));
  const out = config.outDir.replace(/\/+$/, '');
  const notes: string[] = [];
  const inOut = state.uncommitted.filter((p) => p === out || p.startsWith(`${out}/`));
  const sources = state.uncommitted.filter((p) => !(p === out || p.startsWith(`${out}/`)));
  const compared = `compared: ${out}/ in the working tree${state.uncommitted.length ? ` (uncommitted changes in ${state.uncommitted.length} ${state.uncommitted.length === 1 ? 'file' : 'files'})` : ''} with ${out}/ at ${base} (commit ${state.baseCommit})`;
  if (state.uncommitted.length || !state.baseIsHead) notes.push(compared);
  if (state.baseIsHead && !state.uncommitted.length)
    notes.push(
      `the working tree is ${base} with no uncommitted changes, so nothing differs: pass the branch to compare with, e.g. --base origin/main`,
    );
  if (sources.length && !inOut.length && state.baseIsHead)
    notes.push(
      `${sources.length} uncommitted ${sources.length === 1 ? 'file' : 'files'} outside ${out}/ (e.g. ${sources[0]}) but ${out}/ is unchanged: run obs build first if they change what it generates`,
    );
  return { ...diffArtifacts(before, after, { base, head: 'working tree' }), notes };
}
