/**
 * `obs lint --new-since REF`: only the problems that are new against a git ref, as `pint ci` does.
 * The same files are linted as they are at REF (read with `git archive` into a temporary folder:
 * the working tree, the index and the repository's refs are never touched) and the problems found
 * there are subtracted from today's by a stable identity: check id, file, subject and message with
 * line and column numbers removed, never by line numbers, so edits above a known problem move it
 * without making it new. Identities are counted: a second problem alike is new.
 *
 * A file renamed (or moved) since REF keeps its problems: git's rename detection (`git diff -M`,
 * over the working tree as it is, untracked files included, through a temporary index) maps each
 * old path to its new one before problems are matched.
 *
 * Plain rule and dashboard files at REF are checked with today's obs.config.ts and registries (a
 * config change makes no problem new by itself); the TS project at REF is built as it was then
 * (its own config and definitions), with today's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { lintFiles, type LintRun } from './lint-files.ts';

/** A ref that is not one, no git, not a repository: a usage error (exit 2). */
export class NewSinceError extends Error {}

export interface NewSinceOptions {
  readonly root: string;
  readonly ref: string;
  readonly paths?: readonly string[];
  readonly target?: string;
}

export interface NewSinceResult {
  /** The full commit REF named. */
  readonly commit: string;
  /** Today's problems that REF did not have. */
  readonly fresh: Diagnostic[];
  /** How many of today's problems REF already had. */
  readonly known: number;
}

const POSITIONS = /(:\d+)+\b/g;

/** The identity a problem keeps across edits: check, file, subject and message without positions. */
export function problemIdentity(d: Diagnostic): string {
  return [d.checkId, d.location?.file ?? '', d.subject ?? '', d.message.replace(POSITIONS, '')].join('\u0000');
}

function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
      ...(env ? { env } : {}),
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT')
      throw new NewSinceError('--new-since needs git, which is not installed (or not on PATH)');
    throw new NewSinceError(`git ${args.join(' ')}: ${(err.stderr ?? String(e)).trim()}`);
  }
}

