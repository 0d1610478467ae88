/**
 * `obs lint --cache` (issue 19): what a lint of plain files found is kept in a file and reused only for
 * what did not change. Every case compares the cached run with an uncached run of the same files: a
 * cache may only make a run faster, never change what it reports. Staleness cases: a recording rule
 * in another file (label flows read it), the config, the target, a corrupt or foreign cache file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, type LintRun } from '../../dsl/pipeline/lint-files.ts';
import { LintCache, type PlainRunResult } from '../../dsl/pipeline/lint-cache.ts';
import type { UnitResult } from '../../dsl/lint/engine.ts';
import { runObs as runCli } from '../helpers/fixture-project.ts';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-lint-cache-')));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  for (const [p, c] of Object.entries(files)) writeFileSync(join(root, p), c);
  return root;
}

const RECORDED = 'groups:\n  - name: rec\n    rules:\n      - record: job:x:rate5m\n        expr: sum by (job) (rate(foo_total[5m]))\n';
const ALERTS = 'groups:\n  - name: alerts\n    rules:\n      - alert: High\n        expr: sum by (instance) (job:x:rate5m) > 1\n        for: 5m\n';
const OTHER = 'groups:\n  - name: other\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 10m\n      - alert: Bad\n        expr: rate(up[5m]\n';

/** What a report holds, without the cache's own account of the run. */
const found = (r: LintRun): unknown => ({ diagnostics: r.diagnostics, suppressed: r.suppressed, files: r.files, skipped: r.skipped });
const lint = (root: string, cache = true, target?: string): Promise<LintRun> =>
  lintFiles({ root, paths: ['a.yml', 'b.yml', 'c.yml'], ...(target ? { target } : {}), ...(cache ? { cache: { location: 'lint.cache' } } : {}) });

