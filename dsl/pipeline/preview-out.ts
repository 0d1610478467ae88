/**
 * The library API behind `obs preview`: out/ of the working tree (and of a git ref with --base)
 * rendered as static pages into a folder, which is replaced as a whole (atomically, like out/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { readGitTree, readWorkTree } from '../diff/index.ts';
import { prometheusClient, renderPreview, type PreviewResult } from '../preview/index.ts';
import { writeOutDir } from './out-dir.ts';

export interface PreviewOutOptions {
  readonly root: string;
  /** The folder to write (relative to root), default `preview`. */
  readonly outDir?: string;
  readonly prometheus?: string;
  readonly base?: string;
  /** Unix seconds (default: now). */
  readonly now?: number;
  readonly alertWindowSeconds?: number;
  readonly alertStepSeconds?: number;
}

export class PreviewError extends Error {}

/** Writing replaces the folder: refuse one that holds anything but an earlier preview. */
function checkTarget(root: string, dir: string, outDir: string): void {
  const rel = relative(root, dir) || '.';
  const inside = (child: string, parent: string): boolean => {
    const r = relative(parent, child);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  const out = resolve(root, outDir);
  if (inside(root, dir) || inside(out, dir) || inside(dir, out)) {
    throw new PreviewError(
      `--out ${rel} would replace ${inside(root, dir) ? 'the project folder' : `${outDir}/`}; choose a folder of its own, e.g. --out preview`,
    );
  }
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new PreviewError(`--out ${rel}: exists and is not a folder`);
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  const index = join(dir, 'index.html');
  const ours =
    existsSync(index) && readFileSync(index, 'utf8').includes('<meta name="generator" content="obs preview">');
  if (!ours)
    throw new PreviewError(
      `--out ${rel}: the folder holds files that are not an obs preview (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}); obs preview replaces its folder, so give it an empty or new one`,
    );
}

export async function previewOut(opts: PreviewOutOptions): Promise<PreviewResult & { readonly dir: string }> {
  const config = await loadConfig(opts.root);
  const dir = resolve(opts.root, opts.outDir ?? 'preview');
  checkTarget(opts.root, dir, config.outDir);
  // Without out/ the preview would be an empty index page, reported as written.
  if (!existsSync(join(opts.root, config.outDir)))
    throw new PreviewError(`${config.outDir}/ does not exist: run obs build first, then obs preview`);
  const base =
    opts.base !== undefined ? { ref: opts.base, tree: readGitTree(opts.root, opts.base, config.outDir) } : undefined;
  const tree = readWorkTree(join(opts.root, config.outDir));
  const client = opts.prometheus !== undefined ? prometheusClient(opts.prometheus) : null;
  if (client) await client.query('1', Math.floor(Date.now() / 1000)); // unreachable or not a Prometheus: say so once, before any page
  const result = await renderPreview({
    tree,
    client,
    now: opts.now ?? Math.floor(Date.now() / 1000),
    ...(base ? { base } : {}),
    ...(opts.alertWindowSeconds !== undefined ? { alertWindowSeconds: opts.alertWindowSeconds } : {}),
    ...(opts.alertStepSeconds !== undefined ? { alertStepSeconds: opts.alertStepSeconds } : {}),
  });
  // The preview folder may lie outside the project (a CI artifact folder): its parent is the root the writer guards.
  await writeOutDir(
    dirname(dir),
    basename(dir),
    [...result.files].map(([path, content]) => ({ path, content })),
  );
  return { ...result, dir };
}
