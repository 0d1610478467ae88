/**
 * The base tree `obs diff` compares: a directory as committed at a git ref, read with `git ls-tree`
 * and one `git cat-file --batch`, never by checking out or running the ref's code. The working
 * tree's side is core's readTree (exported here as readWorkTree).
 */
import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

function git(root: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd: root, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], ...(input !== undefined ? { input } : {}) });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** Files below `dir` (relative to the repository root at `root`) as committed at `ref`, keyed by path relative to `dir`. */
export function readGitTree(root: string, ref: string, dir: string): Map<string, string> {
  if (ref.startsWith('-')) throw new GitError(`not a git ref: ${ref}`);
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString().trim();
  const prefix = git(root, ['rev-parse', '--show-prefix']).toString().trim();
  const base = `${prefix}${dir.replace(/\/+$/, '')}/`;
  const listing = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', base]).toString();
  const entries: { path: string; sha: string }[] = [];
  for (const line of listing.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (m?.[1] && m[2]) entries.push({ sha: m[1], path: m[2].slice(base.length) });
  }
  const out = new Map<string, string>();
  if (entries.length === 0) return out;
  // One cat-file process for all blobs: a `git show` per file costs a process each (1,000 dashboards).
  const batch = git(root, ['cat-file', '--batch'], `${entries.map((e) => e.sha).join('\n')}\n`);
  let at = 0;
  for (const e of entries) {
    const nl = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, nl).toString().split(' ')[2]);
    out.set(e.path, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return out;
}

