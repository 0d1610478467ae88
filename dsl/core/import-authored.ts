/**
 * Imports an authored module (obs.config.ts, a definition, a registry). The CLI runs obs's
 * library as a bundle and makes TS importable (registers tsx) only when the first authored module
 * is imported, so commands that load none (a no-op build, `obs promql`, `obs lint rules.yml`
 * without a config) skip tsx's start-up. Run from source, TS is already importable.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOAD_TIMEOUT_MS, guardLoading, type LoadProblem, type Stuck } from './load-guard.ts';
import { cacheKey, Session } from './session.ts';
import { watchAuthorCode, watchingModule } from './watchdog.ts';

/** Lists the file URLs resolved while importing authored modules (the CLI's loader hook tells them). */
export type ResolvedFiles = () => readonly string[];

/**
 * What the CLI offers for loading authored modules: the files they resolved, and loads that see
 * edits (each load gives a changed file, and every file importing it, a module of its own). The
 * CLI loads them as compiled copies Node imports without a hook (bin/link-ts.js), and through its
 * loader hook (bin/library-hook.js) what those cannot load.
 */
export interface LoaderLink {
  readonly resolvedFiles: ResolvedFiles;
  /** Starts a load: the hook reads the files' states again. Returns the load's number. */
  readonly nextLoad: () => number;
  /**
   * The URLs to import for these authored modules (one each): their compiled copies; undefined
   * when the loader hook loads them (registered then, and the modules imported by their own URLs).
   */
  readonly linked?: (urls: readonly string[]) => Promise<readonly string[] | undefined>;
  /** Registers the loader hook, for a load whose copies Node could not link. */
  readonly useHook?: () => void;
  /**
   * These authored modules run as one script (a one-shot command: bin/graph-script.js); undefined
   * when the linked copies load them.
   */
  readonly scripted?: (urls: readonly string[]) => Promise<ScriptedModules | undefined>;
}

/** Authored modules run as one script, as Node would run them as modules (bin/graph-script.js). */
export interface ScriptedModules {
  /** Runs the module (what it imports first) unless it ran, and gives its exports; throws what it throws. */
  readonly evaluate: (index: number) => Record<string, unknown>;
}

/** A file an authored module imported, as it was when the import finished. */
export interface ImportedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

// The process's module loader is process-wide: so is what the CLI registered on it.
let prepare: (() => Promise<LoaderLink | void>) | undefined;
let prepared: Promise<void> | undefined;
let link: LoaderLink | undefined;
const imported = new Map<string, ImportedFile | null>();

