/** A throw-away git repository for diff tests: commit a tree of files, then change the working tree. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitFixture {
  readonly root: string;
  /** Writes files (path → content; null deletes). */
  write(files: Readonly<Record<string, string | null>>): void;
  /** Commits everything; returns the commit id. */
  commit(message: string): string;
  cleanup(): void;
}

export function createGitFixture(): GitFixture {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-diff-')));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
  git('init', '-q', '-b', 'main');
  return {
    root,
    write: (files) => {
      for (const [p, c] of Object.entries(files)) {
        const abs = join(root, p);
        if (c === null) rmSync(abs, { force: true });
        else {
          mkdirSync(dirname(abs), { recursive: true });
          writeFileSync(abs, c);
        }
      }
    },
    commit: (message) => {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
