/**
 * Imports an authored module (obs.config.ts, a definition, a registry). The CLI runs obs's
 * library as a bundle and makes TS importable (registers tsx) only when the first authored module
 * is imported, so commands that load none (a no-op build, `obs promql`, `obs lint rules.yml`
 * without a config) skip tsx's start-up. Run from source, TS is already importable.
 */
let prepare: (() => Promise<void>) | undefined;

/** Called once by the CLI launcher with what makes TS importable. */
export function onFirstAuthoredImport(f: () => Promise<void>): void {
  prepare = f;
}

export async function importAuthored(url: string): Promise<Record<string, unknown>> {
  if (prepare) {
    const p = prepare;
    prepare = undefined;
    await p();
  }
  return (await import(url)) as Record<string, unknown>;
}
