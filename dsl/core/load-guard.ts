/**
 * Runs the import of authored modules so that what a module does to the process while it loads
 * becomes a located problem instead of a silent pass or a hang:
 * - `process.exit(...)` throws while loading (the module fails to load where it called it; a
 *   module that catches the throw is reported all the same);
 * - a timer, server, socket, watcher or child process created while loading and still holding the
 *   process open when loading ends is reported where it was created (and timers are cleared, so
 *   their callbacks never run during the build);
 * - loading that does not finish is stopped: at once when nothing is left that could finish it
 *   (a top-level await on a promise nothing resolves: Node would exit 13 without a word), or after
 *   the timeout (a top-level await on something slow).
 *
 * Modules load in obs's own process (their definitions are objects with methods and brands that a
 * worker could not hand back), so a module stuck in a synchronous endless loop cannot be stopped
 * here: the CLI exits explicitly when a command is done (bin/obs.js) and that is all it can do.
 */
import { createHook } from 'node:async_hooks';
import type { SourceLocation } from './diagnostic.ts';
import { authorFrames, authorSiteBelow } from './call-site.ts';

/** Loading that takes longer than this is stopped (configurable: `load.timeout` in obs.config.ts). */
export const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

/** What a module did to the process while loading, where the author's code did it. */
export interface LoadProblem {
  readonly message: string;
  readonly hint: string;
  /** Project-relative; absent when no author frame was on the stack. */
  readonly location?: SourceLocation;
}

/** Thrown by `process.exit` while authored modules load. */
export class ExitWhileLoading extends Error {
  constructor(readonly code: string | number | null | undefined) {
    super(`calls process.exit(${code ?? ''}) while loading; a definition module must not end the process`);
  }
}

export type Stuck = { readonly reason: 'idle' | 'timeout'; readonly ms: number };

export interface Guarded<T> {
  /** Absent when loading was stopped (see `stuck`). */
  readonly value?: T;
  readonly stuck?: Stuck;
  readonly problems: readonly LoadProblem[];
}

/** Resource types that keep the process alive until closed (timers, servers, sockets, watchers, children). */
const HANDLES = new Set([
  'Timeout',
  'Immediate',
  'TCPSERVERWRAP',
  'TCPWRAP',
  'PIPESERVERWRAP',
  'PIPEWRAP',
  'UDPWRAP',
  'PROCESSWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'SIGNALWRAP',
  'HTTPINCOMINGMESSAGE',
  'HTTPCLIENTREQUEST',
  'Worker',
  'MESSAGEPORT',
]);

const WHAT: Readonly<Record<string, string>> = {
  Timeout: 'a timer (setTimeout/setInterval)',
  Immediate: 'a setImmediate callback',
  TCPSERVERWRAP: 'a server',
  PIPESERVERWRAP: 'a server',
  TCPWRAP: 'a socket',
  PIPEWRAP: 'a pipe',
  UDPWRAP: 'a UDP socket',
  PROCESSWRAP: 'a child process',
  FSEVENTWRAP: 'a file watcher',
  STATWATCHER: 'a file watcher',
  SIGNALWRAP: 'a signal handler',
  Worker: 'a worker thread',
  MESSAGEPORT: 'a message port',
};

interface Created {
  readonly type: string;
  /** Where the author's code created it (its line and column mapped when read). */
  readonly site: SourceLocation;
  readonly resource: unknown;
}

function holdsProcess(c: Created): boolean {
  const r = c.resource as { hasRef?: () => boolean } | null;
  return typeof r?.hasRef !== 'function' || r.hasRef();
}

function release(c: Created): void {
  if (c.type === 'Timeout') clearTimeout(c.resource as NodeJS.Timeout);
  else if (c.type === 'Immediate') clearImmediate(c.resource as NodeJS.Immediate);
}

/** Where the author's code is on a stack: the first frame that is not obs, Node or a dependency. */
function authorSite(stack: string | undefined): SourceLocation | undefined {
  return authorFrames(stack)[0];
}

/**
 * Runs `load` under the guard. Nested calls (the config loaded while definitions load) share
 * the outer guard.
 */
