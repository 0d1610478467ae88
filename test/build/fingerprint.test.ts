/** The stat fingerprint behind the no-op rebuild: what changes it, and when it is not trusted. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { treeFingerprint } from '../../dsl/pipeline/fingerprint.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(): string {
  const d = mkdtempSync(join(tmpdir(), 'obs-fp-'));
  dirs.push(d);
  mkdirSync(join(d, 'alerts'));
  writeFileSync(join(d, 'alerts', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(d, 'b.ts'), 'export const b = 2;\n');
  return d;
}

it('changes with a file edited, added or removed, and not with a skipped folder', () => {
  const d = tree();
  const first = treeFingerprint(d, { skip: [join(d, 'out')] }).hash;
  mkdirSync(join(d, 'out'));
  writeFileSync(join(d, 'out', 'x.yml'), 'x\n');
  expect(treeFingerprint(d, { skip: [join(d, 'out')] }).hash).toBe(first);
  writeFileSync(join(d, 'alerts', 'a.ts'), 'export const a = 10;\n');
  const edited = treeFingerprint(d, { skip: [join(d, 'out')] }).hash;
  expect(edited).not.toBe(first);
  writeFileSync(join(d, 'alerts', 'c.ts'), '');
  expect(treeFingerprint(d, { skip: [join(d, 'out')] }).hash).not.toBe(edited);
});

it('follows a symlinked folder, once, even in a cycle', () => {
  const d = tree();
  const other = mkdtempSync(join(tmpdir(), 'obs-fp-linked-'));
  dirs.push(other);
  writeFileSync(join(other, 'shared.ts'), 'export const s = 1;\n');
  symlinkSync(other, join(d, 'linked'), 'dir');
  symlinkSync(d, join(other, 'back'), 'dir');
  const before = treeFingerprint(d).hash;
  writeFileSync(join(other, 'shared.ts'), 'export const s = 22;\n');
  expect(treeFingerprint(d).hash).not.toBe(before);
});

it('is coarse (not to be trusted) when every file time is a whole second', () => {
  const d = tree();
  expect(treeFingerprint(d).coarse).toBe(false);
  const t = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  for (const f of [join(d, 'alerts', 'a.ts'), join(d, 'b.ts')]) utimesSync(f, t, t);
  expect(treeFingerprint(d).coarse).toBe(true);
});
