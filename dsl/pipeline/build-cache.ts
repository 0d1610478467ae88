/**
 * The no-op rebuild: when no file of the project (definitions, helpers they import, config,
 * registries, the lockfile), no file outside it that the definitions imported, no file of obs's
 * library, no file of out/, no environment variable and not the Node version changed since the
 * last successful build, that build's result stands, so `obs build` reports it again without
 * loading a module. Fingerprints are stat-based (see fingerprint.ts). Kept under
 * node_modules/.cache, per project directory; anything unreadable or different means an ordinary
 * build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeWhole } from '../core/files.ts';
import { join, sep } from 'node:path';
import type { Diagnostic, Severity } from '../core/diagnostic.ts';
import { importedFiles, type ImportedFile } from '../core/import-authored.ts';
import { LIBRARY_FINGERPRINT, PACKAGE_ROOT } from '../core/package-root.ts';
import type { SuppressedProblem } from '../lint/engine.ts';
import { treeFingerprint } from './fingerprint.ts';
import { interruptedBuildLeftovers, swapPaths } from './out-dir.ts';

/** What a cached build reports again. */
export interface CachedBuild {
  readonly outDir: string;
  readonly failOn: Severity;
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedProblem[];
  readonly counts: Readonly<Record<string, number>>;
  readonly files: number;
}

interface Entry extends CachedBuild {
  readonly format: number;
  readonly inputs: string;
  readonly out: string;
  readonly external: readonly ImportedFile[];
}

const FORMAT = 2;
/**
 * Set by the shell or by npm for each command, not by the user: `npm run build:obs` and
 * `npx obs lint` share the record. Definitions that read the environment read their own names.
 */
const VOLATILE_ENV = new Set(['_', 'OLDPWD', 'INIT_CWD', 'NODE', 'PATH', 'COLOR', 'EDITOR']);
const isVolatile = (name: string): boolean => VOLATILE_ENV.has(name) || name.startsWith('npm_');
/** Entries of other project directories older than this are removed when an entry is written. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

function cacheDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'obs-as-code');
}

function entryPath(root: string): string {
  return join(cacheDir(root), `build-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
}

/**
 * Everything the build reads, taken when it starts; undefined on a file system whose timestamps
 * are too coarse to trust (then nothing is recorded and every build runs).
 */
export function inputsFingerprint(root: string, outDir: string): string | undefined {
  // Not out/, nor the folders a build writes beside it (a concurrent build's new tree is no input).
  const tree = treeFingerprint(root, {
    skip: [join(root, 'node_modules'), join(root, '.git'), join(root, outDir), ...swapPaths(root, outDir)],
  });
  if (tree.coarse) return undefined;
  const project = tree.hash;
  // Packages the definitions import: npm rewrites this file on every install.
  const installed = statSync(join(root, 'node_modules', '.package-lock.json'), { throwIfNoEntry: false });
  // Definitions may read the environment; the Node version may change what they compute.
  const env = Object.entries(process.env)
    .filter(([k]) => !isVolatile(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(
      `${FORMAT}\n${process.version}\n${LIBRARY_FINGERPRINT ?? ''}\n${project}\n${installed?.size ?? '-'} ${installed?.mtimeMs ?? '-'}\n`,
    )
    .update(JSON.stringify(env))
    .digest('hex');
}

/**
 * Files the definitions imported from outside the project (a monorepo's shared helpers, packages
 * hoisted to its root, an npm link); the project's node_modules is covered by npm's install
 * record, obs's library by its fingerprint and its bundle by that.
 */
function externalFiles(root: string): ImportedFile[] {
  const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir + sep);
  return (importedFiles() ?? [])
    .filter(
      (f) =>
        !inside(f.path, root) &&
        !inside(f.path, join(PACKAGE_ROOT, 'dsl')) &&
        !inside(f.path, join(PACKAGE_ROOT, 'node_modules', '.cache')),
    )
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function unchanged(f: ImportedFile): boolean {
  const s = statSync(f.path, { throwIfNoEntry: false });
  return s !== undefined && s.size === f.size && s.mtimeMs === f.mtimeMs;
}

function outFingerprint(root: string, outDir: string): string | undefined {
  const tree = treeFingerprint(join(root, outDir));
  return tree.coarse ? undefined : tree.hash;
}

/**
 * Only the CLI's bundle records and reuses builds: its loader hook reports the files definitions
 * import from outside the project, which a run from source (a test runner) cannot see, and its
 * fingerprint tells which obs built the record.
 */
export const CACHE_AVAILABLE: boolean = LIBRARY_FINGERPRINT !== undefined;

/** The last build's result, if nothing it depended on changed since. */
export function cachedBuild(root: string): CachedBuild | undefined {
  if (!CACHE_AVAILABLE) return undefined;
  let e: Entry;
  try {
    e = JSON.parse(readFileSync(entryPath(root), 'utf8')) as Entry;
  } catch {
    return undefined;
  }
  // An interrupted build's folders beside out/: a build must run, to put out/ in order.
  if (interruptedBuildLeftovers(root, e.outDir).length) return undefined;
  if (
    e.format !== FORMAT ||
    e.out !== outFingerprint(root, e.outDir) ||
    e.inputs !== inputsFingerprint(root, e.outDir) ||
    !e.external.every(unchanged)
  )
    return undefined;
  return e;
}

/** Records a successful build that wrote (or verified) out/. */
export function rememberBuild(root: string, inputs: string, b: CachedBuild): void {
  if (!CACHE_AVAILABLE) return;
  const out = outFingerprint(root, b.outDir);
  if (out === undefined) return;
  try {
    const dir = cacheDir(root);
    mkdirSync(dir, { recursive: true });
    const entry: Entry = { format: FORMAT, inputs, out, external: externalFiles(root), ...b };
    const path = entryPath(root);
    writeWhole(path, JSON.stringify(entry));
    const now = Date.now();
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (
        f.startsWith('build-') &&
        p !== path &&
        now - (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? now) > MAX_AGE_MS
      )
        rmSync(p, { force: true });
    }
  } catch {
    // A cache that cannot be written only costs the next build its shortcut.
  }
}
