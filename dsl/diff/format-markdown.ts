/**
 * `obs diff --format markdown`: ready to post as a pull-request comment (a summary line, SLO
 * sentences, then sections). Everything taken from the artefacts is escaped for GitHub-flavoured
 * markdown: code spans fenced longer than any backtick run inside, pipes escaped in table cells,
 * line breaks flattened, markdown and HTML specials in plain words escaped.
 */
import { changeText, exprDetails, headline, noun, sloText, type Ink } from './describe.ts';
import type { EntityChange, SemanticDiff } from './model.ts';

export interface MarkdownOptions {
  /**
   * Where `obs preview --base` pages are published: each changed dashboard links to
   * `URL/dashboards/<uid>.html`, the summary to `URL/index.html`.
   */
  readonly previewUrl?: string;
}

const ROUTING: readonly EntityChange['entity'][] = ['routed-alert', 'route', 'receiver', 'inhibit-rule'];

const SYMBOL: Readonly<Record<EntityChange['change'], string>> = {
  added: '+',
  removed: '−',
  changed: '~',
  renamed: '→',
  moved: '↕',
};

/**
 * Inline code that survives any content: a fence longer than the longest backtick run, line breaks
 * flattened, and in a table cell pipes escaped (GitHub splits cells at a `|` even inside code).
 */
export function code(s: string, cell = false): string {
  const flat = s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, cell ? '\\|' : '|');
  if (flat === '') return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith(' ') || flat.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Plain words from the artefacts (field paths, notes): markdown and HTML specials escaped, one line. */
