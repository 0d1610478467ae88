/** `obs --version` (or -V): the package's version, without loading any command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, runObs } from '../helpers/fixture-project.ts';

const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

it.each(['--version', '-V'])('obs %s prints the version of package.json', async (flag) => {
  const r = await runObs(REPO_ROOT, [flag]);
  expect(r).toEqual({ code: 0, stdout: `obs ${version}\n`, stderr: '' });
});
