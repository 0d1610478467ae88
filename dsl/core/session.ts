/**
 * A session: what one project's builds share, instead of process-wide state. It carries the
 * project root (call sites are made relative to it), the caches of one run, and the source texts
 * of the author's files (each read once per run, or given: an editor's unsaved buffer).
 *
 * Definition modules call obs's factories (`alert(...)`, `ruleGroup(...)`) with no session in
 * hand, so the session is also the current one for the code that runs inside `session.run(...)`:
 * an AsyncLocalStorage, so two sessions (two projects, or a build and a language server's check)
 * can run at once in one process without seeing each other's root or caches.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Names a cache of a run and says how to make it empty. */
export interface CacheKey<T> {
  readonly name: string;
  create(): T;
}

export function cacheKey<T>(name: string, create: () => T): CacheKey<T> {
  return { name, create };
}

/** The source texts of one run: each file read once, or as given (an unsaved editor buffer). */
export class SourceTexts {
  private readonly texts = new Map<string, string | null>();

  constructor(
    readonly root: string,
    private readonly overlays: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The text of a file (project-relative or absolute); undefined when it cannot be read. */
  text(file: string): string | undefined {
    const path = isAbsolute(file) ? file : join(this.root, file);
    let t = this.texts.get(path);
    if (t === undefined) {
      t = this.overlays.get(path) ?? null;
      if (t === null) {
        try {
          t = readFileSync(path, 'utf8');
        } catch {
          t = null;
        }
      }
      this.texts.set(path, t);
    }
    return t ?? undefined;
  }
}

export interface SessionOptions {
  /**
   * Texts that stand for files' contents in what obs reads to locate problems (absolute or
   * project-relative path → text): an editor's unsaved buffers.
   */
  readonly overlays?: ReadonlyMap<string, string>;
}

const current = new AsyncLocalStorage<Session>();

export class Session {
  /** The directory paths in locations are relative to. */
  readonly root: string;
  private overlays: Map<string, string>;
  private runCaches = new Map<CacheKey<unknown>, unknown>();
  private texts: SourceTexts;
  /** State kept across runs by the layer that owns it (the module loader's versions). */
  private readonly kept = new Map<CacheKey<unknown>, unknown>();

  constructor(root: string, opts: SessionOptions = {}) {
    this.root = resolve(root);
    this.overlays = new Map([...(opts.overlays ?? [])].map(([p, t]) => [isAbsolute(p) ? p : join(this.root, p), t]));
    this.texts = new SourceTexts(this.root, this.overlays);
  }

  /** The session the calling code runs in (see `run`), if any. */
  static current(): Session | undefined {
    return current.getStore();
  }

  /** Runs `fn` with this session current (see `Session.current`). */
  run<T>(fn: () => T): T {
    return current.getStore() === this ? fn() : current.run(this, fn);
  }

  /**
   * Starts a run (a build, a lint, a test): what the previous run cached and read is dropped, so
   * this run sees the files as they are now. One run at a time per session (watch mode waits for
   * a run to end before it starts the next); concurrent runs take a session each.
   */
  beginRun(overlays?: ReadonlyMap<string, string>): void {
    if (overlays) this.overlays = new Map([...overlays].map(([p, t]) => [isAbsolute(p) ? p : join(this.root, p), t]));
    this.runCaches = new Map();
    this.texts = new SourceTexts(this.root, this.overlays);
  }

  /** The source texts of the current run. */
  get sources(): SourceTexts {
    return this.texts;
  }

  /** The current run's cache named by `key` (made empty on first use in the run). */
  cache<T>(key: CacheKey<T>): T {
    let c = this.runCaches.get(key) as T | undefined;
    if (c === undefined) this.runCaches.set(key, (c = key.create()));
    return c;
  }

  /** State that outlives a run (made on first use in the session). */
  keep<T>(key: CacheKey<T>): T {
    let c = this.kept.get(key) as T | undefined;
    if (c === undefined) this.kept.set(key, (c = key.create()));
    return c;
  }
}

/** The current session's run cache, or, outside any session, a fresh one (nothing is kept). */
export function runCache<T>(key: CacheKey<T>): T {
  return Session.current()?.cache(key) ?? key.create();
}

/** The current session's project root; outside any session, the working directory. */
export function currentRoot(): string {
  return Session.current()?.root ?? process.cwd();
}
