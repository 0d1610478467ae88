/**
 * Units, widths and colours are typed: a typo fails `tsc`. The fixture marks each mistake with
 * `@ts-expect-error`; compiled as is it must have no errors (so each marked line is an error), and
 * compiled without the markers it must have exactly one error per marked line, naming the bad value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixture-project.ts';

const FIXTURE = join(REPO_ROOT, 'test/dashboard/fixtures/typed-units.ts');

let previous: ts.Program | undefined;

/** Compiles the fixture (with this text) in the repository's settings; the second run reuses the first's files. */
function compile(text: string): readonly ts.Diagnostic[] {
  const config = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (file === FIXTURE ? ts.createSourceFile(file, text, lang) : getSourceFile(file, lang, ...rest));
  const program = ts.createProgram([FIXTURE], options, host, previous);
  previous = program;
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === FIXTURE);
}

const source = readFileSync(FIXTURE, 'utf8');
const lines = source.split('\n');
const marked = lines.flatMap((l, i) => (l.includes('@ts-expect-error') ? [{ line: i + 2, why: l.replace(/.*@ts-expect-error\s*/, '') }] : []));

describe('typed units, widths and colours', () => {
  it('the fixture has several marked mistakes', () => {
    expect(marked.length).toBeGreaterThanOrEqual(4);
  });

  it('compiles cleanly with the markers: every marked line is a type error', () => {
    expect(compile(source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);

  it('without the markers, each marked line fails tsc and names the bad value', () => {
    const unmarked = lines.map((l) => (l.includes('@ts-expect-error') ? '' : l)).join('\n');
    const errors = compile(unmarked).map((d) => ({
      line: (d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1) + 1,
      text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
    expect(errors.map((e) => e.line).sort((a, b) => a - b)).toEqual(marked.map((m) => m.line));
    for (const m of marked) {
      const bad = /'([^']+)'|(\d+)/.exec(m.why);
      const value = bad?.[1] ?? bad?.[2] ?? '';
      expect(errors.find((e) => e.line === m.line)?.text, m.why).toContain(value);
    }
  }, 60_000);
});
