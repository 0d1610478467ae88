/**
 * The catalogue tests' common check: a project that built once, then broken in one place, must fail
 * the build with exactly one error at the expected place and leave out/ byte-identical.
 */
import { expect } from 'vitest';
import { parseDiagnostics, runObsBinary, type FixtureProject } from './fixture-project.ts';

/** Same paths, same bytes, with the differing paths in the failure message. */
export function expectSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()], 'files in out/').toEqual([...expected.keys()]);
  const differing = [...expected].filter(([path, bytes]) => !actual.get(path)?.equals(bytes)).map(([path]) => path);
  expect(differing, 'files in out/ whose bytes changed').toEqual([]);
}

export interface BrokenExpectation {
  readonly checkId: string;
  readonly file: string;
  readonly message?: RegExp;
  /** The line the error must be on, read after the break. */
  line(p: FixtureProject): number;
  /** The column on that line, when it is pinned. */
  column(lineText: string): number | undefined;
}

export async function expectBrokenBuild(p: FixtureProject, breakIt: () => void, e: BrokenExpectation): Promise<void> {
  const valid = await p.run(['build']);
  expect(valid.code, `the valid project must build:\n${valid.stderr}`).toBe(0);
  const before = p.snapshot();
  expect(before.size).toBeGreaterThan(0);

  // A fresh path, so Node re-imports the edited modules instead of reusing the cached ones.
  p.relocate();
  breakIt();
  const line = e.line(p);
  const lineText = p.read(e.file).split('\n')[line - 1] ?? '';

  const r = await p.run(['build']);
  const errors = parseDiagnostics(r.stderr).filter((d) => d.severity === 'error');
  expect(r.code, r.stderr).toBe(1);
  expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.checkId}: ${d.message}`), `exactly one error expected:\n${r.stderr}`).toHaveLength(1);
  const [d] = errors;
  const column = e.column(lineText);
  expect({ checkId: d?.checkId, file: d?.file, line: d?.line, ...(column !== undefined ? { column: d?.column } : {}) }, r.stderr)
    .toEqual({ checkId: e.checkId, file: e.file, line, ...(column !== undefined ? { column } : {}) });
  if (e.message) expect(d?.message).toMatch(e.message);
  expect(r.stderr).toContain('out/ was left untouched');
  expectSameTree(p.snapshot(), before);
}

/**
 * Builds the project in-process (vitest transforms the modules) and with the real `obs` binary
 * (its bundle, tsx and source maps): the binary must fail with exactly the diagnostics of the
 * in-process run (`errorsOnly`: its errors). Returns them as `file:line:col severity check: message`.
 */
export async function expectBinaryAgrees(p: FixtureProject, opts: { readonly errorsOnly?: boolean } = {}): Promise<string[]> {
  const heads = (text: string): string[] => parseDiagnostics(text)
    .filter((d) => !opts.errorsOnly || d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.checkId}: ${d.message}`);
  const inProcess = heads((await p.run(['build'])).stderr);
  const child = await runObsBinary(p.root, ['build']);
  expect(child.code).toBe(1);
  expect(heads(child.stderr)).toEqual(inProcess);
  return inProcess;
}
