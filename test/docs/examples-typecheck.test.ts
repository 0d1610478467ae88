/**
 * The TypeScript examples of the documentation (every check page's, the README walkthrough's) are
 * what an author would write, so they type-check against the DSL with the repository's compiler
 * options; an example marked `tsc=error` (an option outside its closed set, which a check also
 * catches when tsc is not run) must fail to, so the mark cannot go stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPageFiles, markdownSections, readCheckPage, type ExampleFile } from '../helpers/check-pages.ts';
import { REPO_ROOT } from '../helpers/fixture-project.ts';

interface ExampleSet {
  /** Where it is documented, e.g. `docs/checks/alerts/topk.md › Failing example`. */
  readonly where: string;
  readonly files: readonly ExampleFile[];
}

const sets: ExampleSet[] = [
  ...checkPageFiles().map(readCheckPage).flatMap((p) => [...p.sections].map(([h, files]) => ({ where: `${p.file} › ${h}`, files }))),
  ...[...markdownSections(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).sections].map(([h, s]) => ({ where: `README.md › ${h}`, files: s.files })),
].filter((s) => s.files.some((f) => f.path.endsWith('.ts')));

/** `'../dsl/index.ts'` (`./`, `../../`): how an example in a folder of the project imports the DSL. */
const DSL_IMPORT = /(['"])(?:\.\.?\/)+dsl\/index\.ts\1/g;

const root = realpathSync(mkdtempSync(join(tmpdir(), 'obs-doc-examples-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('documentation examples', () => {
  it('type-check as authors write them (tsc=error ones fail)', () => {
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    const owner = new Map<string, { set: ExampleSet; file: ExampleFile }>();
    sets.forEach((set, i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      for (const file of set.files.filter((f) => f.path.endsWith('.ts'))) {
        const abs = join(dir, file.path);
        mkdirSync(dirname(abs), { recursive: true });
        // One DSL for every example (a linked dsl/ per example would be checked once per example).
        writeFileSync(abs, file.text.replace(DSL_IMPORT, (_m, q: string) => `${q}${join(REPO_ROOT, 'dsl', 'index.ts')}${q}`));
        owner.set(abs, { set, file });
      }
    });
    const config = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
    const program = ts.createProgram([...owner.keys()], { ...options, noEmit: true });
    const errors = new Map<string, string[]>();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const file = d.file?.fileName;
      if (!file || !owner.has(file)) continue;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const list = errors.get(file) ?? [];
      list.push(`${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`);
      errors.set(file, list);
    }
    const wrong: string[] = [];
    for (const [abs, { set, file }] of owner) {
      const got = errors.get(abs) ?? [];
      const at = `${set.where} (${relative(root, abs).split('/').slice(1).join('/')})`;
      if (file.tscError && got.length === 0) wrong.push(`${at}: marked tsc=error but type-checks`);
      if (!file.tscError) for (const e of got) wrong.push(`${at}:${e}`);
    }
    expect(owner.size).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  }, 240_000);
});
