/** `obs diff --format markdown`: ready to post as a pull-request comment (a summary line, then sections). */
import { changeText, exprDetails, headline, noun } from './describe.ts';
import type { EntityChange, SemanticDiff } from './model.ts';

const SYMBOL: Readonly<Record<EntityChange['change'], string>> = { added: '+', removed: '−', changed: '~', renamed: '→', moved: '↕' };

/** Inline code that survives any content (backticks inside, table pipes, line breaks). */
function code(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${flat}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function table(children: readonly EntityChange[], title: string): string[] {
  if (children.length === 0) return [];
  const rows = children.map((c) => `| ${SYMBOL[c.change]} | ${noun(c.entity)} ${code(c.name)} | ${changeText(c, code)} | ${c.impact} |`);
  return [`| | ${title} | what changed | impact |`, '|---|---|---|---|', ...rows, ''];
}

function details(children: readonly EntityChange[]): string[] {
  const blocks: string[] = [];
  for (const c of children) {
    for (const f of exprDetails(c)) {
      const fence = '```';
      const lines = [
        ...(f.before ?? '').split('\n').filter((l) => f.before !== undefined && l !== '').map((l) => `- ${l}`),
        ...(f.after ?? '').split('\n').filter((l) => f.after !== undefined && l !== '').map((l) => `+ ${l}`),
      ];
      blocks.push(`${code(c.name)} ${f.field}:`, '', `${fence}diff`, ...lines, fence, '');
    }
  }
  return blocks.length ? ['<details><summary>Expressions</summary>', '', ...blocks, '</details>', ''] : [];
}

function groupSection(g: EntityChange): string[] {
  const where = g.change === 'moved' && g.from ? `${code(g.file ?? '')} (from ${code(g.from)})` : code(g.file ?? '');
  const own = g.change === 'changed' || g.change === 'moved' ? g.fields : [];
  const status = g.change === 'added' ? ' — new group' : g.change === 'removed' ? ' — group removed' : own.length ? ` — ${changeText({ ...g, change: 'changed', children: [] }, code)}` : '';
  return [`**${code(g.name)}** in ${where}${status}`, '', ...table(g.children, 'rule'), ...details(g.children)];
}

function dashboardSection(d: EntityChange): string[] {
  const status = d.change === 'added' ? ' — new dashboard' : d.change === 'removed' ? ' — dashboard removed' : d.fields.length || d.change === 'renamed' ? ` — ${changeText({ ...d, children: [] }, code)}` : '';
  const children = d.change === 'added' ? [] : d.children;
  const panels = d.change === 'added' ? ` (${d.children.length} ${noun('panel', d.children.length)})` : '';
  return [`**${code(d.name)}** ${code(d.file ?? '')}${panels}${status}`, '', ...table(children, 'panel / variable'), ...details(children)];
}

export function formatDiffMarkdown(d: SemanticDiff): string {
  const out = [`### obs diff: ${code(d.base)} → ${d.head}`, '', `**${headline(d)}**`, ''];
  const groups = d.changes.filter((c) => c.entity === 'rule-group');
  const dashboards = d.changes.filter((c) => c.entity === 'dashboard');
  const files = d.changes.filter((c) => c.entity === 'file');
  if (groups.length) out.push('#### Rules', '', ...groups.flatMap(groupSection));
  if (dashboards.length) out.push('#### Dashboards', '', ...dashboards.flatMap(dashboardSection));
  if (files.length) out.push('#### Other files', '', ...files.map((f) => `- ${code(f.name)} ${f.change}`), '');
  return truncate(`${out.join('\n').trimEnd()}\n`);
}

/** GitHub refuses comments over 65,536 characters: a huge diff is cut at a line, saying so. */
export const MAX_COMMENT = 60_000;

function truncate(text: string): string {
  if (text.length <= MAX_COMMENT) return text;
  const cut = text.lastIndexOf('\n', MAX_COMMENT);
  const rest = text.slice(cut + 1).split('\n').length - 1;
  // An open code block or <details> would swallow the note: close them first.
  const head = text.slice(0, cut);
  const fences = (head.match(/^```/gm) ?? []).length % 2 === 1 ? '\n```' : '';
  const details = (head.match(/<details>/g) ?? []).length > (head.match(/<\/details>/g) ?? []).length ? '\n\n</details>' : '';
  return `${head}${fences}${details}\n\n_… ${rest} more lines cut (GitHub's comment limit); run \`obs diff --format text\` for all of it._\n`;
}
