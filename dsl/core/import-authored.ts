/**
 * Imports an authored module (obs.config.ts, a definition, a registry). The CLI runs obs's
 * library as a bundle and makes TS importable (registers tsx) only when the first authored module
 * is imported, so commands that load none (a no-op build, `obs promql`, `obs lint rules.yml`
 * without a config) skip tsx's start-up. Run from source, TS is already importable.
 */
/** Lists the file URLs resolved while importing authored modules (the CLI's loader hook tells them). */
export type ResolvedFiles = () => readonly string[];

let prepare: (() => Promise<ResolvedFiles | void>) | undefined;
let resolvedFiles: ResolvedFiles | undefined;

/** Called once by the CLI launcher with what makes TS importable. */
export function onFirstAuthoredImport(f: () => Promise<ResolvedFiles | void>): void {
  prepare = f;
}

export async function importAuthored(url: string): Promise<Record<string, unknown>> {
  if (prepare) {
    const p = prepare;
    prepare = undefined;
    resolvedFiles = (await p()) ?? undefined;
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Every file URL resolved while importing authored modules so far, when the CLI's loader hook
 * reports them; undefined when nothing does (run from source, e.g. under a test runner).
 */
export function importedFiles(): readonly string[] | undefined {
  return resolvedFiles?.();
}
