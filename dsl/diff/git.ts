/**
 * The base tree `obs diff` compares: a directory as committed at a git ref, read with `git ls-tree`
 * and one `git cat-file --batch`, never by checking out or running the ref's code. The working
 * tree's side is core's readTree (exported here as readWorkTree). Errors say what is wrong with the
 * ref or the repository and how to fix it; the git command lines stay internal.
 */
import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

class GitFailed extends Error {
  constructor(readonly stderr: string) {
    super(stderr);
  }
}

function git(root: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd: root,
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input !== undefined ? { input } : {}),
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (obs diff reads the base version with git)');
    throw new GitFailed(err.stderr?.toString().trim() ?? '');
  }
}

/** git's own words, without its `fatal:` prefixes, on one line. */
const gitSays = (e: unknown): string =>
  e instanceof GitFailed ? (e.stderr.replace(/^(fatal|error): /gm, '').split('\n')[0] ?? '') : String(e);

function inRepository(root: string): void {
  try {
    git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch (e) {
    if (e instanceof GitError) throw e;
    throw new GitError(
      `${root} is not in a git repository: obs diff compares out/ with out/ as committed at a ref, so run it inside the repository (${gitSays(e)})`,
    );
  }
}

function resolve(root: string, ref: string): string {
  if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref))
    throw new GitError(`--base ${JSON.stringify(ref)} is not a git ref (a branch, tag or commit, e.g. origin/main)`);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString()
      .trim();
  } catch (e) {
    if (e instanceof GitError) throw e;
    const shallow = (() => {
      try {
        return git(root, ['rev-parse', '--is-shallow-repository']).toString().trim() === 'true';
      } catch {
        return false;
      }
    })();
    if (shallow) {
      throw new GitError(
        `--base ${ref}: not in this shallow clone (it holds only the latest commits). Fetch it first, e.g. \`git fetch --no-tags origin main\` or \`git fetch --deepen=100\`; in GitHub Actions use actions/checkout with fetch-depth: 0`,
      );
    }
    throw new GitError(
      `--base ${ref}: no such branch, tag or commit in this repository (for a remote branch fetch it first and name it origin/<branch>)`,
    );
  }
}

/** Files below `dir` (relative to the repository root at `root`) as committed at `ref`, keyed by path relative to `dir`. */
export function readGitTree(root: string, ref: string, dir: string): Map<string, string> {
  inRepository(root);
  const commit = resolve(root, ref);
  try {
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
      const header = batch.subarray(at, nl).toString();
      if (header.endsWith(' missing'))
        throw new GitError(
          `--base ${ref}: ${dir}/${e.path} is not in this clone (a partial or shallow clone): fetch the ref's objects first, e.g. \`git fetch --deepen=100\``,
        );
      const size = Number(header.split(' ')[2]);
      out.set(e.path, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
      at = nl + 1 + size + 1;
    }
    return out;
  } catch (e) {
    if (e instanceof GitError) throw e;
    throw new GitError(`--base ${ref}: could not read ${dir}/ at that commit: ${gitSays(e)}`);
  }
}

export interface WorktreeState {
  /** The base ref's commit, abbreviated. */
  readonly baseCommit: string;
  /** Whether HEAD is that commit. */
  readonly baseIsHead: boolean;
  /** Uncommitted paths (modified, added, deleted, untracked) below `root`, relative to it. */
  readonly uncommitted: readonly string[];
}

/** What `obs diff` compares: the base commit, and the working tree's uncommitted changes. */
export function worktreeState(root: string, ref: string): WorktreeState {
  inRepository(root);
  const commit = resolve(root, ref);
  let head = '';
  try {
    head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).toString().trim();
  } catch {
    // No commit yet.
  }
  let status = '';
  let prefix = '';
  try {
    prefix = git(root, ['rev-parse', '--show-prefix']).toString().trim();
    status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']).toString();
  } catch (e) {
    throw new GitError(`could not read the working tree's state: ${gitSays(e)}`);
  }
  const uncommitted: string[] = [];
  const parts = status.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] as string;
    if (entry.length < 4) continue;
    uncommitted.push(entry.slice(3 + (entry.slice(3).startsWith(prefix) ? prefix.length : 0)));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // the rename's source path follows
  }
  return { baseCommit: commit.slice(0, 12), baseIsHead: commit === head, uncommitted };
}
