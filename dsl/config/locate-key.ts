/**
 * Where a key of obs.config.ts is set: the line and column of its value, found by parsing the
 * config's source (only when there is an error to report, so a normal run never loads the parser).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourcePoint } from '../core/diagnostic.ts';

/**
 * The value of `keyPath` (`['outDir']`, `['rules', 'outputs']`) in the first object literal that
 * sets it: `defineConfig({ ... })` or `export default { ... }`. Undefined when the source cannot be
 * read or the key is not written literally (spread from elsewhere, computed).
 */
export async function locateConfigKey(
  root: string,
  file: string,
  keyPath: readonly string[],
): Promise<SourcePoint | undefined> {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  const { default: ts } = await import('typescript');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const nameOf = (n: import('typescript').PropertyName): string | undefined =>
    ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;
  const find = (
    obj: import('typescript').ObjectLiteralExpression,
    path: readonly string[],
  ): import('typescript').Node | undefined => {
    for (const p of obj.properties) {
      if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || nameOf(p.name) !== path[0]) continue;
      const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      if (path.length === 1) return value;
      if (ts.isObjectLiteralExpression(value)) return find(value, path.slice(1));
    }
    return undefined;
  };
  let found: import('typescript').Node | undefined;
  const visit = (n: import('typescript').Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(n)) found = find(n, keyPath);
    if (!found) ts.forEachChild(n, visit);
  };
  visit(source);
  if (!found) return undefined;
  const { line, character } = source.getLineAndCharacterOfPosition(found.getStart(source));
  return { line: line + 1, column: character + 1 };
}
