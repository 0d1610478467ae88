/**
 * The no-op rebuild: when no file of the project (definitions, helpers they import, config,
 * registries, the lockfile), no file of obs's library and no file of out/ changed since the last
 * successful build, that build's result stands, so `obs build` reports it again without loading a
 * module. Fingerprints are stat-based (see fingerprint.ts). Kept under node_modules/.cache, per
 * project directory; anything unreadable or different means an ordinary build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Severity } from '../core/diagnostic.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import type { SuppressedProblem } from '../lint/engine.ts';
import { treeFingerprint } from './fingerprint.ts';

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
}

const FORMAT = 1;
/** Entries of other project directories older than this are removed when an entry is written. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

function cacheDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'obs-as-code');
}

function entryPath(root: string): string {
  return join(cacheDir(root), `build-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
}

let library: string | undefined;

/** The library's own sources: a new obs (or an edited one) builds afresh. */
function libraryFingerprint(): string {
  return (library ??= treeFingerprint(join(PACKAGE_ROOT, 'dsl'), { include: (n) => n.endsWith('.ts') }));
}

/** Everything the build reads, taken when it starts. */
export function inputsFingerprint(root: string, outDir: string): string {
  const project = treeFingerprint(root, { skip: [join(root, 'node_modules'), join(root, '.git'), join(root, outDir)] });
  // Packages the definitions import: npm rewrites this file on every install.
  const installed = statSync(join(root, 'node_modules', '.package-lock.json'), { throwIfNoEntry: false });
  return createHash('sha256').update(`${FORMAT}\n${libraryFingerprint()}\n${project}\n${installed?.size ?? '-'} ${installed?.mtimeMs ?? '-'}\n`).digest('hex');
}

function outFingerprint(root: string, outDir: string): string {
  return treeFingerprint(join(root, outDir));
}

/** The last build's result, if nothing it depended on changed since. */
export function cachedBuild(root: string): CachedBuild | undefined {
  let e: Entry;
  try {
    e = JSON.parse(readFileSync(entryPath(root), 'utf8')) as Entry;
  } catch {
    return undefined;
  }
  if (e.format !== FORMAT || e.out !== outFingerprint(root, e.outDir) || e.inputs !== inputsFingerprint(root, e.outDir)) return undefined;
  return e;
}

/** Records a successful build that wrote (or verified) out/. */
export function rememberBuild(root: string, inputs: string, b: CachedBuild): void {
  try {
    const dir = cacheDir(root);
    mkdirSync(dir, { recursive: true });
    const entry: Entry = { format: FORMAT, inputs, out: outFingerprint(root, b.outDir), ...b };
    const path = entryPath(root);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
    const now = Date.now();
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (f.startsWith('build-') && p !== path && now - (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? now) > MAX_AGE_MS) rmSync(p, { force: true });
    }
  } catch {
    // A cache that cannot be written only costs the next build its shortcut.
  }
}
