// Builds what the installed package runs (npm runs this before `npm pack` and for a git
// dependency): the library bundle in dist/lib/ (the one bin/library.js builds into its cache from a
// checkout) and the authoring API's type declarations in dist/types/, for the user's tsc.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleLibrary, fingerprint } from '../bin/library.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
rmSync(DIST, { recursive: true, force: true });

// The packed bundle finds its package from its own file ('' root); its fingerprint is of dsl/'s contents.
await bundleLibrary(esbuild, join(DIST, 'lib'), {
  root: '',
  fingerprint: `packed-${fingerprint(esbuild.version, { contents: true })}`,
});

// The files the preview inlines in its pages (dsl/preview/assets.ts reads them from here when installed).
cpSync(join(ROOT, 'dsl', 'preview', 'assets'), join(DIST, 'preview-assets'), {
  recursive: true,
  filter: (f) => !f.endsWith('.d.ts'),
});

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.pack.json')], { cwd: ROOT, stdio: 'inherit' });

// dsl/ imports its modules as './x.ts'; declaration files name the './x.js' that resolves to x.d.ts.
const SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
function rewrite(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rewrite(p);
    else if (name.endsWith('.d.ts')) writeFileSync(p, readFileSync(p, 'utf8').replace(SPECIFIER, '$1$2.js$3'));
  }
}
rewrite(join(DIST, 'types'));
