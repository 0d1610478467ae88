/**
 * Where a TS module failed to compile, read off the error its compiler threw on import: esbuild's
 * (tsx, the obs binary) `<file>:<line>:<column>: ERROR: <text>`, column counted from 0, or
 * oxc/rolldown's (vite, under vitest) `[PARSE_ERROR] <text>` with a `[ <file>:<line>:<column> ]` frame.
 * The error's stack only names the compiler's own frames, so without this the author would learn
 * that a module does not compile but not where.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface CompileError {
  /** Absolute path of the file that does not compile (a module it imports, possibly). */
  readonly file: string;
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly text: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const ESBUILD = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m;
const OXC = /\[PARSE_ERROR\]\s*(.+?)\s*\n[\s\S]*?\[ (.+?):(\d+):(\d+) \]/;

export function compileErrorOf(e: unknown): CompileError | undefined {
  if (!(e instanceof Error) || !/^Transform failed/.test(e.message)) return undefined;
  const text = e.message.replace(ANSI, '');
  const esbuild = ESBUILD.exec(text);
  if (esbuild) {
    const file = resolve(esbuild[1]!);
    const line = Number(esbuild[2]);
    return { file, line, column: charColumn(file, line, Number(esbuild[3])) + 1, text: esbuild[4]!.trim() };
  }
  // vite names the file relative to its root, the working directory.
  const oxc = OXC.exec(text);
  if (oxc) return { file: resolve(oxc[2]!), line: Number(oxc[3]), column: Number(oxc[4]), text: oxc[1]!.trim() };
  return undefined;
}

/** esbuild counts UTF-8 bytes into the line; locations count characters (UTF-16 units, as V8 does). */
function charColumn(file: string, line: number, bytes: number): number {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8').split('\n')[line - 1];
  } catch {
    return bytes;
  }
  return text === undefined ? bytes : Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8').length;
}
