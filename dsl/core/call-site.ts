/**
 * Where a definition was written: the first stack frame outside obs's own library, as a path
 * relative to the project (the current session's root, see session.ts), mapped through tsx's
 * source maps to the TS line the author wrote.
 */
import { readFileSync } from 'node:fs';
import { findSourceMap, type SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join, sep } from 'node:path';
import type { SourceLocation } from './diagnostic.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { posixRelative } from './files.ts';
import { cacheKey, currentRoot, runCache } from './session.ts';

const LIBRARY_DIR = join(PACKAGE_ROOT, 'dsl') + sep;
/** The CLI's launcher (bin/obs.js): obs's too, not the author's. */
const LAUNCHER_DIR = join(PACKAGE_ROOT, 'bin') + sep;
// The path starts right after `(` or `at `: inside `node:internal/x:1:2` a `/` is no path's start.
const FRAME = /(?:\(|^at (?:async )?)((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/;

/** Per file name as V8 reports it: undefined for library files, else its project-relative path. */
const AUTHOR_FILES = cacheKey('call-site/author-files', () => new Map<string, string | undefined>());

/**
 * The CLI imports authored TS as compiled copies named after their source (bin/link-ts.js):
 * `<obs>/node_modules/.cache/obs-as-code/typescript/m/<key>/<the source's absolute path>.mjs`.
 */
const LINKED_COPY = /[\\/]node_modules[\\/]\.cache[\\/]obs-as-code[\\/]typescript[\\/]m[\\/][0-9a-f]{32}(\/.+)\.mjs$/;

/**
 * One-shot commands run authored modules as one script (bin/graph-script.js), whose frames are named
 * `<obs>/node_modules/.cache/obs-as-code/typescript/g/<key>/graph.mjs`; which module a frame is in
 * is told by `graph.sources.json` beside it.
 */
const GRAPH_SCRIPT =
  /[\\/]node_modules[\\/]\.cache[\\/]obs-as-code[\\/]typescript[\\/]g[\\/][0-9a-f]{32}[\\/]graph\.mjs$/;

interface GraphSources {
  readonly sources: readonly string[];
  /** Per line of the script: column, index into sources (-1: not an authored module), where it changes. */
  readonly lines: readonly (readonly number[])[];
}

/** Per graph script, its sources by line (read once a run). */
const GRAPH_SOURCES = cacheKey('call-site/graph-sources', () => new Map<string, GraphSources | undefined>());

/** The source file of a graph script's frame (undefined: obs's own code in it, or none known). */
function graphSource(name: string, line: number, column: number): string | undefined {
  const graphs = runCache(GRAPH_SOURCES);
  if (!graphs.has(name)) {
    let read: GraphSources | undefined;
    try {
      read = JSON.parse(readFileSync(name.replace(/\.mjs$/, '.sources.json'), 'utf8')) as GraphSources;
    } catch {
      read = undefined;
    }
    graphs.set(name, read);
  }
  const graph = graphs.get(name);
  const row = graph?.lines[line - 1];
  if (!graph || !row) return undefined;
  // The part the column is in; before the line's first mapped column, the line's first part.
  let source = row[1] ?? -1;
  for (let i = 2; i < row.length && row[i]! <= column - 1; i += 2) source = row[i + 1]!;
  return source < 0 ? undefined : graph.sources[source];
}

/** A file name as V8 reports it, as a path: the source's for a compiled copy. */
function toPath(file: string): string {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  return LINKED_COPY.exec(path)?.[1] ?? path;
}

export function relativeToProject(file: string): string {
  return posixRelative(currentRoot(), toPath(file));
}

/** Parses one `at ...` line of a V8 stack trace. */
export function parseFrame(line: string): SourceLocation | undefined {
  const m = FRAME.exec(line.trim());
  if (!m || m[1] === undefined) return undefined;
  return { file: toPath(m[1]), line: Number(m[2]), column: Number(m[3]) };
}

/** The first frames of a stack that are not obs's library, node internals or dependencies. */
export function authorFrames(stack: string | undefined): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const f = parseFrame(line);
    if (!f) continue;
    if (isLibraryFile(f.file)) continue;
    out.push({ ...f, file: relativeToProject(f.file) });
  }
  return out;
}

/** Skipped when looking for the author's frame. */
function isLibraryFile(path: string): boolean {
  return (
    path.startsWith(LIBRARY_DIR) ||
    path.startsWith(LAUNCHER_DIR) ||
    path.includes(`${sep}node_modules${sep}`) ||
    path.startsWith('node:')
  );
}

/** Frames captured first: every definition in this repo's seeds is within 7 frames of the author's line. */
const SHALLOW = 7;
const TYPESCRIPT = /\.[cm]?tsx?(?:[?#].*)?$/;

/** Node's source map per module, looked up once a run (undefined: Node holds none). */
const SOURCE_MAPS = cacheKey('call-site/source-maps', () => new Map<string, SourceMap | undefined>());

function sourceMapOf(file: string): SourceMap | undefined {
  const sourceMaps = runCache(SOURCE_MAPS);
  if (!sourceMaps.has(file)) sourceMaps.set(file, findSourceMap(file));
  return sourceMaps.get(file);
}

function structuredStack(below: (...args: never[]) => unknown, depth: number): readonly NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, frames) => frames;
  Error.stackTraceLimit = depth;
  try {
    const holder: { stack?: readonly NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, below);
    return holder.stack ?? [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** The project-relative file of a frame's author code; undefined for obs's, dependencies', Node's. */
function frameFile(name: string, line: number, column: number): string | undefined {
  if (!GRAPH_SCRIPT.test(name)) return authorFile(name);
  const source = graphSource(name, line, column);
  return source === undefined ? undefined : authorFile(source);
}

function authorFile(name: string): string | undefined {
  const authorFiles = runCache(AUTHOR_FILES);
  if (authorFiles.has(name)) return authorFiles.get(name);
  const path = toPath(name);
  const rel = isLibraryFile(path) ? undefined : relativeToProject(path);
  authorFiles.set(name, rel);
  return rel;
}

/**
 * The first author frame, mapped; `unmapped` when it is TS that Node holds no map for. `lazily`:
 * a TS frame's line and column are mapped when first read (see lazySite).
 */
function authorSite(frames: readonly NodeJS.CallSite[], lazily = false): SourceLocation | 'unmapped' | undefined {
  for (const frame of frames) {
    const name = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!name || line === null || column === null) continue;
    const file = frameFile(name, line, column);
    if (file === undefined) continue;
    if (lazily && process.sourceMapsEnabled && (TYPESCRIPT.test(toPath(name)) || GRAPH_SCRIPT.test(name)))
      return lazySite(name, file, line, column);
    const map = sourceMapOf(name);
    const entry = map?.findEntry(line - 1, column - 1);
    if (entry && 'originalLine' in entry) {
      // Compiled JS with a map (dist/x.js from src/x.ts) names its source; tsx's maps name the file itself.
      const source = /^(file:|\/)/.test(entry.originalSource) ? authorFile(entry.originalSource) : undefined;
      return { file: source ?? file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    }
    // Plain JS runs as written; a TS module without a map was compiled by someone who maps stacks.
    return !map && !TYPESCRIPT.test(toPath(name)) && !GRAPH_SCRIPT.test(name) ? { file, line, column } : 'unmapped';
  }
  return undefined;
}

/**
 * A TS frame's site whose line and column are mapped through the module's source map when first
 * read. Node parses a module's whole map the first time it is asked for it: for the 15 registries
 * of this repository, defined once each while loading, that was about 120 ms of CPU of a 0.8 s
 * `obs lint` of one small rule file, for positions read only when a problem is reported there.
 * Taken only where Node holds the maps (the CLI compiles authored TS with them inline, and
 * enables them): the module's map names the module itself, so the file is known without it.
 */
function lazySite(name: string, file: string, line: number, column: number): SourceLocation {
  let mapped: { readonly line: number; readonly column: number } | undefined;
  const position = (): { readonly line: number; readonly column: number } => {
    if (mapped) return mapped;
    const entry = sourceMapOf(name)?.findEntry(line - 1, column - 1);
    mapped =
      entry && 'originalLine' in entry
        ? { line: entry.originalLine + 1, column: entry.originalColumn + 1 }
        : { line, column };
    return mapped;
  };
  return Object.defineProperties({ file } as { file: string; line: number; column: number }, {
    line: { enumerable: true, get: () => position().line },
    column: { enumerable: true, get: () => position().column },
  });
}

/**
 * The author's call site of the obs function that calls this. Structured call sites skip the
 * source-map translation of every frame that Node does for string stacks (the bulk of the cost
 * when thousands of rules are defined): only the frame we keep is mapped, through the source map
 * Node holds for the module; plain JS needs no mapping. A TS module whose map Node does not hold
 * (run under a test runner that maps stacks itself) takes the string stack, mapped by whoever
 * installed the mapping.
 */
export function captureCallSite(): SourceLocation | undefined {
  if (pinned) return pinned.site;
  // Most definitions are a few frames below the author's line, and deep stacks cost more to capture.
  const shallow = structuredStack(captureCallSite, SHALLOW);
  const found =
    authorSite(shallow, true) ??
    (shallow.length === SHALLOW ? authorSite(structuredStack(captureCallSite, 50), true) : undefined);
  if (found !== 'unmapped' && found !== undefined) return found;
  return firstAuthorFrame(captureCallSite, 50);
}

/**
 * The first author frame below `below`, within as many frames as a stack trace holds, its TS line
 * and column mapped when first read: for what is captured often and reported rarely (the handles
 * author code creates while loading, load-guard.ts).
 */
export function authorSiteBelow(below: (...args: never[]) => unknown): SourceLocation | undefined {
  const depth = Error.stackTraceLimit;
  const found = authorSite(structuredStack(below, depth), true);
  return found !== 'unmapped' ? found : firstAuthorFrame(below, depth);
}

/** The first author frame of the string stack below `below`, mapped by whoever maps stacks. */
function firstAuthorFrame(below: (...args: never[]) => unknown, depth: number): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = depth;
  Error.captureStackTrace(holder, below);
  Error.stackTraceLimit = limit;
  return authorFrames(holder.stack)[0];
}

/**
 * The author's code that is running now, found from the current stack, however deep below obs's
 * own frames (the watchdog asks this of a thread stopped in a loop); undefined when no author
 * frame is on the stack. Definitions pinned to a call site (atCallSite) do not count: this is
 * where the code runs, not where a definition was written.
 */
export function runningAuthorSite(): SourceLocation | undefined {
  const found = authorSite(structuredStack(runningAuthorSite, 200));
  return found !== 'unmapped' ? found : firstAuthorFrame(runningAuthorSite, 200);
}

// Not state kept between calls: a dynamic scope, set and restored around one synchronous call.
let pinned: { readonly site: SourceLocation | undefined } | undefined;

/**
 * Runs `build` with every definition it makes placed at `site`: what obs generates from one
 * definition (an SLO's rules and dashboard) belongs where the author wrote that definition, and
 * capturing the deep stacks of generated definitions only to discard them took about 20 deep
 * captures per SLO.
 */
export function atCallSite<T>(site: SourceLocation | undefined, build: () => T): T {
  const outer = pinned;
  pinned = { site };
  try {
    return build();
  } finally {
    pinned = outer;
  }
}
