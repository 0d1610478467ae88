import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { checkCatalogue, checkDocPath, checksIndexMarkdown } from '../../dsl/lint/docs.ts';
import { relativeLinks } from '../helpers/check-pages.ts';

const root = new URL('../../', import.meta.url);
const INDEX = 'docs/checks/README.md';

describe('check catalogue', () => {
  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s lives in its own module, has a page and its own tests', (id, c) => {
    expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
    expect(existsSync(new URL(`dsl/lint/checks/${id}.ts`, root))).toBe(true);
    expect(existsSync(new URL(`test/lint/checks/${id}.test.ts`, root))).toBe(true);
    expect(existsSync(new URL(checkDocPath(id), root))).toBe(true);
    expect(c.meta.description.length).toBeGreaterThan(10);
    expect(c.meta.description).not.toContain('\n');
  });

  it('has unique ids', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every check once, sorted, with its page', () => {
    const cat = checkCatalogue();
    expect(cat.map((e) => e.id)).toEqual(CHECKS.map((c) => c.meta.id).sort());
    const topk = cat.find((e) => e.id === 'alerts/topk');
    expect(topk).toEqual({ id: 'alerts/topk', severity: 'warning', summary: CHECKS.find((c) => c.meta.id === 'alerts/topk')?.meta.description, docs: 'docs/checks/alerts/topk.md' });
  });

  it(`${INDEX} is generated from the checks (run: npx tsx scripts/gen-check-docs.ts)`, () => {
    expect(readFileSync(new URL(INDEX, root), 'utf8')).toBe(checksIndexMarkdown(CHECKS));
  });

  it(`every link of ${INDEX} resolves to a file, and every check is linked`, () => {
    const text = readFileSync(new URL(INDEX, root), 'utf8');
    const links = relativeLinks(text);
    for (const l of links) expect(existsSync(join(dirname(new URL(INDEX, root).pathname), l)), l).toBe(true);
    for (const c of CHECKS) expect(links).toContain(`${c.meta.id}.md`);
  });

  it('the old single-page catalogue is gone (its anchors missed GitHub\'s)', () => {
    expect(existsSync(new URL('docs/checks.md', root))).toBe(false);
  });
});