export async function guardLoading<T>(
  load: () => Promise<T>,
  opts: { readonly timeoutMs?: number; readonly errorsOf?: (value: T) => readonly unknown[] } = {},
): Promise<Guarded<T>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  if (active) return { value: await load(), problems: [] };
  active = true;
  const problems: LoadProblem[] = [];
  const created = new Map<number, Created>();
  // Creation sites of what author code scheduled, by async id: a handle created later in a
  // callback it scheduled (a server listens after a tick) is the author's too.
  const sites = new Map<number, SourceLocation>();
  const init = (id: number, type: string, trigger: number, resource: object): void => {
    // Promises are many and hold nothing open; skipping them keeps the hook cheap.
    if (type === 'PROMISE') return;
    // Structured frames, mapped only when a problem is reported: a string stack is mapped
    // through source maps frame by frame, for every handle obs's own code creates too.
    const site = authorSiteBelow(init) ?? sites.get(trigger);
    // Only what an author's module created: obs's own and the loader's resources are not its business.
    if (site === undefined) return;
    sites.set(id, site);
    if (HANDLES.has(type)) created.set(id, { type, site, resource });
  };
  const hook = createHook({
    init,
    destroy(id) {
      sites.delete(id);
      created.delete(id);
    },
  });
  const realExit = process.exit;
  const exits: ExitWhileLoading[] = [];
  process.exit = ((code?: string | number | null) => {
    const e = new ExitWhileLoading(code);
    exits.push(e);
    throw e;
  }) as typeof process.exit;
  let stopTimer: NodeJS.Timeout | undefined;
  let onIdle: (() => void) | undefined;
  const started = performance.now();
  try {
    // Both are armed before the hook, so they are not taken for the author's.
    const stopped = new Promise<Stuck>((resolve) => {
      stopTimer = setTimeout(() => resolve({ reason: 'timeout', ms: timeoutMs }), timeoutMs);
      // Unref'd: a module that waits on nothing must not be kept waiting by this timer.
      stopTimer.unref();
      // The event loop is empty while loading has not finished: nothing can finish it any more.
      onIdle = () => resolve({ reason: 'idle', ms: Math.round(performance.now() - started) });
      process.once('beforeExit', onIdle);
    });
    hook.enable();
    const outcome = await Promise.race([load().then((value) => ({ value })), stopped.then((stuck) => ({ stuck }))]);
    // What modules queued with process.nextTick runs before the next turn of the loop (a server
    // binds its socket there): let it, so what it creates is seen.
    await new Promise((resolve) => setImmediate(resolve));
    hook.disable();
    for (const e of exits) {
      // A module that did not catch the throw failed to load with it (its load error tells it);
      // one that caught it would otherwise pass.
      if ('value' in outcome && opts.errorsOf?.(outcome.value).includes(e)) continue;
      problems.push({
        message: e.message,
        hint: 'remove the process.exit call: obs runs the module to read its definitions',
        ...siteOf(e.stack),
      });
    }
    for (const c of created.values()) {
      // An unref'd timer does not hold the process, but its callback would still run during the
      // build (or a later build of the same process): cleared too, not reported.
      const holds = holdsProcess(c);
      release(c);
      if (!holds) continue;
      // Loading was stopped: what the stuck module waits on is its own story, told with it.
      if ('stuck' in outcome) continue;
      problems.push({
        message: `leaves ${WHAT[c.type] ?? `a ${c.type} handle`} running after it loaded; it would keep the build from ever exiting`,
        hint: 'definition modules must only compute values: clear the timer or close the handle before the module finishes, or move that code out of the definitions',
        location: c.site,
      });
    }
    return 'stuck' in outcome ? { stuck: outcome.stuck, problems } : { value: outcome.value, problems };
  } finally {
    hook.disable();
    process.exit = realExit;
    if (stopTimer) clearTimeout(stopTimer);
    if (onIdle) process.off('beforeExit', onIdle);
    active = false;
  }
}

let active = false;

function siteOf(stack: string | undefined): { location?: SourceLocation } {
  const location = authorSite(stack);
  return location ? { location } : {};
}
