/**
 * `obs import`: where each imported file's module goes in the project, and what it says. The folders
 * are the project's (obs.config.ts `paths`); the module imports the project's authoring API.
 */
import { existsSync } from 'node:fs';
import { readSourceText } from '../collect/source-file.ts';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { posixRelative } from '../core/files.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { loadConfig } from '../config/load.ts';
import { importDashboard } from './import-dashboard.ts';
import { importRules } from './import-rules.ts';

export type ImportKind = 'rules' | 'dashboard';

export interface FileImport {
  /** The imported file, relative to the project. */
  readonly source: string;
  /** The module to write, relative to the project. */
  readonly target: string;
  /** The target exists already (the CLI overwrites it only when told to). */
  readonly exists: boolean;
  readonly result:
    | { readonly ok: true; readonly text: string; readonly summary: string; readonly notes: readonly string[] }
    | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
}

// No leading dot: discovery skips hidden files (a dashboard titled ".NET Runtime").
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'imported';

/** The project's own authoring API when it has one (a project made from this repository), else obs's. */
function dslImportFrom(root: string, target: string): string {
  const api = [join(root, 'dsl', 'index.ts'), join(PACKAGE_ROOT, 'dsl', 'index.ts')].find((f) => existsSync(f)) ?? join(PACKAGE_ROOT, 'dsl', 'index.ts');
  const rel = posixRelative(dirname(join(root, target)), api);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * Rule files go to the alerts folder, or the recording folder when they only record, named after
 * the file; dashboards to the dashboards folder (in a folder named after their Grafana folder when
 * the API response says it), named after their uid (or title). `out` names the module instead.
 */
export async function importFiles(kind: ImportKind, root: string, files: readonly string[], outPath?: string): Promise<FileImport[]> {
  const config = await loadConfig(root);
  const out = outPath === undefined ? undefined : posixRelative(root, resolve(root, outPath));
  const planned = files.map((path): FileImport => {
    const source = posixRelative(root, resolve(root, path));
    const named = (folder: string, name: string): string => out ?? posixRelative(root, join(root, folder, `${slug(name)}.ts`));
    const read = readSourceText(resolve(root, path), source);
    if (!read.ok) {
      const target = named(kind === 'rules' ? config.paths.alerts : config.paths.dashboards, basename(source, extname(source)));
      return { source, target, exists: existsSync(join(root, target)), result: { ok: false, diagnostics: [read.diagnostic] } };
    }
    const src = read.text;
    if (kind === 'rules') {
      const r = importRules(src, { file: source });
      const target = named(r.ok && r.recordingOnly ? config.paths.recording : config.paths.alerts, basename(source, extname(source)));
      return {
        source, target, exists: existsSync(join(root, target)),
        // The module's import path depends on where it goes, which depends on what the file holds.
        result: r.ok ? { ok: true as const, text: r.moduleText(dslImportFrom(root, target)), notes: [], summary: `${r.groups} group(s), ${r.alerts} alert(s), ${r.records} recording rule(s)` } : r,
      };
    }
    const r = importDashboard(src, { file: source });
    // The module's folder under dashboards/ is the Grafana folder (as the build derives it back).
    const folder = r.ok && r.folder ? join(config.paths.dashboards, slug(r.folder)) : config.paths.dashboards;
    const target = named(folder, r.ok ? r.uid ?? r.title : basename(source, extname(source)));
    return {
      source, target, exists: existsSync(join(root, target)),
      result: r.ok ? { ok: true as const, text: r.moduleText(dslImportFrom(root, target)), notes: r.notes, summary: `${r.panels} panel(s)` } : r,
    };
  });
  // Two inputs named alike would write one module twice: the later ones are not imported.
  const first = new Map<string, string>();
  return planned.map((i): FileImport => {
    const earlier = first.get(i.target);
    if (earlier === undefined) {
      first.set(i.target, i.source);
      return i;
    }
    return {
      ...i, result: {
        ok: false, diagnostics: [{
          checkId: 'import/target', severity: 'error', message: `${earlier} and ${i.source} would both be written to ${i.target}`,
          hint: 'import this one on its own with --out', location: { file: i.source, line: 1, column: 1 },
        }],
      },
    };
  });
}
