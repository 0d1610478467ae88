/**
 * Every check has its page docs/checks/<category>/<name>.md and every page a check; each page's
 * failing example raises exactly that check (and no other problem), its passing example nothing,
 * and its suppression example (when it has one) leaves the finding suppressed. The examples go
 * through the library as `obs lint` runs them: the TS project, or the plain rule YAML / dashboard
 * JSON files an example consists of. (Their links are checked with all the docs' in links.test.ts.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintFiles, type LintRun } from '../../dsl/pipeline/lint-files.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { checkDocPath } from '../../dsl/lint/docs.ts';
import { checkPageFiles, readCheckPage, type ExampleFile } from '../helpers/check-pages.ts';
import { createFixtureProject, REPO_ROOT, type FixtureProject } from '../helpers/fixture-project.ts';

const SECTIONS = ['What it finds', 'Why it matters', 'Failing example', 'Passing example', 'How to suppress'];
const PLAIN = /\.(ya?ml|json)$/i;

const fixtures: FixtureProject[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

/** Lints a project made of `files` the way `obs lint` does: plain files by path, else the TS project. */
async function lintExample(files: readonly ExampleFile[]): Promise<LintRun> {
  const project = createFixtureProject({ prefix: 'obs-check-doc-', files: Object.fromEntries(files.map((f) => [f.path, f.text])) });
  fixtures.push(project);
  const plain = files.map((f) => f.path).filter((p) => PLAIN.test(p));
  return lintFiles({ root: project.root, ...(plain.length > 0 ? { paths: plain } : {}) });
}

const show = (r: LintRun): string[] => r.diagnostics.map((d) => `${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : '-'} ${d.checkId}: ${d.message}`);

const pages = checkPageFiles().map(readCheckPage);

describe('check pages', () => {
  it('every check has a page and every page a check', () => {
    const ids = CHECKS.map((c) => c.meta.id).sort();
    const withoutPage = ids.filter((id) => !existsSync(join(REPO_ROOT, checkDocPath(id))));
    const withoutCheck = pages.map((p) => p.id).filter((id) => !ids.includes(id));
    expect(withoutPage, 'checks without a page (write docs/checks/<id>.md)').toEqual([]);
    expect(withoutCheck, 'pages without a check (remove or rename them)').toEqual([]);
  });

  it.each(pages.map((p) => [p.id, p] as const))('%s: title, sections and severity', (id, page) => {
    const check = CHECKS.find((c) => c.meta.id === id);
    expect(page.title).toBe(`\`${id}\``);
    expect([...page.sections.keys()]).toEqual(SECTIONS);
    if (check) expect(page.markdown).toContain(`Default severity: **${check.meta.severity}**`);
    expect(page.sections.get('Failing example')?.length, 'the failing example has a `file=` block').toBeGreaterThan(0);
    expect(page.sections.get('Passing example')?.length, 'the passing example has a `file=` block').toBeGreaterThan(0);
  });

  it.each(pages.map((p) => [p.id, p] as const))('%s: the failing example raises exactly this check', async (id, page) => {
    const r = await lintExample(page.sections.get('Failing example') ?? []);
    expect(r.diagnostics.length, show(r).join('\n')).toBeGreaterThan(0);
    expect(show(r).filter((d) => !d.includes(` ${id}: `)), 'other problems').toEqual([]);
  });

  it.each(pages.map((p) => [p.id, p] as const))('%s: the passing example raises nothing', async (_id, page) => {
    const r = await lintExample(page.sections.get('Passing example') ?? []);
    expect(show(r)).toEqual([]);
  });

  const suppressing = pages.filter((p) => (p.sections.get('How to suppress')?.length ?? 0) > 0);
  it.each(suppressing.map((p) => [p.id, p] as const))('%s: the suppression example leaves the finding suppressed', async (id, page) => {
    const r = await lintExample(page.sections.get('How to suppress') ?? []);
    expect(show(r)).toEqual([]);
    expect(r.suppressed.map((s) => s.checkId)).toContain(id);
  });
});
