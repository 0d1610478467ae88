/**
 * The source line with a caret under the problem, as compilers print it. Shared by every text
 * reporter so they all point the same way.
 */
export function caretLines(text: string, line: number, column: number, width = 1): string[] {
  const lines = text.split('\n');
  const src = lines[line - 1] ?? '';
  const maxShown = 200;
  // Long lines (a 1 MB query) are cut around the column so the report stays one screen.
  let start = 0;
  if (src.length > maxShown) start = Math.max(0, Math.min(column - 1 - maxShown / 2, src.length - maxShown));
  const shown = src.slice(start, start + maxShown);
  const prefix = start > 0 ? '…' : '';
  const suffix = start + maxShown < src.length ? '…' : '';
  const pad = ' '.repeat(prefix.length + Math.max(0, column - 1 - start));
  const carets = '^'.repeat(Math.max(1, Math.min(width, shown.length - (column - 1 - start))));
  return [`${prefix}${shown.replace(/\t/g, ' ')}${suffix}`, `${pad}${carets}`];
}