/** Whether `path` (relative to the repository's top) exists at `commit`. */
function existsAt(top: string, commit: string, path: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}:${path}`], { cwd: top, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Files renamed since `commit` under `pathspec`, repository-relative, old path → new path: git's
 * rename detection between the commit and the working tree as it is, untracked files included. The
 * tree is staged into a temporary copy of the index; the repository's own index is never written.
 */
function renamesSince(top: string, commit: string, tmp: string, pathspec: string): Map<string, string> {
  const index = join(tmp, '.index');
  const real = resolve(top, git(top, ['rev-parse', '--git-path', 'index']).trim());
  if (existsSync(real)) copyFileSync(real, index);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  git(top, ['add', '-A', '--', pathspec], env);
  const out = git(
    top,
    ['diff', '--cached', '--name-status', '-z', '-M', '--diff-filter=R', commit, '--', pathspec],
    env,
  );
  const fields = out.split('\0');
  const renames = new Map<string, string>();
  // -z: "R<score>", old path, new path, for each rename.
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [status, from, to] = [fields[i], fields[i + 1], fields[i + 2]];
    if (status?.startsWith('R') && from && to) renames.set(from, to);
  }
  return renames;
}

/** Today's problems (the run given) less those the files had at REF. */
export async function newSince(run: LintRun, opts: NewSinceOptions): Promise<NewSinceResult> {
  const root = realpathSync(opts.root);
  let top: string;
  try {
    top = realpathSync(git(root, ['rev-parse', '--show-toplevel']).trim());
  } catch (e) {
    if (e instanceof NewSinceError && !/needs git/.test(e.message))
      throw new NewSinceError(`--new-since needs a git repository: ${opts.root} is not in one`);
    throw e;
  }
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${opts.ref}^{commit}`]).trim();
  } catch {
    throw new NewSinceError(`--new-since ${opts.ref}: no such commit, branch or tag in ${top}`);
  }
  const prefix = relative(top, root).split(sep).filter(Boolean).join('/');
  const inRepo = (p: string): string => [prefix, p].filter(Boolean).join('/');
  const paths = opts.paths ?? [];
  const tsMode = paths.length === 0 || paths.some((p) => /\.m?ts$/i.test(p));
  const plainPaths = paths.filter((p) => !/\.m?ts$/i.test(p));
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'obs-new-since-')));
  try {
    const here = join(tmp, ...prefix.split('/').filter(Boolean));
    const renames = renamesSince(top, commit, tmp, prefix || '.');
    const back = new Map([...renames].map(([from, to]) => [to, from]));
    const underProject = (p: string): string | undefined =>
      prefix === '' ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined;
    // Plain files: only the named ones (as they were named at REF, if renamed since), those that
    // existed then, and the old paths of files renamed into a named folder; the TS project: the whole tree.
    const named = plainPaths
      .map((p) => relative(root, resolve(root, p)).split(sep).join('/'))
      .filter((p) => !p.startsWith('..'));
    const movedIn = named.flatMap((p) =>
      [...back].flatMap(([to, from]) => {
        const inside = (q: string): boolean => p === '' || q.startsWith(`${inRepo(p)}/`);
        const old = underProject(from);
        return inside(to) && !inside(from) && old !== undefined ? [old] : [];
      }),
    );
    const atRef = [
      ...named.map((p) => {
        const old = back.get(inRepo(p));
        return old !== undefined ? (underProject(old) ?? p) : p;
      }),
      ...movedIn,
    ]
      .filter((p, i, all) => all.indexOf(p) === i && existsAt(top, commit, inRepo(p)))
      .map((p) => p || '.');
    const specs = tsMode ? [] : atRef.map((p) => (p === '.' ? prefix : inRepo(p)) || '.');
    if (tsMode || specs.length > 0) {
      const tar = join(tmp, '.ref.tar');
      git(top, ['archive', '--format=tar', '-o', tar, commit, ...(specs.length > 0 ? ['--', ...specs] : [])]);
      try {
        execFileSync('tar', ['-xf', tar, '-C', tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (e) {
        throw new NewSinceError(
          `cannot unpack ${opts.ref}'s files: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`,
        );
      } finally {
        rmSync(tar, { force: true });
      }
    }
    let before: readonly Diagnostic[] = [];
    if (tsMode) {
      // The definitions at REF import obs (and their other packages) from today's node_modules.
      for (const dir of new Set([root, top])) {
        const mods = join(dir, 'node_modules');
        const there = join(tmp, relative(top, dir), 'node_modules');
        if (existsSync(mods) && !existsSync(there)) symlinkSync(mods, there, 'dir');
      }
      if (existsSync(here)) {
        const tsPaths = paths.filter((p) => /\.m?ts$/i.test(p) && existsSync(resolve(here, p)));
        if (paths.length === 0 || tsPaths.length > 0) {
          const r = await lintFiles({
            root: here,
            paths: tsPaths,
            ...(opts.target !== undefined ? { target: opts.target } : {}),
          });
          before = r.diagnostics;
        }
      }
    }
    if (atRef.length > 0) {
      const r = await lintFiles({
        root,
        filesRoot: here,
        paths: atRef,
        ...(opts.target !== undefined ? { target: opts.target } : {}),
      });
      before = [...before, ...r.diagnostics];
    }
    // Messages that name the temporary folder (a module's load error) name the project instead.
    // A renamed file's problems at REF are under its old path: they count under its new one.
    const moved = [...renames].flatMap(([from, to]) => {
      const [a, b] = [underProject(from), underProject(to)];
      return a !== undefined && b !== undefined ? [[a, b] as const] : [];
    });
    const renamed = (d: Diagnostic): Diagnostic => {
      const file = d.location?.file;
      const to = file !== undefined ? moved.find(([a]) => a === file)?.[1] : undefined;
      const message = moved.reduce((m, [a, b]) => m.split(a).join(b), d.message.split(here).join(root));
      return { ...d, message, ...(to !== undefined && d.location ? { location: { ...d.location, file: to } } : {}) };
    };
    const left = new Map<string, number>();
    for (const d of before) {
      const id = problemIdentity(renamed(d));
      left.set(id, (left.get(id) ?? 0) + 1);
    }
    const fresh: Diagnostic[] = [];
    let known = 0;
    for (const d of run.diagnostics) {
      const id = problemIdentity(d);
      const n = left.get(id) ?? 0;
      if (n > 0) {
        left.set(id, n - 1);
        known++;
      } else fresh.push(d);
    }
    return { commit, fresh, known };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
