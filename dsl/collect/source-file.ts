/**
 * Reading a rule file or a dashboard as the tools that load it read it: strictly as UTF-8 (Go's
 * yaml.v3 refuses a file with one bad byte, even in a comment, where Node's 'utf8' decoding would
 * silently put U+FFFD in its place) and only up to a size that keeps memory bounded.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostic.ts';

/** The largest file obs reads (the largest public rule files are a few megabytes). */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export type SourceText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

/** `abs` as text, or a located problem; `file` is the name to report it under. I/O errors throw, as readFileSync's do. */
export function readSourceText(abs: string, file: string): SourceText {
  const problem = (message: string, hint: string, line = 1, column = 1): SourceText => ({
    ok: false,
    diagnostic: { checkId: 'file/format', severity: 'error', message, hint, location: { file, line, column } },
  });
  const st = statSync(abs);
  if (!st.isFile())
    return problem(
      `${file} is not a regular file`,
      'give a rule file or dashboard JSON; a pipe or a device would be read forever',
    );
  if (st.size > MAX_SOURCE_BYTES) {
    return problem(
      `${file} is ${(st.size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_SOURCE_BYTES / 1024 / 1024} MB obs reads`,
      'split it into several files',
    );
  }
  const bytes = readFileSync(abs);
  if (bytes.length > MAX_SOURCE_BYTES)
    return problem(`${file} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`, 'split it into several files');
  if (isUtf8(bytes)) return { ok: true, text: bytes.toString('utf8') };
  const bad = firstInvalidUtf8(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, bad.at - 1) + 1;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < bad.at; i = bytes.indexOf(0x0a, i + 1)) line++;
  const column = bytes.toString('utf8', lineStart, bad.at).length + 1;
  const byte = `0x${(bytes[bad.at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  return problem(
    `${file} is not valid UTF-8: ${bad.message} (byte ${byte}); Prometheus refuses the whole file`,
    'save the file as UTF-8 (a Latin-1 character such as é is one byte there, two in UTF-8)',
    line,
    column,
  );
}

/** The first byte that breaks UTF-8, with yaml.v3's wording for it. */
function firstInvalidUtf8(b: Uint8Array): { at: number; message: string } {
  for (let i = 0; i < b.length;) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return { at: i, message: 'invalid leading UTF-8 octet' };
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      // The second byte's range is narrower after E0, ED, F0 and F4 (no overlong forms, surrogates or > U+10FFFF).
      const lo = k === 1 && c === 0xe0 ? 0xa0 : k === 1 && c === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && c === 0xed ? 0x9f : k === 1 && c === 0xf4 ? 0x8f : 0xbf;
      if (d === undefined || d < lo || d > hi) return { at: i, message: 'incomplete UTF-8 octet sequence' };
    }
    i += n + 1;
  }
  return { at: b.length, message: 'invalid UTF-8' };
}
