/**
 * The binary imports every definition module at once (the loader compiles them together), yet
 * they must run in the order of their paths, as they did one at a time: a project whose modules
 * share state (a helper numbering what it is given) would otherwise build differently from run to
 * run. And one module failing must not take the others down with it.
 */
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

const NUMBERING = `const seen: string[] = [];
/** Numbers modules in the order they run. */
export function position(module: string): string {
  seen.push(module);
  return String(seen.length);
}
`;

/** A module whose alert carries the position its module ran at; \`padding\` lines make it slow to compile. */
function numbered(name: string, padding: number): string {
  const filler = Array.from({ length: padding }, (_, i) => `export const filler${i}: { readonly n: number; readonly s: string } = { n: ${i}, s: ${JSON.stringify(`x${i}`)} };`).join('\n');
  return `import { alert, ruleGroup } from '../dsl/index.ts';
import { position } from '../lib/numbering.ts';

export const g = ruleGroup({
  name: '${name}',
  rules: [alert({ name: '${name}Down', expr: 'up == 0', for: '5m', labels: { severity: 'page', position: position('${name}') }, annotations: { summary: 's' } })],
});
${filler}
`;
}

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

it('runs definition modules in the order of their paths, whichever the loader compiles first', async () => {
  const names = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
  // The first modules are the biggest: a loader running them as they arrive would run them last.
  const files = Object.fromEntries(names.map((n, i) => [`alerts/${n}.ts`, numbered(n, (names.length - i) * 400)]));
  const p = (fixture = createFixtureProject({ files: { 'lib/numbering.ts': NUMBERING, ...files } }));
  const run = await runObsBinary(p.root, ['build']);
  expect(run.stderr).not.toMatch(/error/);
  expect(run.code).toBe(0);
  const positions = names.map((n) => p.read(`out/rules/alerts/${n}.yml`).match(/position: "?(\d+)/)?.[1]);
  expect(positions).toEqual(names.map((_, i) => String(i + 1)));
});

it('tells a module that throws and one that does not compile against themselves, and still checks the rest', async () => {
  const bad = (name: string): string => `import { alert, ruleGroup } from '../dsl/index.ts';

export const g = ruleGroup({
  name: '${name}',
  rules: [alert({ name: '${name}Bad', expr: 'sum(rate(x[5m])) by (', for: '5m', labels: { severity: 'page' }, annotations: { summary: 's' } })],
});
`;
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/a.ts': bad('a'),
      'alerts/b.ts': `import { ruleGroup } from '../dsl/index.ts';\n\nconst limits: Record<string, number> = {};\nexport const g = ruleGroup({ name: 'b', rules: [] });\nexport const limit = limits['api']!.toFixed(2);\n`,
      'alerts/c.ts': `import { ruleGroup } from '../dsl/index.ts';\n\n// °C\nexport const g = ruleGroup({ name: '°', rules: [ }); \n`,
      'alerts/d.ts': bad('d'),
    },
  }));
  const expected = [
    'alerts/b.ts:5:37 error collect/module-error',
    'alerts/c.ts:4:50 error collect/module-error',
    'alerts/a.ts:5:61 error promql/syntax',
    'alerts/d.ts:5:61 error promql/syntax',
  ];
  const heads = (text: string): string[] => parseDiagnostics(text).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.checkId}`);
  const binary = await runObsBinary(p.root, ['build']);
  expect(binary.code).toBe(1);
  expect(heads(binary.stderr)).toEqual(expected);
  expect(binary.stderr).toContain('alerts/c.ts does not compile: Unexpected "}"');
  // In-process vitest's compiler (not esbuild) words it differently, but places it the same.
  const inProcess = await p.run(['build']);
  expect(heads(inProcess.stderr)).toEqual(expected);
  expect(inProcess.stderr).toContain('alerts/c.ts does not compile: Unexpected token');
});

it('places a compile error in a module the definitions import, and one in obs.config.ts', async () => {
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/a.ts': `import { ruleGroup } from '../dsl/index.ts';\nimport { team } from '../lib/teams.ts';\n\nexport const g = ruleGroup({ name: team, rules: [] });\n`,
      'lib/teams.ts': `export const team: string = ('web';\n`,
    },
  }));
  const binary = await runObsBinary(p.root, ['build']);
  expect(binary.code).toBe(1);
  expect(parseDiagnostics(binary.stderr).map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}: ${d.message.split('\n')[0]}`))
    .toEqual(['lib/teams.ts:1:35 collect/module-error: alerts/a.ts failed to load: lib/teams.ts does not compile: Expected ")" but found ";"']);
  p.write('obs.config.ts', `import { defineConfig } from './dsl/index.ts';\n\nexport default defineConfig({ prometheus: { version: '2.42' } }});\n`);
  const config = await runObsBinary(p.root, ['build']);
  expect(config.code).toBe(2);
  expect(config.stderr.trim()).toBe('obs build: obs.config.ts:3:64: does not compile: Expected ")" but found "}"');
});
