/**
 * `obs preview` pages opened in a real headless Chromium: every panel where its gridPos puts it,
 * collapsed rows that expand, no console errors, no network, before/after outlines. Screenshots are
 * kept in a temporary folder (printed) for a person to look at.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium, openPage } from '../helpers/chromium.ts';
import { runObs } from '../helpers/cli.ts';
import { createGitFixture, type GitFixture } from '../diff/git-fixture.ts';
import { json, ruleYaml, showcaseDashboard } from './fixtures.ts';

const skip = chromiumSkipReason();
const SHOTS = mkdtempSync(join(tmpdir(), 'obs-preview-shots-'));

interface Pos { x: number; y: number; w: number; h: number }

/** Where Grafana's grid puts a panel, in CSS pixels of a grid `width` wide: 24 columns, 30 px rows, 8 px gaps. */
function expectedBox(p: Pos, width: number): { left: number; top: number; width: number; height: number } {
  return { left: (p.x / 24) * width + 4, top: p.y * 38, width: (p.w / 24) * width - 8, height: p.h * 38 - 8 };
}

interface Box { left: number; top: number; width: number; height: number }

/** Boxes of the drawn panels and rows of one side, relative to its grid, keyed by type and title. */
async function drawnBoxes(page: Page, side: number): Promise<{ grid: { width: number }; boxes: Record<string, Box>; marks: Record<string, string> }> {
  const g = await page.locator(`#side-${side} .grid`).boundingBox();
  if (!g) throw new Error(`side ${side} has no grid`);
  const boxes: Record<string, Box> = {};
  const marks: Record<string, string> = {};
  const nodes = page.locator(`#side-${side} .grid > .panel, #side-${side} .grid > .row`);
  for (let i = 0; i < await nodes.count(); i++) {
    const n = nodes.nth(i);
    const key = `${await n.getAttribute('data-type')}:${await n.getAttribute('data-title')}`;
    const r = await n.boundingBox();
    if (r) boxes[key] = { left: r.x - g.x, top: r.y - g.y, width: r.width, height: r.height };
    const mark = await n.getAttribute('data-mark');
    if (mark) marks[key] = mark;
  }
  return { grid: { width: g.width }, boxes, marks };
}

function closeTo(actual: Box | undefined, want: Box, what: string): void {
  for (const k of ['left', 'top', 'width', 'height'] as const) expect(Math.abs((actual?.[k] ?? NaN) - want[k]), `${what} ${k}: ${actual?.[k]} vs ${want[k]}`).toBeLessThanOrEqual(1.5);
}

