/**
 * The real `obs` binary imports authored TypeScript as compiled copies linked to each other
 * (bin/link-ts.js), with no loader-hook thread, and leaves to the hook (bin/library-hook.js) what
 * the copies cannot load. Either way a module sees its own place, an edit is never served stale,
 * and errors name the modules as the author wrote them. OBS_DEBUG_LINK=1 tells when the hook loads.
 */
import { utimesSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

let project: FixtureProject | undefined;
afterEach(() => project?.cleanup());

const HOOK = /loading through the hook/;

/** An alert whose `for:` (an invalid duration lint names in its message) comes from `from`. */
function alertFile(imports: string, from: string): string {
  return `import { alert, ruleGroup } from '../dsl/index.ts';\n${imports}\nexport const g = ruleGroup({ name: 'g', rules: [alert({ name: 'A', expr: 'up == 0', for: ${from}, labels: { severity: 'page' }, annotations: { summary: 's' } })] });\n`;
}

async function lint(p: FixtureProject): Promise<{ out: string; stderr: string }> {
  const r = await runObsBinary(p.root, ['lint', '--format', 'json'], { OBS_DEBUG_LINK: '1' });
  expect(r.stderr).not.toMatch(/internal error|ERR_/);
  const problems = JSON.parse(r.stdout).problems as { checkId: string; message: string; location?: { file: string; line: number; column: number } }[];
  return {
    out: problems.map((x) => `${x.location?.file}:${x.location?.line}:${x.location?.column} ${x.checkId}: ${x.message}`).join('\n'),
    stderr: r.stderr,
  };
}

it('a module sees its own import.meta.url, dirname and filename, not those of its compiled copy', async () => {
  project = createFixtureProject({
    prefix: 'obs-linked-meta-',
    files: {
      'alerts/a.ts': alertFile(
        `import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nconst here = new URL('.', import.meta.url).pathname === import.meta.dirname + '/' && import.meta.filename.endsWith('/alerts/a.ts');\nconst d = readFileSync(join(import.meta.dirname, 'for.txt'), 'utf8').trim() + (here ? '' : 'WRONG');\n`,
        'd',
      ),
      'alerts/for.txt': '5mins\n',
    },
  });
  const { out, stderr } = await lint(project);
  expect(stderr).not.toMatch(HOOK);
  expect(out).toMatch(/alerts\/a\.ts:\d+:\d+ rules\/durations: .*"5mins"/);
  expect(out).not.toMatch(/WRONG/);
}, 120_000);

it('modules in an import cycle load, and an edit of one (same size and time) is seen', async () => {
  project = createFixtureProject({
    prefix: 'obs-linked-cycle-',
    files: {
      'alerts/a.ts': alertFile(`import { unit } from './b.ts';\nexport const amount = '5';\n`, 'unit()'),
      'alerts/b.ts': `import { amount } from './a.ts';\nexport const unit = (): string => amount + 'mins';\n`,
    },
  });
  const time = 1_700_000_000;
  utimesSync(`${project.root}/alerts/b.ts`, time, time);
  const first = await lint(project);
  expect(first.stderr).not.toMatch(HOOK);
  expect(first.out).toMatch(/"5mins"/);
  project.replace('alerts/b.ts', "'mins'", "'hour'");
  utimesSync(`${project.root}/alerts/b.ts`, time, time);
  const edited = await lint(project);
  expect(edited.out).toMatch(/"5hour"/);
  expect(edited.out).not.toMatch(/"5mins"/);
}, 120_000);

it('a missing export is told against the import as written, through the hook', async () => {
  project = createFixtureProject({
    prefix: 'obs-linked-export-',
    files: {
      'alerts/a.ts': alertFile(`import { nope } from './lib.ts';\n`, 'nope'),
      'alerts/lib.ts': `export const yes = '5m';\n`,
    },
  });
  const r = await runObsBinary(project.root, ['lint'], { OBS_DEBUG_LINK: '1' });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/alerts\/a\.ts.*collect\/module-error/);
  expect(r.stdout).toMatch(/The requested module '\.\/lib\.ts' does not provide an export named 'nope'/);
  expect(r.stdout + r.stderr).not.toMatch(/\.cache\/obs-as-code/);
}, 120_000);

it('an authored JavaScript module is loaded through the hook, its import of TS included', async () => {
  project = createFixtureProject({
    prefix: 'obs-linked-js-',
    files: {
      'alerts/a.ts': alertFile(`import { d } from './lib/d.js';\n`, 'd'),
      // A JS file of the author's (not compiled here): it imports TS, which only the hook loads.
      'alerts/lib/d.js': `export { d } from './e.ts';\n`,
      'alerts/lib/e.ts': `export const d: string = '5mins';\n`,
    },
  });
  const { out, stderr } = await lint(project);
  expect(stderr).toMatch(HOOK);
  expect(out).toMatch(/"5mins"/);
}, 120_000);

it('a loop in the second of two modules that import obs names that module (markers run in order)', async () => {
  const ok = alertFile('', "'5m'");
  project = createFixtureProject({
    prefix: 'obs-linked-loop-',
    files: {
      'alerts/a.ts': ok,
      'alerts/b.ts': alertFile(`function spin(): string {\n  for (;;) {}\n}\n`, 'spin()'),
    },
    config: `export default { load: { timeout: '2s' } };\n`,
  });
  const r = await runObsBinary(project.root, ['lint']);
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toMatch(/alerts\/b\.ts:3:3 +error +collect\/module-error/);
  expect(r.stdout + r.stderr).toMatch(/alerts\/b\.ts did not finish loading/);
}, 120_000);