describe('obs lint --cache', () => {
  it('reports the same as an uncached run, cold and warm, and reuses the whole run when nothing changed', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    const plain = await lint(root, false);
    expect(plain.cache).toBeUndefined();
    expect(plain.diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.checkId}`)).toEqual(['b.yml:5 promql/grouping-labels', 'c.yml:8 promql/syntax']);
    const cold = await lint(root);
    expect(found(cold)).toEqual(found(plain));
    expect(cold.cache).toMatchObject({ runHit: false, unitHits: 0, unitMisses: 3 });
    expect(existsSync(join(root, 'lint.cache'))).toBe(true);
    const warm = await lint(root);
    expect(found(warm)).toEqual(found(plain));
    expect(warm.cache).toMatchObject({ runHit: true, unitHits: 0, unitMisses: 0 });
    expect(warm.sources.get('b.yml'), 'reporters still get the source lines').toBe(ALERTS);
  });

  it('checks again only the group whose file changed when no recording rule changed', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    await lint(root);
    writeFileSync(join(root, 'c.yml'), OTHER.replace('rate(up[5m]', 'rate(up[5m])'));
    const partial = await lint(root);
    expect(partial.cache).toMatchObject({ runHit: false, unitHits: 2, unitMisses: 1 });
    expect(found(partial)).toEqual(found(await lint(root, false)));
    expect(partial.diagnostics.map((d) => d.checkId)).not.toContain('promql/syntax');
  });

  it('checks every group again when a recording rule of another file changed (label flows read it)', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    expect((await lint(root)).diagnostics.some((d) => d.location?.file === 'b.yml')).toBe(true);
    // b.yml is unchanged, but the series it reads now keeps `instance`: its problem must go.
    writeFileSync(join(root, 'a.yml'), RECORDED.replace('sum by (job)', 'sum by (job, instance)'));
    const after = await lint(root);
    expect(after.cache).toMatchObject({ runHit: false, unitHits: 0, unitMisses: 3 });
    expect(after.diagnostics.filter((d) => d.location?.file === 'b.yml')).toEqual([]);
    expect(found(after)).toEqual(found(await lint(root, false)));
    // And back: the first run's entries were dropped, the problem is found again.
    writeFileSync(join(root, 'a.yml'), RECORDED);
    expect((await lint(root)).diagnostics.map((d) => d.location?.file)).toEqual(['b.yml', 'c.yml']);
  });

  it('reuses nothing when the config or the target changed', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    await lint(root);
    writeFileSync(join(root, 'obs.config.mjs'), "export default { lint: { checks: { 'promql/grouping-labels': 'warning' } } };\n");
    const configured = await lint(root);
    expect(configured.cache).toMatchObject({ runHit: false, unitHits: 0 });
    expect(configured.diagnostics.map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(found(configured)).toEqual(found(await lint(root, false)));
    const older = await lint(root, true, '2.42');
    expect(older.cache).toMatchObject({ runHit: false, unitHits: 0 });
    expect(found(older)).toEqual(found(await lint(root, false, '2.42')));
  });

  it('counts a kept group its checks refuse (the registry entries it read changed) as checked, not reused', () => {
    const root = project({});
    const file = join(root, 'units.cache');
    const NOTHING: PlainRunResult = { diagnostics: [], suppressed: [], files: 0, skipped: [], rules: true };
    const unit: UnitResult = { result: { diagnostics: [], suppressed: [] }, reads: { names: new Set(['a_total']), whole: false }, registry: 'r1' };
    const first = LintCache.open(file);
    expect(first.units.get('k')).toBeUndefined();
    first.units.set('k', unit);
    expect(first.save(undefined, NOTHING)).toMatchObject({ unitHits: 0, unitMisses: 1 });
    const refused = LintCache.open(file);
    expect(refused.units.get('k', (u) => u.registry === 'r2')).toBeUndefined();
    expect(refused.save(undefined, NOTHING)).toMatchObject({ unitHits: 0, unitMisses: 1 });
    const usable = LintCache.open(file);
    expect(usable.units.get('k', (u) => u.registry === 'r1')?.reads.names).toEqual(new Set(['a_total']));
    expect(usable.save(undefined, NOTHING)).toMatchObject({ unitHits: 1, unitMisses: 0 });
  });

  it('ignores and replaces a corrupt, truncated or foreign cache file', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    const want = found(await lint(root, false));
    const file = join(root, 'lint.cache');
    await lint(root);
    const good = readFileSync(file, 'utf8');
    for (const bad of ['', 'not json', good.slice(0, good.length / 2), 'null', '[]', JSON.stringify({ ...JSON.parse(good), obs: '0.0.0 other' }), JSON.stringify({ ...JSON.parse(good), format: 99 })]) {
      writeFileSync(file, bad);
      const r = await lint(root);
      expect(found(r), JSON.stringify(bad.slice(0, 20))).toEqual(want);
      expect(r.cache).toMatchObject({ runHit: false, unitHits: 0 });
      expect(JSON.parse(readFileSync(file, 'utf8')), 'rewritten').toMatchObject({ format: 2 });
    }
  });

  it('CLI: --cache writes .obslintcache (or --cache-location: a file or a folder); an unwritable location is a warning, not a failure', async () => {
    const root = project({ 'a.yml': RECORDED, 'b.yml': ALERTS, 'c.yml': OTHER });
    const first = await runCli(root, ['lint', '--cache', '--format', 'json', 'a.yml', 'b.yml', 'c.yml']);
    expect(existsSync(join(root, '.obslintcache'))).toBe(true);
    const second = await runCli(root, ['lint', '--cache', '--format', 'json', 'a.yml', 'b.yml', 'c.yml']);
    expect([second.code, second.stdout]).toEqual([first.code, first.stdout]);
    expect(first.code).toBe(1);
    mkdirSync(join(root, 'ci-cache'));
    await runCli(root, ['lint', '--cache', '--cache-location', 'ci-cache', 'a.yml']);
    expect(existsSync(join(root, 'ci-cache', '.obslintcache'))).toBe(true);
    writeFileSync(join(root, 'blocker'), '');
    const unwritable = await runCli(root, ['lint', '--cache', '--cache-location', 'blocker/sub/cache', 'a.yml', 'b.yml', 'c.yml']);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^obs lint: could not write the cache .*blocker\/sub\/cache \(.+\); the report is complete$/m);
    expect((await runCli(root, ['lint', '--cache-location', 'x', 'a.yml'])).stderr).toMatch(/--cache-location needs --cache/);
  });
});
