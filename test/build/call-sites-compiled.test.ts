/**
 * A helper compiled to JS with a source map (lib/make.js from lib-src/make.ts) that defines rules
 * for the author: the real binary reports the TS source the map names, not the compiled file.
 */
import { transformSync } from 'esbuild';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, parseDiagnostics, runObsBinary, type FixtureProject } from '../helpers/fixture-project.ts';

const HELPER = `import { alert } from '../dsl/index.ts';

// Makes the alert a team needs; the bad duration is reported here.
export function pageAlert(name: string) {
  return alert({ name, expr: 'up == 0', for: '5mins', labels: { severity: 'page' }, annotations: { summary: 's' } });
}
`;

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

it('a compiled helper with a source map is reported at its TS source', async () => {
  const p = (fixture = createFixtureProject({ files: { 'alerts/a.ts': "import { ruleGroup } from '../dsl/index.ts';\nimport { pageAlert } from '../lib/make.js';\n\nexport const g = ruleGroup({ name: 'g', rules: [pageAlert('Down')] });\n" } }));
  const js = transformSync(HELPER, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: join(p.root, 'lib-src', 'make.ts') });
  p.write('lib-src/make.ts', HELPER);
  p.write('lib/make.js', js.code);
  const r = await runObsBinary(p.root, ['build']);
  const errors = parseDiagnostics(r.stderr).filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.file}:${d.line} ${d.checkId}`)).toEqual(['lib-src/make.ts:5 rules/durations']);
});
