/**
 * V8's code cache of the CLI's library (bin/library.js runLibrary): it holds only the functions the
 * runs that wrote it compiled, so the first run of each command on a cache writes it again with
 * what it compiled too. A cache first written by `obs --version` (the first command after an
 * install) must not leave `obs lint` compiling its checks on every run (issue 19).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error bin/library.js is plain JavaScript without types
import { fingerprint } from '../../bin/library.js';
import { REPO_ROOT, runObsBinary } from '../helpers/fixture-project.ts';

const SMALL = 'scripts/bench/rule-files/exporter-alerts.yml';

it('is written again by the first run of each command, with the code that command compiled', async () => {
  expect((await runObsBinary(REPO_ROOT, ['--version'])).code).toBe(0);
  const esbuild = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')) as { version: string };
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'obs-as-code', (fingerprint as (v: string) => string)(esbuild.version));
  const name = readdirSync(dir).find((f) => /^lib\.v8-.*\.cache$/.test(f));
  expect(name, `a code cache in ${dir}`).toBeDefined();
  const cache = join(dir, name!);
  const commands = (): string[] => (existsSync(`${cache}.commands`) ? readFileSync(`${cache}.commands`, 'utf8').split('\n') : []);

  rmSync(cache, { force: true });
  rmSync(`${cache}.commands`, { force: true });
  expect((await runObsBinary(REPO_ROOT, ['--version'])).code).toBe(0);
  expect(commands()).toContain('-');
  const versionOnly = statSync(cache).size;

  expect((await runObsBinary(REPO_ROOT, ['lint', SMALL], { CI: '1' })).code).toBe(1);
  expect(commands()).toContain('lint');
  // The lint's checks, reporters and the YAML reader were compiled and are kept now.
  expect(statSync(cache).size).toBeGreaterThan(versionOnly * 1.5);

  expect((await runObsBinary(REPO_ROOT, ['lint', SMALL], { CI: '1' })).code).toBe(1);
  expect(commands().filter((c) => c === 'lint'), 'a command writes the cache once').toHaveLength(1);
}, 120_000);
