/** The session replaces process-wide state: each run sees its own root, caches and source texts. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { relativeToProject } from '../../dsl/core/call-site.ts';
import { cacheKey, currentRoot, runCache, Session } from '../../dsl/core/session.ts';
import { locateInExpression } from '../../dsl/lint/locate.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('two sessions running at once each see their own root, also across awaits', async () => {
  const a = new Session('/projects/a');
  const b = new Session('/projects/b');
  const seen = await Promise.all([
    a.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return relativeToProject('/projects/a/alerts/x.ts');
    }),
    b.run(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return relativeToProject('/projects/b/alerts/y.ts');
    }),
  ]);
  expect(seen).toEqual(['alerts/x.ts', 'alerts/y.ts']);
  expect(currentRoot()).toBe(process.cwd());
});

it("a run's caches are its own, and a new run starts them empty", () => {
  const KEY = cacheKey('test/numbers', () => new Map<string, number>());
  const s = new Session('/p');
  s.run(() => runCache(KEY).set('x', 1));
  expect(s.run(() => runCache(KEY).get('x'))).toBe(1);
  expect(new Session('/p').run(() => runCache(KEY).get('x'))).toBeUndefined();
  s.beginRun();
  expect(s.run(() => runCache(KEY).get('x'))).toBeUndefined();
  // Outside any session nothing is kept.
  runCache(KEY).set('y', 2);
  expect(runCache(KEY).get('y')).toBeUndefined();
});

it('locates in the text of the run: read once, an overlay (an unsaved buffer) wins, a new run reads again', () => {
  const root = mkdtempSync(join(tmpdir(), 'obs-session-'));
  dirs.push(root);
  writeFileSync(join(root, 'a.ts'), "x(\n  'sum(rate(a[5m]))',\n);\n");
  const site = { file: 'a.ts', line: 1, column: 1 };
  const s = new Session(root);
  expect(s.run(() => locateInExpression(root, site, 'sum(rate(a[5m]))', 4))).toMatchObject({ line: 2, column: 8 });
  // Changed on disk during the run: the run keeps the text it read.
  writeFileSync(join(root, 'a.ts'), "x(\n\n\n  'sum(rate(a[5m]))',\n);\n");
  expect(s.run(() => locateInExpression(root, site, 'sum(rate(a[5m]))', 4))).toMatchObject({ line: 2, column: 8 });
  s.beginRun();
  expect(s.run(() => locateInExpression(root, site, 'sum(rate(a[5m]))', 4))).toMatchObject({ line: 4, column: 8 });
  s.beginRun(new Map([['a.ts', "x('sum(rate(a[5m]))');\n"]]));
  expect(s.run(() => locateInExpression(root, site, 'sum(rate(a[5m]))', 4))).toMatchObject({ line: 1, column: 8 });
});
