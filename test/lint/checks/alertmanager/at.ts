/** Where a text is first written in a test file (1-based line and column), to pin reported positions. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Diagnostic } from '../../../../dsl/core/diagnostic.ts';

export function positionOf(file: string, text: string): { line: number; column: number } {
  const src = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
  const i = src.indexOf(text);
  if (i < 0) throw new Error(`${JSON.stringify(text)} is not in ${file}`);
  const before = src.slice(0, i).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** The diagnostic is in `file` at the first character of `text`. */
export function expectAt(d: Diagnostic | undefined, file: string, text: string): void {
  expect(d?.location?.file).toBe(`test/lint/checks/alertmanager/${file}`);
  expect({ line: d?.location?.line, column: d?.location?.column }).toEqual(positionOf(file, text));
}
