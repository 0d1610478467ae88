/**
 * The real `obs` binary loads authored TypeScript through its own loader hook (bin/library-hook.js,
 * bin/compile-ts.js), not tsx: imports resolve as TypeScript resolves them, and the cache of
 * compiled modules never serves a stale module, however an edit looks on disk.
 */
import { statSync, utimesSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

let project: FixtureProject | undefined;
afterEach(() => project?.cleanup());

/** An alert whose `for:` is the given (invalid) duration: lint names it in its message. */
const ALERTS = `import { alert, ruleGroup } from '../dsl/index.ts';
import { DURATION } from './lib/duration.js';
import { severity } from './lib';
import { summary } from '@shared/summary';
import { name } from './lib/name.ts';

export const g = ruleGroup({
  name: 'g',
  rules: [alert({ name, expr: 'up == 0', for: DURATION, labels: { severity }, annotations: { summary } })],
});
`;

function fixture(): FixtureProject {
  return createFixtureProject({
    prefix: 'obs-ts-loader-',
    files: {
      'alerts/a.ts': ALERTS,
      // './lib/duration.js' names this file, as TypeScript lets an import name it.
      'alerts/lib/duration.ts': `export const DURATION: string = '5mins';\n`,
      // './lib' is a folder: its index.ts.
      'alerts/lib/index.ts': `export const severity = 'page';\n`,
      'alerts/lib/name.ts': `class Base { constructor() { (this as { n?: string }).n = 'FromBase'; } }\nclass Named extends Base { n?: string; }\nexport const name = new Named().n ?? 'FromField';\n`,
      'shared/summary.ts': `export const summary = 'it is down';\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: { useDefineForClassFields: false, paths: { '@shared/*': ['./shared/*'] } },
      }),
    },
  });
}

/** The lint findings as `check: message` lines, without the summary. */
async function lint(p: FixtureProject): Promise<string> {
  const r = await runObsBinary(p.root, ['lint', '--format', 'json']);
  expect(r.stderr).not.toMatch(/internal error|Cannot find|ERR_/);
  const problems = JSON.parse(r.stdout).problems as { checkId: string; message: string; location?: { file: string } }[];
  return problems.map((x) => `${x.location?.file} ${x.checkId}: ${x.message}`).join('\n');
}

it('resolves imports as TypeScript does: ./x.js names x.ts, a folder its index.ts, tsconfig paths', async () => {
  project = fixture();
  const out = await lint(project);
  expect(out).toMatch(/5mins/);
  expect(out).toMatch(/FromBase/);
}, 120_000);

it('never serves a stale module: a dependency edited to the same size and time, then a changed tsconfig.json', async () => {
  project = fixture();
  const dep = 'alerts/lib/duration.ts';
  // A time the file system keeps exactly, set before and after the edit.
  const time = 1_700_000_000;
  utimesSync(`${project.root}/${dep}`, time, time);
  expect(await lint(project)).toMatch(/5mins/);
  const before = statSync(`${project.root}/${dep}`);
  project.replace(dep, '5mins', '7mins');
  utimesSync(`${project.root}/${dep}`, time, time);
  const after = statSync(`${project.root}/${dep}`);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  const edited = await lint(project);
  expect(edited).toMatch(/7mins/);
  expect(edited).not.toMatch(/5mins/);
  // The compiler options are part of the key: the same source compiles otherwise.
  expect(edited).toMatch(/FromBase/);
  project.write('tsconfig.json', JSON.stringify({ compilerOptions: { useDefineForClassFields: true, paths: { '@shared/*': ['./shared/*'] } } }));
  const redefined = await lint(project);
  expect(redefined).toMatch(/FromField/);
  expect(redefined).not.toMatch(/FromBase/);
}, 180_000);

it('reports a module that does not compile at its line and column, as before', async () => {
  project = fixture();
  project.write('alerts/lib/index.ts', `export const severity = 'page';\nexport const x = (;\n`);
  const r = await runObsBinary(project.root, ['lint']);
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toMatch(/alerts\/lib\/index\.ts:2:19 +error +collect\/module-error/);
  expect(r.stdout + r.stderr).toMatch(/does not compile: Unexpected "\;"/);
}, 120_000);

it('leaves an import that resolves nowhere to Node, whose error names it', async () => {
  project = fixture();
  project.write('alerts/lib/index.ts', `export { severity } from './missing.js';\n`);
  const r = await runObsBinary(project.root, ['lint']);
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toMatch(/collect\/module-error[\s\S]*Cannot find module '[^']*alerts\/lib\/missing\.js'/);
}, 120_000);
