/**
 * Loads the authored metric registries (registry/*.ts): every exported `registry({...})`. A module
 * that throws becomes a located diagnostic, as for rule modules.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { isRegistry, type RegistryData } from '../registry/index.ts';
import { importModules, loadErrorDiagnostic, type LoadLimits } from './load.ts';

export interface LoadedRegistries {
  readonly registries: readonly RegistryData[];
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadRegistries(
  root: string,
  modules: readonly string[],
  limits: LoadLimits = {},
): Promise<LoadedRegistries> {
  const registries: RegistryData[] = [];
  const imported = await importModules(root, modules, limits);
  const diagnostics: Diagnostic[] = [...imported.diagnostics];
  for (const loaded of imported.loads) {
    if ('error' in loaded) diagnostics.push(loadErrorDiagnostic(loaded.module, loaded.error));
    else
      for (const v of Object.values(loaded.exports)) if (isRegistry(v) && !registries.includes(v)) registries.push(v);
  }
  return { registries, diagnostics };
}
