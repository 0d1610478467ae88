/**
 * Watch mode: runs a job (a build, the rule tests) once, then again after each save in the
 * project, in one session, so a run evaluates again only the modules a save affected (the CLI's
 * loader gives those a module of their own, see bin/library-hook.js) and reads each file once.
 *
 * Saves come in bursts (an editor writes a file, a formatter rewrites it, `git checkout` touches
 * many): they are gathered for `debounceMs` after the last one, and a save during a run starts
 * another run after it. Editors that save atomically (write a temporary file, rename it over the
 * original) are followed by chokidar's atomic mode. The output folder, node_modules and dot
 * folders are not watched: the job writes out/ itself.
 */
import { relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { Session } from '../core/session.ts';
import type { Diagnostic } from '../core/diagnostic.ts';

export interface WatchOptions<R> {
  readonly root: string;
  /** Project-relative folders never watched (out/), besides node_modules and dot folders. */
  readonly ignore?: readonly string[];
  /** One run: called first, then after each burst of saves, never two at once. */
  readonly run: (session: Session, changed: readonly string[]) => Promise<R>;
  /** Told each run's result. */
  readonly onRun: (result: R, changed: readonly string[]) => void;
  /** How long after the last save of a burst a run starts (default 100 ms). */
  readonly debounceMs?: number;
  /** Ends watching: the run under way finishes (out/ is never left half-written), then it resolves. */
  readonly signal: AbortSignal;
  /** Told when the watcher is ready to see saves (after the first run). */
  readonly onReady?: () => void;
}

/** Whether watch mode leaves a path alone: node_modules, dot folders, the `ignore` folders (project-relative). */
function unwatched(root: string, ignore: readonly string[] = []): (path: string) => boolean {
  const ignored = ignore.map((d) => d.replace(/\/+$/, ''));
  return (path) => {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..')) return false;
    const parts = rel.split(sep);
    return (
      parts.some((p) => p === 'node_modules' || (p.startsWith('.') && p.length > 1)) ||
      ignored.some((d) => rel === d || rel.startsWith(`${d}${sep}`))
    );
  };
}

/**
 * The first file saved in the project (what watch mode watches), once the burst of saves is over;
 * '' when `signal` aborts first. For bin/obs.js's supervisor, which waits for a fix after a child
 * ran author code into a loop it cannot leave.
 */
export async function nextSave(opts: {
  readonly root: string;
  readonly ignore?: readonly string[];
  readonly signal: AbortSignal;
  readonly onReady?: () => void;
  readonly debounceMs?: number;
}): Promise<string> {
  const watcher = chokidarWatch(opts.root, {
    ignored: unwatched(opts.root, opts.ignore),
    ignoreInitial: true,
    atomic: true,
  });
  try {
    return await new Promise<string>((resolve) => {
      let first: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      if (opts.signal.aborted) return resolve('');
      opts.signal.addEventListener('abort', () => resolve(''), { once: true });
      watcher.once('ready', () => opts.onReady?.());
      watcher.on('all', (_event, path) => {
        first ??= relative(opts.root, path).split(sep).join('/');
        clearTimeout(timer);
        timer = setTimeout(() => resolve(first ?? ''), opts.debounceMs ?? 100);
      });
    });
  } finally {
    await watcher.close();
  }
}

/** Runs until `signal` aborts; resolves once the watcher is closed and no run is under way. */
export async function watchProject<R>(opts: WatchOptions<R>): Promise<void> {
  const session = new Session(opts.root);
  const skip = unwatched(session.root, opts.ignore);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const runOnce = async (changed: readonly string[]): Promise<void> => {
    opts.onRun(await opts.run(session, changed), changed);
  };
  const kick = (): void => {
    if (running || opts.signal.aborted || pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    running = runOnce(changed).finally(() => {
      running = undefined;
      kick();
    });
  };
  if (opts.signal.aborted) return;
  running = runOnce([]).finally(() => {
    running = undefined;
  });
  await running;
  if (opts.signal.aborted) return;
  const watcher = chokidarWatch(session.root, { ignored: skip, ignoreInitial: true, atomic: true });
  watcher.on('all', (_event, path) => {
    pending.add(relative(session.root, path).split(sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(kick, opts.debounceMs ?? 100);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  opts.onReady?.();
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) resolve();
    else opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  await watcher.close();
  await running;
}

/** A problem's identity across runs: where, which check, its headline (a test's failure details may change). */
function problemKey(d: Diagnostic): string {
  const l = d.location;
  return `${d.checkId}\u0000${l ? `${l.file}:${l.line}:${l.column}` : ''}\u0000${d.message.split('\n')[0]}`;
}

/** Problems of this run that the last did not have, and those of the last that are gone. */
export function problemChanges(
  before: readonly Diagnostic[],
  after: readonly Diagnostic[],
): { readonly found: Diagnostic[]; readonly fixed: Diagnostic[] } {
  const was = new Set(before.map(problemKey));
  const now = new Set(after.map(problemKey));
  return { found: after.filter((d) => !was.has(problemKey(d))), fixed: before.filter((d) => !now.has(problemKey(d))) };
}
