/** Diagnostics as people read them: `file:line:col  severity  check-id  message`, the source line with a caret, a hint. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { caretLines } from './caret.ts';

export interface TextOptions {
  readonly root: string;
  readonly color: boolean;
}

function sourceLine(root: string, file: string, cache: Map<string, string[] | null>): string[] | null {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(join(root, file), 'utf8').split('\n'));
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file) ?? null;
}

export function formatDiagnosticsText(ds: readonly Diagnostic[], opts: TextOptions): string {
  const paint = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const cache = new Map<string, string[] | null>();
  const out: string[] = [];
  for (const d of ds) {
    const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : '(project)';
    const sev = d.severity === 'error' ? paint('31', 'error') : d.severity === 'warning' ? paint('33', 'warning') : paint('36', 'info');
    out.push(`${paint('1', where)}  ${sev}  ${paint('2', d.checkId)}`);
    out.push(d.message.split('\n').map((l) => `  ${l}`).join('\n'));
    if (d.location) {
      const lines = sourceLine(opts.root, d.location.file, cache);
      const text = lines?.[d.location.line - 1];
      if (text !== undefined) for (const l of caretLines(text, 1, d.location.column)) out.push(`  ${l}`);
    }
    if (d.hint) out.push(`  ${paint('2', 'hint:')} ${d.hint}`);
    out.push('');
  }
  return out.join('\n');
}
