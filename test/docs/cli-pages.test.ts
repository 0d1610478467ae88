/**
 * docs/cli/<command>.md: one page per command `obs --help` lists, each naming every option the
 * command's own `--help` prints and its exit codes, so the pages cannot drift from the CLI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runObs } from '../helpers/fixture-project.ts';

const CLI_DOCS = join(REPO_ROOT, 'docs', 'cli');

/** The commands `obs --help` lists (`import rules` and `import dashboard` are one command, `import`). */
async function commands(): Promise<string[]> {
  const help = (await runObs(REPO_ROOT, ['--help'])).stdout;
  const listed = help.split('commands:\n')[1]?.split('\n\n')[0] ?? '';
  return [...new Set(listed.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean))];
}

describe('docs/cli', () => {
  it('has one page per command and no page for a command that does not exist', async () => {
    const names = await commands();
    expect(names.length).toBeGreaterThanOrEqual(10);
    const pages = readdirSync(CLI_DOCS).filter((f) => f !== 'README.md').map((f) => f.replace(/\.md$/, '')).sort();
    expect(pages).toEqual([...names].sort());
    const index = readFileSync(join(CLI_DOCS, 'README.md'), 'utf8');
    for (const n of names) expect(index).toContain(`](${n}.md)`);
  });

  it('each page documents every option of the command\'s --help, and its exit codes', async () => {
    const missing: string[] = [];
    for (const name of await commands()) {
      const page = join(CLI_DOCS, `${name}.md`);
      if (!existsSync(page)) continue; // reported above
      const text = readFileSync(page, 'utf8');
      const argv = name === 'registry' ? ['registry', 'import', '--help'] : [name, '--help'];
      const help = (await runObs(REPO_ROOT, argv)).stdout;
      for (const option of new Set(help.match(/(?<![\w-])--[a-z][a-z-]+/g) ?? [])) {
        if (option !== '--help' && !text.includes(`\`${option}`)) missing.push(`${name}: ${option}`);
      }
      if (!text.includes('## Exit codes')) missing.push(`${name}: ## Exit codes`);
      for (const code of help.match(/Exit code: (.*)/s)?.[1]?.match(/\b\d\b/g) ?? []) {
        if (!text.includes(`| \`${code}\` |`)) missing.push(`${name}: exit code ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
