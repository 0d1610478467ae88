/**
 * Reads the check pages (docs/checks/<category>/<name>.md), and other documentation with runnable
 * examples (the README's walkthrough): their sections and the example files in them. An example
 * is a fenced code block whose info string names the project file it is, e.g.
 * ```` ```ts file=alerts/api.ts ```` (`tsc=error` after it: the example does not type-check on
 * purpose); blocks without `file=` are illustrations and are not run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';
import { posixRelative } from '../../dsl/core/files.ts';
import { REPO_ROOT } from './fixture-project.ts';

export interface ExampleFile {
  /** Project-relative path, from `file=`. */
  readonly path: string;
  readonly text: string;
  /** `tsc=error` in the info string: the example does not type-check on purpose (what a check catches when tsc is not run). */
  readonly tscError?: boolean;
}

export interface CheckPage {
  /** `docs/checks/<category>/<name>.md`, relative to the repository. */
  readonly file: string;
  /** `<category>/<name>`, from the file's path. */
  readonly id: string;
  readonly markdown: string;
  /** The page's first level-1 heading. */
  readonly title: string;
  /** Level-2 headings in order → the example files under each. */
  readonly sections: ReadonlyMap<string, readonly ExampleFile[]>;
}

export const CHECK_PAGES_DIR = join(REPO_ROOT, 'docs', 'checks');

/** The `.md` files below docs/checks, README.md (the index) excluded; paths relative to the repository, sorted. */
export function checkPageFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.md') && p !== join(CHECK_PAGES_DIR, 'README.md')) out.push(posixRelative(REPO_ROOT, p));
    }
  };
  walk(CHECK_PAGES_DIR);
  return out;
}

const FILE_ATTR = /(?:^|\s)file=(\S+)/;

/** A level-2 section of a markdown text: its example files and the lines of its `sh` blocks. */
export interface MarkdownSection {
  readonly files: readonly ExampleFile[];
  /** Shell command lines of ```sh blocks, comments and blank lines dropped. */
  readonly commands: readonly string[];
}

/** The first level-1 heading, and every level-2 section in order (deeper headings stay in theirs). */
export function markdownSections(markdown: string): { readonly title: string; readonly sections: ReadonlyMap<string, MarkdownSection> } {
  const sections = new Map<string, { files: ExampleFile[]; commands: string[] }>();
  let title = '';
  let current: { files: ExampleFile[]; commands: string[] } | undefined;
  for (const t of marked.lexer(markdown)) {
    if (t.type === 'heading') {
      const h = t as Tokens.Heading;
      if (h.depth === 1 && title === '') title = h.text;
      if (h.depth === 2) sections.set(h.text, (current = { files: [], commands: [] }));
    } else if (t.type === 'code' && current) {
      const c = t as Tokens.Code;
      const path = FILE_ATTR.exec(c.lang ?? '')?.[1];
      if (path) current.files.push({ path, text: `${c.text}\n`, ...(/(?:^|\s)tsc=error(?:\s|$)/.test(c.lang ?? '') ? { tscError: true } : {}) });
      else if ((c.lang ?? '').split(/\s/)[0] === 'sh') {
        for (const line of c.text.split('\n')) {
          const command = line.replace(/(^|\s)#.*$/, '').trim();
          if (command) current.commands.push(command);
        }
      }
    }
  }
  return { title, sections };
}

export function readCheckPage(file: string): CheckPage {
  const markdown = readFileSync(join(REPO_ROOT, file), 'utf8');
  const { title, sections } = markdownSections(markdown);
  return {
    file, id: file.replace(/^docs\/checks\//, '').replace(/\.md$/, ''), markdown, title,
    sections: new Map([...sections].map(([h, s]) => [h, s.files])),
  };
}

/** Relative link targets of a markdown text (no scheme, no pure #anchor), without their #fragment. */
export function relativeLinks(markdown: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (t) => {
    if (t.type === 'link' || t.type === 'image') {
      const href = (t as Tokens.Link).href;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#')) out.push(href.replace(/#.*$/, ''));
    }
  });
  return out;
}

/** Every link and image target of a markdown text, as written. */
export function linkTargets(markdown: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (t) => {
    if (t.type === 'link' || t.type === 'image') out.push((t as Tokens.Link).href);
  });
  return out;
}

/** The anchors GitHub gives the headings of a markdown text (github-slugger, on the heading's rendered text). */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const plain = (tokens: readonly Token[]): string => tokens.map((t) => ('tokens' in t && t.tokens ? plain(t.tokens) : 'text' in t ? String(t.text) : '')).join('');
  marked.walkTokens(marked.lexer(markdown), (t) => {
    if (t.type === 'heading') anchors.add(slugger.slug(plain((t as Tokens.Heading).tokens)));
  });
  return anchors;
}
