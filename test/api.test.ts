/**
 * docs/api.md's example, run as written (with the import of obs pointed at this checkout) by plain
 * Node on a fresh project: what it prints must be what the page says it prints.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from './helpers/fixture-project.ts';

const PAGE = readFileSync(join(REPO_ROOT, 'docs', 'api.md'), 'utf8');

function block(after: string): string {
  const m = new RegExp(`${after}\\n([\\s\\S]*?)\\n\`\`\``).exec(PAGE);
  if (!m?.[1]) throw new Error(`docs/api.md has no block after ${after}`);
  return m[1];
}

let fixture: FixtureProject | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

it('the example of docs/api.md prints what the page says', () => {
  const p = (fixture = createFixtureProject({
    files: {
      'alerts/api.ts': `import { alert, ruleGroup } from '../dsl/index.ts';\n\nexport const api = ruleGroup({ name: 'api', rules: [\n  alert({ name: 'ApiDown', expr: 'up == 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: 'down' } }),\n] });\n`,
    },
  }));
  const code = block('```js api-example').replace("'obs-as-code/bin/library.js'", JSON.stringify(join(REPO_ROOT, 'bin', 'library.js')));
  writeFileSync(join(p.root, 'example.mjs'), code);
  const out = execFileSync(process.execPath, ['example.mjs'], { cwd: p.root, encoding: 'utf8', timeout: 120_000 });
  expect(out.trim()).toBe(block('prints\n\n```').trim());
}, 180_000);
