/**
 * The PR-comment markdown rendered by a real markdown parser (marked, GitHub-flavoured tables):
 * titles, values and field paths holding pipes, backticks, line breaks, emphasis and HTML must come
 * out as the same text in the same table cell, never as extra columns, broken code spans or markup.
 */
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { diffArtifacts, DIFF_FORMATTERS } from '../../dsl/diff/index.ts';
import { dashboardJson, ruleFile } from './fixtures.ts';

/** The text a reader sees in a cell: code spans' content, escapes resolved, entities decoded. */
function cellText(tokens: readonly Token[]): string {
  return tokens.map((t) => {
    if ('tokens' in t && Array.isArray(t.tokens) && t.type !== 'codespan') return cellText(t.tokens as Token[]);
    const s = 'text' in t ? String(t.text) : t.raw;
    return t.type === 'codespan' ? s : s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }).join('');
}

function tables(md: string): string[][][] {
  const out: string[][][] = [];
  marked.walkTokens(marked.lexer(md), (t) => {
    if (t.type !== 'table') return;
    const table = t as Tokens.Table;
    out.push([table.header.map((c) => cellText(c.tokens)), ...table.rows.map((r) => r.map((c) => cellText(c.tokens)))]);
  });
  return out;
}

/** Inline markup other than code spans and escapes (emphasis, links, HTML) in any table cell. */
function markupInCells(md: string): string[] {
  const found: string[] = [];
  marked.walkTokens(marked.lexer(md), (t) => {
    if (t.type !== 'table') return;
    for (const c of [...(t as Tokens.Table).header, ...(t as Tokens.Table).rows.flat()]) {
      marked.walkTokens(c.tokens, (x) => {
        if (!['text', 'codespan', 'escape'].includes(x.type)) found.push(`${x.type}: ${x.raw}`);
      });
    }
  });
  return found;
}

const tree = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files));

describe('obs diff markdown, parsed by marked', () => {
  it('keeps pipes, backticks, line breaks, emphasis and HTML inside their table cell', () => {
    const title = 'Latency | p99';
    const newTitle = 'Latency | `p99` <b>*ms*</b>\nper route';
    const before = tree({
      'rules/a.yml': ruleFile([{ name: 'g', rules: [{ alert: 'ApiDown', expr: 'up == 0', labels: { severity: 'page' }, annotations: { summary: 'a | b' } }] }]),
      'dashboards/web/api.json': dashboardJson({ uid: 'api', title: 'API | web', panels: [{ id: 1, title, exprs: ['sum(rate(x[5m])) > 1'] }] }),
    });
    const after = tree({
      'rules/a.yml': ruleFile([{ name: 'g', rules: [{ alert: 'ApiDown', expr: 'up == 0', labels: { severity: 'page' }, annotations: { summary: 'a `|` b\n_next_ ``x``' } }] }]),
      'dashboards/web/api.json': dashboardJson({ uid: 'api', title: 'API | web', panels: [{ id: 1, title: newTitle, exprs: ['sum(rate(x[5m])) > 2'] }] }),
    });
    const md = DIFF_FORMATTERS.markdown(diffArtifacts(before, after, { base: 'origin/main', head: 'working tree' }));
    expect(markupInCells(md)).toEqual([]);
    expect(tables(md)).toEqual([
      [
        ['', 'rule', 'what changed', 'impact'],
        ['~', 'alert ApiDown', 'annotations.summary: a | b → a `|` b _next_ ``x``', 'presentation'],
      ],
      [
        ['', 'panel / row / variable', 'what changed', 'impact'],
        ['→', 'panel Latency | `p99` <b>*ms*</b> per route', 'renamed from Latency | p99; query A: threshold > 1 → > 2', 'behaviour'],
      ],
    ]);
    // The dashboard heading: its title in a code span, whole.
    const heading = marked.lexer(md).find((t) => t.type === 'paragraph' && t.raw.includes('dashboards/web/api.json')) as Tokens.Paragraph;
    expect(cellText(heading.tokens)).toBe('API | web dashboards/web/api.json');
  });

  it('shows the part of a long text that differs, not a cut-off prefix equal on both sides', () => {
    const long = (objective: string): string => `Share of good events over the last 30d, against the ${objective} objective (SLI: bad events / all events), per tenant and route.`;
    const panel = (d: string): string => {
      const doc = JSON.parse(dashboardJson({ uid: 'slo', title: 'SLO', panels: [{ id: 1, title: 'SLI', exprs: ['x'] }] })) as { panels: Record<string, unknown>[] };
      (doc.panels[0] as Record<string, unknown>).description = d;
      return JSON.stringify(doc);
    };
    const md = DIFF_FORMATTERS.markdown(diffArtifacts(tree({ 'dashboards/a/slo.json': panel(long('99.9%')) }), tree({ 'dashboards/a/slo.json': panel(long('99.95%')) }), { base: 'HEAD', head: 'working tree' }));
    expect(tables(md)[0]?.[1]?.[2]).toBe('description: …last 30d, against the 99.9% objective (SLI: bad events… → …last 30d, against the 99.95% objective (SLI: bad events…');
  });
});
