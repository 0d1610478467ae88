/**
 * Loads the authored metric registries (registry/*.ts): every exported `registry({...})`. A module
 * that throws becomes a located diagnostic, as for rule modules.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.ts';
import { isRegistry, type RegistryData } from '../registry/index.ts';
import { loadErrorDiagnostic } from './load.ts';
import { importAll } from '../core/import-authored.ts';

export interface LoadedRegistries {
  readonly registries: readonly RegistryData[];
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadRegistries(root: string, modules: readonly string[]): Promise<LoadedRegistries> {
  const registries: RegistryData[] = [];
  const diagnostics: Diagnostic[] = [];
  const loads = await importAll(modules.map((module) => pathToFileURL(join(root, module)).href));
  for (const [i, module] of modules.entries()) {
    const loaded = loads[i]!;
    if ('error' in loaded) diagnostics.push(loadErrorDiagnostic(module, loaded.error));
    else for (const v of Object.values(loaded.exports)) if (isRegistry(v) && !registries.includes(v)) registries.push(v);
  }
  return { registries, diagnostics };
}
