/**
 * The typed selector must make `tsc` refuse misspelt metrics, labels and closed values. The fixture
 * marks each such line with `@ts-expect-error`: compiled as is it must be clean (so each marked line
 * does fail), and with the markers removed exactly the marked lines must fail.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/typed-selector.ts', import.meta.url));
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true, noEmit: true, allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'], lib: ['lib.es2022.d.ts'],
};

function errorLines(source: string): number[] {
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === FIXTURE ? source : read(f));
  const program = ts.createProgram([FIXTURE], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === FIXTURE)
    .map((d) => (d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0));
}

describe('typed registry selectors', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const marked = text.split('\n').flatMap((l, i) => (l.trim().startsWith('// @ts-expect-error') ? [i + 2] : []));

  it('compiles cleanly with every misuse marked @ts-expect-error', () => {
    expect(marked.length).toBeGreaterThanOrEqual(8);
    expect(errorLines(text)).toEqual([]);
  });

  it('without the markers, exactly the marked lines fail tsc', () => {
    const stripped = text.replace(/\/\/ @ts-expect-error/g, '// expect-error');
    expect([...new Set(errorLines(stripped))].sort((a, b) => a - b)).toEqual(marked);
  });
});
