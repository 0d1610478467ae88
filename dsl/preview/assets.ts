/**
 * What every page inlines, read at generation time: uPlot's dist build and stylesheet, marked's
 * browser build (text panels), and the preview's own script and styles. Nothing is fetched when a
 * page is viewed. Source-map comments are dropped: they would name files the viewer does not have.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';

export interface Assets {
  readonly css: string;
  /** Classic scripts defining the globals `uPlot` and `marked`. */
  readonly libraries: string;
  /** The preview's ES module (assets/preview.js). */
  readonly module: string;
}

// From the package root: the CLI runs a bundle of dsl/ that lives elsewhere (bin/library.js).
const require = createRequire(join(PACKAGE_ROOT, 'package.json'));
// An installed package has no dsl/: scripts/pack.mjs copies the assets to dist/preview-assets/.
const HERE =
  [join(PACKAGE_ROOT, 'dsl', 'preview', 'assets'), join(PACKAGE_ROOT, 'dist', 'preview-assets')].find((d) =>
    existsSync(d),
  ) ?? join(PACKAGE_ROOT, 'dsl', 'preview', 'assets');

/** A file of an installed package, also one its `exports` map does not list. */
function packageFile(name: string, rel: string): string {
  const entry = require.resolve(name);
  const marker = `${sep}node_modules${sep}${name}${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot find the package directory of ${name} from ${entry}`);
  return join(entry.slice(0, at + marker.length), rel);
}

const stripMaps = (js: string): string => js.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/gm, '\n');
/** Inline script text must not contain `</script`: the HTML parser would end the element there. */
export const scriptSafe = (js: string): string => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

export function loadAssets(): Assets {
  const read = (p: string): string => readFileSync(p, 'utf8');
  return {
    css: `${read(packageFile('uplot', 'dist/uPlot.min.css'))}\n${read(join(HERE, 'preview.css'))}`,
    libraries: scriptSafe(
      `${stripMaps(read(packageFile('uplot', 'dist/uPlot.iife.min.js')))}\n;\n${stripMaps(read(packageFile('marked', 'lib/marked.umd.js')))}`,
    ),
    module: scriptSafe(read(join(HERE, 'preview.js'))),
  };
}
