/**
 * `obs import`: where each imported file's module goes in the project, and what it says. The folders
 * are the project's (obs.config.ts `paths`); the module imports the project's authoring API.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readSourceText } from '../collect/source-file.ts';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { posixRelative } from '../core/files.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { loadConfig } from '../config/load.ts';
import { importDashboard } from './dashboard.ts';
import { importedProblems } from './problems.ts';
import { importRules } from './rules.ts';
import { importAlertmanager } from './alertmanager.ts';

export type ImportKind = 'rules' | 'dashboard' | 'alertmanager';

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
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '') || 'imported';

/**
 * The project's own authoring API when it has one (a project made from this repository), else
 * 'obs-as-code' where the project depends on it (obs init), else obs's by relative path.
 */
function dslImportFrom(root: string, target: string): string {
  if (!existsSync(join(root, 'dsl', 'index.ts')) && dependsOnObs(root)) return 'obs-as-code';
  const api =
    [join(root, 'dsl', 'index.ts'), join(PACKAGE_ROOT, 'dsl', 'index.ts')].find((f) => existsSync(f)) ??
    join(PACKAGE_ROOT, 'dsl', 'index.ts');
  const rel = posixRelative(dirname(join(root, target)), api);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** One note per check: how many problems the file had and that the build lists them. */
function problemNotes(problems: readonly Diagnostic[]): string[] {
  const by = new Map<string, number>();
  for (const d of problems) by.set(d.checkId, (by.get(d.checkId) ?? 0) + 1);
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([check, n]) =>
        `${n} problem(s) of ${check} were in the file already: suppressed where they are, the build lists them; fix them, then remove the suppressions`,
    );
}

function dependsOnObs(root: string): boolean {
  if (existsSync(join(root, 'node_modules', 'obs-as-code', 'package.json'))) return true;
  try {
    const m = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: object;
      devDependencies?: object;
    };
    return Object.hasOwn(m.dependencies ?? {}, 'obs-as-code') || Object.hasOwn(m.devDependencies ?? {}, 'obs-as-code');
  } catch {
    return false;
  }
}

/**
 * Rule files go to the alerts folder, or the recording folder when they only record, named after
 * the file; dashboards to the dashboards folder (in a folder named after their Grafana folder when
 * the API response says it), named after their uid (or title). `out` names the module instead.
 */
export async function importFiles(
  kind: ImportKind,
  root: string,
  files: readonly string[],
  outPath?: string,
): Promise<FileImport[]> {
  const config = await loadConfig(root);
  const out = outPath === undefined ? undefined : posixRelative(root, resolve(root, outPath));
  const planned = await Promise.all(
    files.map(async (path): Promise<FileImport> => {
      const source = posixRelative(root, resolve(root, path));
      const named = (folder: string, name: string): string =>
        out ?? posixRelative(root, join(root, folder, `${slug(name)}.ts`));
      const read = readSourceText(resolve(root, path), source);
      if (!read.ok) {
        const target = named(
          kind === 'rules' ? config.paths.alerts : config.paths.dashboards,
          basename(source, extname(source)),
        );
        return {
          source,
          target,
          exists: existsSync(join(root, target)),
          result: { ok: false, diagnostics: [read.diagnostic] },
        };
      }
      const src = read.text;
      if (kind === 'rules') {
        const r = importRules(src, { file: source });
        const target = named(
          r.ok && r.recordingOnly ? config.paths.recording : config.paths.alerts,
          basename(source, extname(source)),
        );
        if (!r.ok) return { source, target, exists: existsSync(join(root, target)), result: r };
        // What the file already had that would fail the build is suppressed in the module, and listed.
        const found = await importedProblems(root, config, r.module, r.locate);
        return {
          source,
          target,
          exists: existsSync(join(root, target)),
          // The module's import path depends on where it goes, which depends on what the file holds.
          result: {
            ok: true as const,
            text: r.moduleText(dslImportFrom(root, target), found),
            notes: [...r.notes, ...problemNotes(found.problems)],
            summary: `${r.groups} group(s), ${r.alerts} alert(s), ${r.records} recording rule(s)${r.objects > 1 ? `, ${r.objects} PrometheusRule objects` : r.object ? `, PrometheusRule ${r.object.namespace ? `${r.object.namespace}/` : ''}${r.object.name}` : ''}`,
          },
        };
      }
      if (kind === 'alertmanager') {
        const r = importAlertmanager(src, { file: source });
        // The project's one configuration: alertmanager/index.ts.
        const target = out ?? posixRelative(root, join(root, config.paths.alertmanager, 'index.ts'));
        return {
          source,
          target,
          exists: existsSync(join(root, target)),
          result: r.ok
            ? {
                ok: true as const,
                text: r.moduleText(dslImportFrom(root, target)),
                notes: r.notes,
                summary: `${r.routes} route(s), ${r.receivers} receiver(s)`,
              }
            : r,
        };
      }
      const r = importDashboard(src, { file: source });
      // The module's folder under dashboards/ is the Grafana folder (as the build derives it back).
      const folder = r.ok && r.folder ? join(config.paths.dashboards, slug(r.folder)) : config.paths.dashboards;
      const target = named(folder, r.ok ? (r.uid ?? r.title) : basename(source, extname(source)));
      return {
        source,
        target,
        exists: existsSync(join(root, target)),
        result: r.ok
          ? {
              ok: true as const,
              text: r.moduleText(dslImportFrom(root, target)),
              notes: r.notes,
              summary: `${r.panels} panel(s)`,
            }
          : r,
      };
    }),
  );
  // Two inputs named alike would write one module twice: the later ones are not imported.
  const first = new Map<string, string>();
  return planned.map((i): FileImport => {
    const earlier = first.get(i.target);
    if (earlier === undefined) {
      first.set(i.target, i.source);
      return i;
    }
    return {
      ...i,
      result: {
        ok: false,
        diagnostics: [
          {
            checkId: 'import/target',
            severity: 'error',
            message: `${earlier} and ${i.source} would both be written to ${i.target}`,
            hint: 'import this one on its own with --out',
            location: { file: i.source, line: 1, column: 1 },
          },
        ],
      },
    };
  });
}
