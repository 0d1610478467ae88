/**
 * Imports an authored module (obs.config.ts, a definition, a registry). The CLI runs obs's
 * library as a bundle and makes TS importable (registers tsx) only when the first authored module
 * is imported, so commands that load none (a no-op build, `obs promql`, `obs lint rules.yml`
 * without a config) skip tsx's start-up. Run from source, TS is already importable.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Lists the file URLs resolved while importing authored modules (the CLI's loader hook tells them). */
export type ResolvedFiles = () => readonly string[];

/** A file an authored module imported, as it was when the import finished. */
export interface ImportedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

let prepare: (() => Promise<ResolvedFiles | void>) | undefined;
let prepared: Promise<void> | undefined;
let resolvedFiles: ResolvedFiles | undefined;
const imported = new Map<string, ImportedFile | null>();

/** Stats the files resolved so far that are new: right after they were read, not at the build's end. */
function note(): void {
  for (const url of resolvedFiles?.() ?? []) {
    if (imported.has(url)) continue;
    const path = fileURLToPath(url.replace(/[?#].*$/, ''));
    const s = statSync(path, { throwIfNoEntry: false });
    imported.set(url, s?.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : null);
  }
}

/** Called once by the CLI launcher with what makes TS importable. */
export function onFirstAuthoredImport(f: () => Promise<ResolvedFiles | void>): void {
  prepare = f;
}

async function ready(): Promise<void> {
  if (prepare) {
    const p = prepare;
    prepare = undefined;
    prepared = p().then((files) => { resolvedFiles = files ?? undefined; });
  }
  await prepared;
}

export async function importAuthored(url: string): Promise<Record<string, unknown>> {
  await ready();
  const exports = (await import(url)) as Record<string, unknown>;
  note();
  return exports;
}

export type Imported = { readonly exports: Record<string, unknown> } | { readonly error: unknown };

/**
 * Imports modules in the given order. Under the CLI's loader they are imported as the static
 * imports of one module: the loader (tsx, on its own thread) then reads and compiles them all at
 * once while this thread links what has arrived (one at a time, this thread sat idle a third of
 * the loading), and they still run in the given order, so a build cannot depend on which file the
 * loader finished first (top-level await is the exception the module rules make: modules after
 * one that awaits may run while it waits). When that fails, they are imported one at a time, so
 * each failure is told against its own module (those that ran already are not run again).
 */
export async function importAll(urls: readonly string[]): Promise<Imported[]> {
  await ready();
  if (resolvedFiles && urls.length > 1) {
    const entry = urls.map((u, i) => `export * as m${i} from ${JSON.stringify(u)};`).join('\n');
    try {
      const all = (await import(`data:text/javascript,${encodeURIComponent(entry)}`)) as Record<string, Record<string, unknown>>;
      note();
      return urls.map((_, i) => ({ exports: all[`m${i}`] ?? {} }));
    } catch {
      // one at a time below
    }
  }
  const out: Imported[] = [];
  for (const url of urls) {
    try {
      out.push({ exports: await importAuthored(url) });
    } catch (error) {
      out.push({ error });
    }
  }
  return out;
}

/**
 * Every file resolved while importing authored modules so far, when the CLI's loader hook reports
 * them; undefined when nothing does (run from source, e.g. under a test runner).
 */
export function importedFiles(): readonly ImportedFile[] | undefined {
  if (!resolvedFiles) return undefined;
  note();
  return [...imported.values()].filter((f): f is ImportedFile => f !== null);
}
