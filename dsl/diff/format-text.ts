/** `obs diff --format text`: the same content as the markdown, for a terminal. */
import { changeText, exprDetails, headline, noun, sloText, type Ink } from './describe.ts';
import type { EntityChange, SemanticDiff } from './model.ts';

const SYMBOL: Readonly<Record<EntityChange['change'], string>> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '>',
  moved: '^',
};
const plain = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
const INK: Ink = { code: plain, text: plain };

function lines(c: EntityChange, indent: string): string[] {
  const where =
    c.file && c.entity !== 'file' ? ` (${c.file}${c.change === 'moved' && c.from ? `, from ${c.from}` : ''})` : '';
  const head =
    c.entity === 'slo'
      ? `${indent}${SYMBOL[c.change]} ${sloText(c, INK)} [${c.impact}]`
      : `${indent}${SYMBOL[c.change]} ${noun(c.entity)} ${c.name}${where}: ${changeText({ ...c, children: [] }, INK)} [${c.impact}]`;
  const out = [head];
  for (const f of exprDetails(c)) {
    if (f.before !== undefined) out.push(`${indent}    - ${plain(f.before)}`);
    if (f.after !== undefined) out.push(`${indent}    + ${plain(f.after)}`);
  }
  const children = c.change === 'added' && c.entity === 'dashboard' ? [] : c.children;
  for (const child of children) out.push(...lines(child, `${indent}  `));
  return out;
}

export function formatDiffText(d: SemanticDiff): string {
  return `${[`obs diff ${d.base} → ${d.head}: ${headline(d)}`, ...(d.notes ?? []).map((n) => `note: ${n}`), ...d.changes.flatMap((c) => lines(c, ''))].join('\n')}\n`;
}
