/**
 * Every relative link of the documentation (README.md, CONTRIBUTING.md, docs/**) reaches a file,
 * and every #fragment a heading of its target as GitHub anchors it (docs/checks.md's anchors once
 * missed GitHub's in 35 of 51 links).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, linkTargets } from '../helpers/check-pages.ts';
import { REPO_ROOT } from '../helpers/fixture-project.ts';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? markdownFiles(p) : e.endsWith('.md') ? [p] : [];
  });
}

const FILES = [join(REPO_ROOT, 'README.md'), join(REPO_ROOT, 'CONTRIBUTING.md'), ...markdownFiles(join(REPO_ROOT, 'docs'))].filter((f) => existsSync(f));
const anchorsOf = new Map<string, Set<string>>();
const anchors = (file: string): Set<string> => {
  let a = anchorsOf.get(file);
  if (!a) anchorsOf.set(file, (a = headingAnchors(readFileSync(file, 'utf8'))));
  return a;
};

describe('documentation links', () => {
  it.each(FILES.map((f) => [relative(REPO_ROOT, f), f] as const))('%s: relative links reach files and headings', (_name, file) => {
    const broken: string[] = [];
    for (const href of linkTargets(readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      const [path = '', fragment] = href.split('#');
      const target = path === '' ? file : join(dirname(file), decodeURIComponent(path));
      if (!existsSync(target)) broken.push(`${href}: no such file`);
      else if (fragment !== undefined && target.endsWith('.md') && !anchors(target).has(fragment)) broken.push(`${href}: no heading #${fragment} in ${relative(REPO_ROOT, target)}`);
    }
    expect(broken).toEqual([]);
  });
});