describe.skipIf(skip)('obs preview in a real browser', () => {
  let repo: GitFixture;
  let browser: Browser;
  let out: string;

  beforeAll(async () => {
    repo = createGitFixture();
    repo.write({
      'out/dashboards/demo/showcase.json': json(showcaseDashboard()),
      'out/dashboards/demo/other.json': json(showcaseDashboard({ uid: 'other', title: 'Other' })),
      'out/rules/alerts/demo.yml': ruleYaml([{ alert: 'TargetDown', expr: 'up == 0', for: '5m' }]),
    });
    repo.commit('base');
    repo.write({
      'out/dashboards/demo/showcase.json': json(showcaseDashboard({ extraPanel: true, rateThreshold: 2 })),
      'out/rules/alerts/demo.yml': ruleYaml([{ alert: 'TargetDown', expr: 'up == 0', for: '1m' }]),
    });
    out = join(repo.root, 'preview');
    const r = await runObs(['preview', '--out', 'preview', '--base', 'HEAD'], { cwd: repo.root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    browser = await launchChromium();
    console.log(`obs preview screenshots: ${SHOTS}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    repo?.cleanup();
  });

  it('draws every visible panel and row at its grid position, without console errors or network', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'dashboards', 'other.html')).href);
    await page.screenshot({ path: join(SHOTS, 'other.png'), fullPage: true });
    const { grid, boxes } = await drawnBoxes(page, 0);
    const d = showcaseDashboard({ uid: 'other' }) as { panels: { type: string; title: string; gridPos: Pos }[] };
    expect(Object.keys(boxes).sort()).toEqual(d.panels.map((p) => `${p.type}:${p.title}`).sort());
    for (const p of d.panels) closeTo(boxes[`${p.type}:${p.title}`], expectedBox(p.gridPos, grid.width), `${p.type} "${p.title}"`);
    // Without --prometheus: every query panel is a labelled placeholder, never a chart with invented data.
    expect(await page.locator('[data-banner="placeholder"]').count()).toBe(1);
    expect(await page.locator('.panel[data-type="timeseries"] [data-placeholder]').count()).toBe(2);
    expect(await page.locator('.uplot').count()).toBe(0);
    expect(await page.locator('[data-fallback]').textContent()).toContain('nodeGraph');
    // Variables as Grafana shows them: a dropdown per variable with its current value.
    expect(await page.locator('[data-variable="window"] select').inputValue()).toBe('30m');
    expect(await page.locator('[data-variable="job"] select').inputValue()).toBe('All');
    // Queries are one click away.
    await page.locator('.panel[data-title="HTTP requests"] details summary').click();
    expect(await page.locator('.panel[data-title="HTTP requests"] details pre').first().textContent()).toContain('prometheus_http_requests_total');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('expands a collapsed row in place and pushes the panels below it down', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'dashboards', 'other.html')).href);
    const before = await drawnBoxes(page, 0);
    await page.locator('.row[data-title="Internals"]').click();
    const after = await drawnBoxes(page, 0);
    await page.screenshot({ path: join(SHOTS, 'other-expanded.png'), fullPage: true });
    const row = after.boxes['row:Internals']?.top ?? NaN;
    closeTo(after.boxes['timeseries:Goroutines'], expectedBox({ x: 0, y: 33, w: 12, h: 6 }, after.grid.width), 'Goroutines');
    expect(after.boxes['stat:Series in head']?.top).toBeCloseTo(row + 38, 0);
    expect((after.boxes['row:After']?.top ?? 0) - (before.boxes['row:After']?.top ?? 0)).toBeCloseTo(6 * 38, 0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a changed dashboard before and after, outlining the added and changed panels only', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'dashboards', 'showcase.html')).href, 1600);
    await page.screenshot({ path: join(SHOTS, 'showcase-compare.png'), fullPage: true });
    const before = await drawnBoxes(page, 0);
    const after = await drawnBoxes(page, 1);
    expect(before.marks).toEqual({ 'timeseries:HTTP requests': 'changed' });
    expect(after.marks).toEqual({ 'stat:Targets down': 'added', 'timeseries:HTTP requests': 'changed' });
    // Each side is its own grid: the after side's panels sit where the after JSON puts them.
    const d = showcaseDashboard({ extraPanel: true }) as { panels: { type: string; title: string; gridPos: Pos }[] };
    for (const p of d.panels) closeTo(after.boxes[`${p.type}:${p.title}`], expectedBox(p.gridPos, after.grid.width), `after ${p.title}`);
    expect(await page.locator('[data-changes] li').allTextContents()).toEqual(['added stat panel "Targets down"', 'changed timeseries panel "HTTP requests": fieldConfig']);
    const outline = await page.evaluate('getComputedStyle(document.querySelector(\'#side-1 .panel[data-mark="added"]\')).outlineColor');
    expect(outline).toBe('rgb(115, 191, 105)');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('lists every dashboard on the index page, marks the changed one, and links to pages that exist', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'index.html')).href);
    await page.screenshot({ path: join(SHOTS, 'index.png'), fullPage: true });
    const rows = page.locator('tr[data-uid]');
    const listed: [string | null, string | null][] = [];
    for (let i = 0; i < await rows.count(); i++) {
      listed.push([await rows.nth(i).getAttribute('data-uid'), await rows.nth(i).getAttribute('data-status')]);
      const href = await rows.nth(i).locator('a').getAttribute('href') ?? '';
      expect(existsSync(join(out, href)), href).toBe(true);
    }
    expect(listed).toEqual([['showcase', 'changed'], ['other', null]]);
    expect(await page.locator('tr[data-alert="TargetDown"]').getAttribute('data-change')).toBe('changed');
    expect(await page.locator('.banner.placeholder').allTextContents()).toContain('Run with --prometheus URL to see when these alerts would have fired, before and after the change.');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps every page self-contained: no src or href to another host, uPlot inlined', () => {
    const html = readFileSync(join(out, 'dashboards', 'showcase.html'), 'utf8');
    // The markup outside inline scripts (the libraries' code holds tag templates of its own).
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => tag.slice(0, tag.indexOf('>') + 1));
    expect(markup.match(/<script\b[^>]*>/gi)).toEqual(['<script>', '<script type="application/json" id="preview-data">', '<script type="module">']);
    expect(markup).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).toContain('uPlot');
    expect(html).toContain(`default-src 'none'`);
  });
});

describe.skipIf(skip)('obs preview pages with hostile text', () => {
  // Titles, descriptions, legends and text panels are the author's (or an imported dashboard's)
  // strings: a self-contained page must show them as text, never run them or end its own scripts.
  const PWN = 'document.body.dataset.pwned=1';
  const hostile = (where: string): string => `${where} </script><script>${PWN}</script><img src=x onerror="${PWN}"><b>b</b>`;

  it('shows markup in titles, descriptions and text panels as text: nothing runs, the page stays whole', async () => {
    const repo = createGitFixture();
    const browser = await launchChromium();
    try {
      const d = showcaseDashboard({ uid: 'hostile', title: hostile('Title') }) as { panels: Record<string, unknown>[]; description?: string };
      d.description = hostile('Dashboard description');
      d.panels[0] = { ...d.panels[0], options: { mode: 'markdown', content: `${hostile('Text')} [x](javascript:${PWN})` } };
      d.panels[1] = { ...d.panels[1], title: hostile('Panel'), description: hostile('Panel description') };
      repo.write({ 'out/dashboards/demo/hostile.json': json(d) });
      const r = await runObs(['preview', '--out', 'preview'], { cwd: repo.root });
      expect(r.code, r.stderr).toBe(0);
      const { page, problems } = await openPage(browser, pathToFileURL(join(repo.root, 'preview', 'dashboards', 'hostile.html')).href);
      expect(await page.evaluate('document.body.dataset.pwned ?? null')).toBeNull();
      expect(await page.locator('h1').textContent()).toBe(hostile('Title'));
      expect(await page.locator('img, h1 b, .panel .t b, .panel .text b, a[href^="javascript"]').count()).toBe(0);
      expect(await page.locator('.panel').first().textContent()).toContain('Text </script><script>');
      // The page script still ran to its end: every panel is drawn.
      expect(await page.locator('.grid > .panel').count()).toBe(d.panels.filter((p) => p.type !== 'row').length);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
      repo.cleanup();
    }
  }, 60_000);
});
