import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error bin/link-ts.js is plain JavaScript without types
import { stronglyConnected } from '../bin/link-ts.js';

/**
 * dsl/ is layered; a layer imports only from lower ones, and siblings on one rank never import each
 * other. Data flows definitions → collect → check → emit; the CLI only parses and formats.
 */
const RANK: Record<string, number> = {
  core: 0,
  promql: 1, registry: 1,
  rules: 2, dashboard: 2, alertmanager: 2,
  slo: 3,
  collect: 4,
  lint: 5, emit: 5,
  diff: 6, report: 6, preview: 6,
  config: 7,
  pipeline: 8, import: 8,
  lsp: 9,
  cli: 10,
};

const DSL = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dsl');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(DSL, file).split(sep);
  return rel.length === 1 ? 'index' : (rel[0] ?? '');
}

/** Static imports and re-exports (types too), side-effect imports (`import './x.ts'`), dynamic imports. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The dsl/ files a file imports, by any of the forms above. */
function importsOf(file: string): { spec: string; target: string }[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].flatMap((m) => {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    return spec.startsWith('.') ? [{ spec, target: resolve(dirname(file), spec) }] : [];
  });
}

/** Strongly connected components of more than one file (or a file importing itself). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const next = (v: string): readonly string[] => graph.get(v) ?? [];
  return (stronglyConnected([...graph.keys()].sort(), next) as string[][])
    .filter((c) => c.length > 1 || next(c[0]!).includes(c[0]!))
    .map((c) => c.sort());
}

describe('dsl/ layering', () => {
  const all = files(DSL);

  it('every directory of dsl/ is a known layer', () => {
    const layers = new Set(all.map(layerOf).filter((l) => l !== 'index'));
    for (const l of layers) expect(RANK, `unknown layer dsl/${l}`).toHaveProperty(l);
  });

  it('each layer imports only from lower layers (or itself)', () => {
    const violations: string[] = [];
    for (const f of all) {
      const from = layerOf(f);
      if (from === 'index') continue;
      for (const { spec, target } of importsOf(f)) {
        if (!target.startsWith(DSL)) {
          violations.push(`${relative(DSL, f)} imports ${spec}, outside dsl/ (dsl never imports authored folders)`);
          continue;
        }
        const to = layerOf(target);
        if (to === from) continue;
        if (to === 'index' || (RANK[to] ?? 99) >= (RANK[from] ?? -1)) violations.push(`${relative(DSL, f)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the authoring surface (dsl/index.ts) imports no part of the pipeline, the CLI or the API', () => {
    const offenders = importsOf(join(DSL, 'index.ts'))
      .filter(({ target }) => ['build', 'cli', 'collect', 'lint', 'emit', 'diff', 'report', 'preview', 'index'].includes(layerOf(target)) || target === join(DSL, 'api.ts'))
      .map(({ spec }) => spec);
    expect(offenders).toEqual([]);
  });

  it('the programmatic API (dsl/api.ts) is not imported by the library, and imports no CLI', () => {
    expect(importsOf(join(DSL, 'api.ts')).filter(({ target }) => layerOf(target) === 'cli').map(({ spec }) => spec)).toEqual([]);
    expect(all.filter((f) => importsOf(f).some(({ target }) => target === join(DSL, 'api.ts'))).map((f) => relative(DSL, f))).toEqual([]);
  });

  it('no import cycles, of any length, type-only and side-effect imports included', () => {
    const graph = new Map(all.map((f) => [relative(DSL, f).split(sep).join('/'), importsOf(f).map(({ target }) => relative(DSL, target).split(sep).join('/'))]));
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]))).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('reads side-effect imports as imports', () => {
    expect([..."import './x.ts';\nimport type { A } from './a.ts';\nexport * from './y.ts';".matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])).toEqual(['./x.ts', './a.ts', './y.ts']);
  });

  it('nothing but the bin imports the CLI', () => {
    const offenders = all.filter((f) => layerOf(f) !== 'cli' && /from\s+['"][^'"]*\/cli\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(DSL, f))).toEqual([]);
  });
});