/** Stats the files resolved so far that are new: right after they were read, not at the build's end. */
function note(): void {
  for (const url of link?.resolvedFiles() ?? []) {
    if (imported.has(url)) continue;
    const path = fileURLToPath(url.replace(/[?#].*$/, ''));
    const s = statSync(path, { throwIfNoEntry: false });
    imported.set(url, s?.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : null);
  }
}

/** Called once by the CLI launcher with what makes TS importable. */
export function onFirstAuthoredImport(f: () => Promise<LoaderLink | void>): void {
  prepare = f;
}

async function ready(): Promise<void> {
  if (prepare) {
    const p = prepare;
    prepare = undefined;
    prepared = p().then((l) => {
      link = l ?? undefined;
    });
  }
  await prepared;
}

/** Imports an authored module; `from`: the URL to import it by (its compiled copy), if not its own. */
export async function importAuthored(url: string, from = url): Promise<Record<string, unknown>> {
  await ready();
  const exports = (await import(from)) as Record<string, unknown>;
  note();
  return exports;
}

export type Imported = { readonly exports: Record<string, unknown> } | { readonly error: unknown };

export interface ImportOutcome {
  /** One per URL, in their order. */
  readonly loads: Imported[];
  /** What modules did to the process while loading (see load-guard.ts). */
  readonly problems: readonly LoadProblem[];
}

/** A module that did not finish loading: stopped by the timeout, or waiting on what nothing will settle. */
export class LoadStopped extends Error {
  constructor(
    message: string,
    readonly location?: { readonly file: string; readonly line: number; readonly column: number },
  ) {
    super(message);
  }
}

/** The global through which marker modules tell the watchdog which module loads (see importInOrder). */
const LOADING = Symbol.for('obs.loading');

function labelOf(url: string): string {
  return url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(url)) : url;
}

/**
 * Imports modules in the given order, guarded (load-guard.ts): `process.exit`, left-over timers and
 * handles, and loading that never finishes become problems located in the author's code.
 */
export async function importAll(
  urls: readonly string[],
  opts: { readonly timeoutMs?: number; readonly config?: boolean } = {},
): Promise<ImportOutcome> {
  // Refused before Node sees them: a CommonJS scope makes tsx hand the module to Node's CommonJS
  // loader, which fails outside any promise (a stack trace and exit 1), not with an error we catch.
  const scopes = new Map<string, Error | undefined>();
  const refusals = urls.map((u) => commonJsScope(u, scopes));
  if (refusals.some((r) => r !== undefined)) {
    const rest = urls.filter((_, i) => refusals[i] === undefined);
    const loaded = rest.length > 0 ? await importAll(rest, opts) : { loads: [], problems: [] };
    let next = 0;
    return { loads: refusals.map((r) => (r ? { error: r } : loaded.loads[next++]!)), problems: loaded.problems };
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const labels = urls.map(labelOf);
  // A module stuck in a synchronous loop is stopped by the watchdog (watchdog.ts), started first so
  // that its thread starts while TS is made importable; marker modules tell it which one is
  // loading, through this global, set while the import runs.
  const activity = opts.config
    ? { kind: 'config' as const, file: labels[0] ?? 'obs.config.ts' }
    : { kind: 'modules' as const, labels };
  const g = globalThis as Record<symbol, unknown>;
  // The URLs the modules were imported by (their compiled copies, or their own).
  let targets = urls;
  const { guarded, before } = await watchAuthorCode(activity, timeoutMs, async () => {
    await ready();
    const load = link?.nextLoad();
    const before = new Set(link?.resolvedFiles());
    g[LOADING] = watchingModule;
    const guarded = await guardLoading(() => importInOrder(urls, load, (t) => (targets = t)), {
      timeoutMs,
      errorsOf: (loads) => loads.flatMap((l) => ('error' in l ? [l.error] : [])),
    }).finally(() => {
      delete g[LOADING];
    });
    return { guarded, before };
  });
  const evaluated = link?.resolvedFiles().filter((u) => !before.has(u)) ?? [];
  const problems = withKeptProblems(guarded.problems, evaluated);
  if (guarded.value) return { loads: guarded.value, problems };
  return { loads: await settledSoFar(urls, targets, guarded.stuck ?? { reason: 'idle', ms: 0 }), problems };
}

/** Per project-relative file, what its module did to the process when it was last evaluated. */
const LOAD_PROBLEMS = cacheKey('import/load-problems', () => new Map<string, readonly LoadProblem[]>());

/**
 * A load that reuses a module evaluated by an earlier load of the session (it did not change)
 * does not run it again, so what it did then is told again: the problems of files not evaluated
 * by this load are kept, those of evaluated files replaced.
 */
function withKeptProblems(found: readonly LoadProblem[], evaluatedUrls: readonly string[]): readonly LoadProblem[] {
  const session = Session.current();
  if (!session || !link) return found;
  const kept = session.keep(LOAD_PROBLEMS);
  const evaluated = new Set(evaluatedUrls.map((u) => fileURLToPath(u.replace(/[?#].*$/, ''))));
  const carried = [...kept].filter(([file]) => !evaluated.has(join(session.root, file))).flatMap(([, ps]) => ps);
  for (const file of [...kept.keys()]) if (evaluated.has(join(session.root, file))) kept.delete(file);
  for (const p of found) if (p.location) kept.set(p.location.file, [...(kept.get(p.location.file) ?? []), p]);
  return [...found, ...carried];
}

/**
 * Under the CLI the modules are imported as the static imports of one module, so Node reads and
 * links them all at once, and they still run in the given order, so a build cannot depend on which
 * file was read first (top-level await is the exception the module rules make: modules after one
 * that awaits may run while it waits). When that fails, they are imported one at a time, so each
 * failure is told against its own module (those that ran already are not run again). Compiled
 * copies that Node could not link (a missing export, a syntax error: nothing ran yet) are loaded
 * through the loader hook instead, whose errors name the modules as the author wrote them.
 */
async function importInOrder(
  urls: readonly string[],
  load: number | undefined,
  importing: (targets: readonly string[]) => void,
): Promise<Imported[]> {
  let targets = urls;
  if (link && load !== undefined) {
    const scripted = await link.scripted?.(urls);
    if (scripted) return evaluateInOrder(urls, scripted);
    targets = (await link.linked?.(urls)) ?? urls;
    // Named by the load: Node keeps a module per URL, and this one must resolve its imports anew.
    // So are the markers before each module that tell the watchdog which one is loading. A marker
    // imports the module before it, so it runs once that one has run: a module waiting on a
    // top-level await (obs's own entry modules have one) runs after the markers that follow it.
    // Encoded: a data: URL's text ends at a `?`, which the optional call has.
    const marker = (to: readonly string[], i: number): string =>
      JSON.stringify(
        `data:text/javascript,${encodeURIComponent(
          `${i > 0 ? `import ${JSON.stringify(to[i - 1])};` : ''}globalThis[Symbol.for('${LOADING.description}')]?.(${i})//${load}`,
        )}`,
      );
    const entry = (to: readonly string[]): string =>
      [
        `// load ${load}`,
        ...to.map((u, i) => `import ${marker(to, i)};\nexport * as m${i} from ${JSON.stringify(u)};`),
      ].join('\n');
    const g = globalThis as Record<symbol, ((i: number) => void) | undefined>;
    const watching = g[LOADING];
    let ran = false;
    g[LOADING] = (i) => {
      ran = true;
      watching?.(i);
    };
    const attempt = async (to: readonly string[]): Promise<Imported[] | undefined> => {
      importing((targets = to));
      try {
        const all = (await import(`data:text/javascript,${encodeURIComponent(entry(to))}`)) as Record<
          string,
          Record<string, unknown>
        >;
        note();
        return urls.map((_, i) => ({ exports: all[`m${i}`] ?? {} }));
      } catch {
        return undefined; // one at a time below
      }
    };
    try {
      let all = await attempt(targets);
      if (!all && !ran && targets !== urls) {
        link.useHook?.();
        all = await attempt(urls);
      }
      if (all) return all;
    } finally {
      g[LOADING] = watching;
    }
  }
  const out: Imported[] = [];
  for (const [i, url] of urls.entries()) {
    (globalThis as Record<symbol, ((i: number) => void) | undefined>)[LOADING]?.(i);
    try {
      out.push({ exports: await importAuthored(url, targets[i]) });
    } catch (error) {
      out.push({ error: commonJsHint(error) });
    }
  }
  return out;
}

/** Runs scripted modules in order, each told to the watchdog first; a module's error is its own. */
function evaluateInOrder(urls: readonly string[], scripted: ScriptedModules): Imported[] {
  const out = urls.map((_, i): Imported => {
    (globalThis as Record<symbol, ((i: number) => void) | undefined>)[LOADING]?.(i);
    try {
      return { exports: scripted.evaluate(i) };
    } catch (error) {
      return { error: commonJsHint(error) };
    }
  });
  note();
  return out;
}

/**
 * The refusal for a module in a CommonJS package scope: the nearest package.json above it does not
 * say "type": "module" (no package.json at all is fine: Node then detects ES module syntax).
 */
function commonJsScope(url: string, scopes: Map<string, Error | undefined>): Error | undefined {
  if (!url.startsWith('file:')) return undefined;
  const seen: string[] = [];
  let dir = dirname(fileURLToPath(url.replace(/[?#].*$/, '')));
  let found: Error | undefined;
  for (;;) {
    if (scopes.has(dir)) {
      found = scopes.get(dir);
      break;
    }
    seen.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      found = scopeRefusal(manifest);
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of seen) scopes.set(d, found);
  return found;
}

function scopeRefusal(manifest: string): Error | undefined {
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown } | null)?.type;
  } catch {
    return undefined; // Node reports a package.json it cannot parse in its own words
  }
  if (type === 'module') return undefined;
  return type === 'commonjs'
    ? new Error(
        'obs loads obs.config.ts and the definitions as ES modules, and the package.json over them says "type": "commonjs": set "type": "module" there',
      )
    : new Error(
        `obs loads obs.config.ts and the definitions as ES modules, and the package.json over them (${manifest}) does not say "type": "module", so Node loads them as CommonJS: add "type": "module" there`,
      );
}

/**
 * In a package whose package.json says "type": "commonjs", tsx hands a .ts module to Node as
 * CommonJS and Node refuses its ESM syntax with a message about a require cycle: say what to change.
 */
function commonJsHint(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_REQUIRE_CYCLE_MODULE') return error;
  return new Error(
    'obs loads obs.config.ts and the definitions as ES modules, and the package.json over them says "type": "commonjs": set "type": "module" there',
  );
}

/** How long the modules left after loading was stopped may take, each, to show progress. */
const SETTLE_MS = 1000;

/**
 * After loading was stopped: the modules that loaded (imported again, they settle at once), and a
 * LoadStopped for each that still waits (itself, or on a module it imports), so the others are
 * still checked and each stuck one is named.
 */
async function settledSoFar(urls: readonly string[], targets: readonly string[], stuck: Stuck): Promise<Imported[]> {
  const loads: (Imported | undefined)[] = urls.map(() => undefined);
  const pending = new Map(
    targets.map((url, i) => [
      i,
      import(url)
        .then(
          (exports: Record<string, unknown>) => {
            loads[i] = { exports };
          },
          (error: unknown) => {
            loads[i] = { error };
          },
        )
        .then(() => i),
    ]),
  );
  while (pending.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      ...pending.values(),
      new Promise<undefined>((r) => {
        timer = setTimeout(() => r(undefined), SETTLE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (next === undefined) break;
    pending.delete(next);
  }
  note();
  return urls.map((url, i) => loads[i] ?? { error: stoppedError(url, stuck) });
}

function stoppedError(url: string, stuck: Stuck): LoadStopped {
  const file = fileURLToPath(url);
  const awaitAt = topLevelAwait(file);
  const why =
    stuck.reason === 'idle'
      ? 'it waits on a promise that nothing will ever settle (Node would exit 13 without a word)'
      : `it was still loading after ${stuck.ms / 1000}s`;
  const where = awaitAt ? 'a top-level await' : 'a module it imports';
  return new LoadStopped(
    `did not finish loading: ${why}; ${where} never finished`,
    awaitAt ? { file, ...awaitAt } : undefined,
  );
}

/** The first top-level `await` of a TS module (esbuild refuses one in CommonJS output and says where). */
function topLevelAwait(file: string): { line: number; column: number } | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // esbuild is a dependency (tsx's compiler); this runs only when loading was stopped.
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as typeof import('esbuild');
  try {
    esbuild.transformSync(source, { loader: 'ts', format: 'cjs', sourcefile: file, logLevel: 'silent' });
  } catch (e) {
    const hit = (
      e as { errors?: { text: string; location?: { line: number; column: number; lineText: string } }[] }
    ).errors?.find((m) => /top-level await/i.test(m.text) && m.location);
    if (hit?.location) {
      const { line, column, lineText } = hit.location;
      return { line, column: Buffer.from(lineText, 'utf8').subarray(0, column).toString('utf8').length + 1 };
    }
  }
  return undefined;
}

/**
 * Every file resolved while importing authored modules so far, when the CLI's loader hook reports
 * them; undefined when nothing does (run from source, e.g. under a test runner).
 */
export function importedFiles(): readonly ImportedFile[] | undefined {
  if (!link) return undefined;
  note();
  return [...imported.values()].filter((f): f is ImportedFile => f !== null);
}
