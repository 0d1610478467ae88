import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
  build: 8, import: 8,
  cli: 9,
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

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

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
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? '';
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(f), spec);
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

  it('nothing but the bin imports the CLI', () => {
    const offenders = all.filter((f) => layerOf(f) !== 'cli' && /from\s+['"][^'"]*\/cli\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(DSL, f))).toEqual([]);
  });
});
