/** `obs diff --format text`: the same content as the markdown, for a terminal. */
import { changeText, exprDetails, headline, noun } from './describe.ts';
import type { EntityChange, SemanticDiff } from './model.ts';

const SYMBOL: Readonly<Record<EntityChange['change'], string>> = { added: '+', removed: '-', changed: '~', renamed: '>', moved: '^' };
const plain = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

function lines(c: EntityChange, indent: string): string[] {
  const where = c.file && c.entity !== 'file' ? ` (${c.file}${c.change === 'moved' && c.from ? `, from ${c.from}` : ''})` : '';
  const out = [`${indent}${SYMBOL[c.change]} ${noun(c.entity)} ${c.name}${where}: ${changeText({ ...c, children: [] }, plain)} [${c.impact}]`];
  for (const f of exprDetails(c)) {
    if (f.before !== undefined) out.push(`${indent}    - ${plain(f.before)}`);
    if (f.after !== undefined) out.push(`${indent}    + ${plain(f.after)}`);
  }
  const children = c.change === 'added' && c.entity === 'dashboard' ? [] : c.children;
  for (const child of children) out.push(...lines(child, `${indent}  `));
  return out;
}

export function formatDiffText(d: SemanticDiff): string {
  return `${[`obs diff ${d.base} → ${d.head}: ${headline(d)}`, ...d.changes.flatMap((c) => lines(c, ''))].join('\n')}\n`;
}
