/**
 * Headless Chromium (Debian `chromium`) driven by playwright-core, for tests that open generated
 * pages in a real browser. Never downloads a browser: it uses the installed binary. Like promtool:
 * without it tests skip with a visible message, unless OBS_REQUIRE_PROMTOOL=1 (CI), where they fail.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { toolSkipReason } from './promtool.ts';

export function findChromium(): string | null {
  for (const c of [process.env.OBS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (c && existsSync(c)) return c;
  return null;
}

export function chromiumSkipReason(): string | undefined {
  return toolSkipReason(findChromium() !== null, 'chromium not found (apt-get install -y chromium); skipping tests that open pages in a real browser');
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('chromium not available');
  // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** What a page did that it must not: console errors and warnings, uncaught exceptions, requests off the file. */
export interface PageProblems { readonly problems: string[] }

export async function openPage(browser: Browser, url: string, width = 1400): Promise<{ page: Page } & PageProblems> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"], body:not(:has(#preview-data))', { timeout: 15_000 });
  return { page, problems };
}