export function text(s: string): string {
  return s
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const INK: Ink = { code: (s) => code(s), text };
const CELL: Ink = { code: (s) => code(s, true), text };

function table(children: readonly EntityChange[], title: string): string[] {
  if (children.length === 0) return [];
  const rows = children.map(
    (c) => `| ${SYMBOL[c.change]} | ${noun(c.entity)} ${code(c.name, true)} | ${changeText(c, CELL)} | ${c.impact} |`,
  );
  return [`| | ${title} | what changed | impact |`, '|---|---|---|---|', ...rows, ''];
}

function details(children: readonly EntityChange[]): string[] {
  const blocks: string[] = [];
  for (const c of children) {
    for (const f of exprDetails(c)) {
      const all = `${f.before ?? ''}\n${f.after ?? ''}`;
      const fence = '`'.repeat(Math.max(3, ...(all.match(/`{3,}/g) ?? []).map((r) => r.length + 1)));
      const lines = [
        ...(f.before ?? '')
          .split('\n')
          .filter((l) => f.before !== undefined && l !== '')
          .map((l) => `- ${l}`),
        ...(f.after ?? '')
          .split('\n')
          .filter((l) => f.after !== undefined && l !== '')
          .map((l) => `+ ${l}`),
      ];
      blocks.push(`${code(c.name)} ${text(f.field)}:`, '', `${fence}diff`, ...lines, fence, '');
    }
  }
  return blocks.length ? ['<details><summary>Expressions</summary>', '', ...blocks, '</details>', ''] : [];
}

function groupSection(g: EntityChange): string[] {
  const where = g.change === 'moved' && g.from ? `${code(g.file ?? '')} (from ${code(g.from)})` : code(g.file ?? '');
  const own = g.change === 'changed' || g.change === 'moved' ? g.fields : [];
  const status =
    g.change === 'added'
      ? ' — new group'
      : g.change === 'removed'
        ? ' — group removed'
        : own.length
          ? ` — ${changeText({ ...g, change: 'changed', children: [] }, INK)}`
          : '';
  return [`**${code(g.name)}** in ${where}${status}`, '', ...table(g.children, 'rule'), ...details(g.children)];
}

/** An SLO's generated artefacts, folded: its rule groups, and its row of the SLO dashboard. */
function sloSection(s: EntityChange, opts: MarkdownOptions): string[] {
  const groups = s.children.filter((c) => c.entity === 'rule-group');
  const dashboards = s.children.filter((c) => c.entity === 'dashboard');
  const files = s.children.filter((c) => c.entity === 'file');
  const rules = groups.reduce((n, g) => n + g.children.length, 0);
  const panels = dashboards.reduce((n, d) => n + d.children.length, 0);
  const what = [
    ...(rules ? [`${rules} generated ${rules === 1 ? 'rule' : 'rules'}`] : []),
    ...(panels ? [`${panels} ${panels === 1 ? 'change' : 'changes'} on its dashboard`] : []),
    ...(files.length ? [`its promtool ${files.length === 1 ? 'test' : 'tests'}`] : []),
  ].join(', ');
  return [
    `**SLO ${code(s.name)}** — ${s.change}`,
    '',
    `<details><summary>${text(what || 'generated artefacts')}</summary>`,
    '',
    ...groups.flatMap(groupSection),
    ...dashboards.flatMap((d) => dashboardSection(d, opts)),
    ...(files.length ? [...files.map((f) => `- ${code(f.name)} ${f.change}`), ''] : []),
    '</details>',
    '',
  ];
}

function previewLink(d: EntityChange, opts: MarkdownOptions): string {
  if (!opts.previewUrl || d.change === 'removed' || !d.key) return '';
  return ` ([preview](${opts.previewUrl.replace(/\/+$/, '')}/dashboards/${encodeURIComponent(d.key)}.html))`;
}

function dashboardSection(d: EntityChange, opts: MarkdownOptions): string[] {
  const status =
    d.change === 'added'
      ? ' — new dashboard'
      : d.change === 'removed'
        ? ' — dashboard removed'
        : d.fields.length || d.change === 'renamed'
          ? ` — ${changeText({ ...d, children: [] }, INK)}`
          : '';
  const children = d.change === 'added' ? [] : d.children;
  const panels = d.change === 'added' ? ` (${d.children.length} ${noun('panel', d.children.length)})` : '';
  return [
    `**${code(d.name)}** ${code(d.file ?? '')}${panels}${previewLink(d, opts)}${status}`,
    '',
    ...table(children, 'panel / row / variable'),
    ...details(children),
  ];
}

export function formatDiffMarkdown(d: SemanticDiff, opts: MarkdownOptions = {}): string {
  const out = [`### obs diff: ${code(d.base)} → ${text(d.head)}`, '', `**${text(headline(d))}**`, ''];
  if (d.notes?.length) out.push(...d.notes.map((n) => `> ${text(n)}`), '');
  const slos = d.changes.filter((c) => c.entity === 'slo');
  const groups = d.changes.filter((c) => c.entity === 'rule-group');
  const dashboards = d.changes.filter((c) => c.entity === 'dashboard');
  const routing = d.changes.filter((c) => ROUTING.includes(c.entity));
  const files = d.changes.filter((c) => c.entity === 'file');
  if (slos.length) out.push(...slos.map((s) => `- ${sloText(s, INK)}`), '');
  if (opts.previewUrl && dashboards.length)
    out.push(`Preview of the changed dashboards: ${opts.previewUrl.replace(/\/+$/, '')}/index.html`, '');
  if (slos.length) out.push('#### SLOs', '', ...slos.flatMap((x) => sloSection(x, opts)));
  if (groups.length) out.push('#### Rules', '', ...groups.flatMap(groupSection));
  if (routing.length)
    out.push('#### Alertmanager routing', '', ...table(routing, 'alert / route / receiver / inhibit rule'));
  if (dashboards.length) out.push('#### Dashboards', '', ...dashboards.flatMap((x) => dashboardSection(x, opts)));
  if (files.length)
    out.push(
      '#### Other files',
      '',
      ...files.map((f) => `- ${code(f.name)} ${f.fields.length ? changeText(f, INK) : f.change}`),
      '',
    );
  return truncate(`${out.join('\n').trimEnd()}\n`);
}

/** GitHub refuses comments over 65,536 characters: a huge diff is cut at a line, saying so. */
export const MAX_COMMENT = 60_000;

function truncate(md: string): string {
  if (md.length <= MAX_COMMENT) return md;
  const cut = md.lastIndexOf('\n', MAX_COMMENT);
  const rest = md.slice(cut + 1).split('\n').length - 1;
  // An open code block or <details> would swallow the note: close them first.
  const head = md.slice(0, cut);
  const fences = (head.match(/^```/gm) ?? []).length % 2 === 1 ? '\n```' : '';
  const open = (head.match(/<details>/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
  const details = '\n\n</details>'.repeat(Math.max(0, open));
  return `${head}${fences}${details}\n\n_… ${rest} more lines cut (GitHub's comment limit); run \`obs diff --format text\` for all of it._\n`;
}
