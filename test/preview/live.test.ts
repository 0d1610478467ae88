/**
 * `obs preview --prometheus` against a real Prometheus on loopback that scrapes itself every second
 * (and a target nothing listens on, so `up == 0` fires): panels show the data points it answered, and
 * an alert a change alters shows when it would have fired before and after. Pages opened in Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium, openPage } from '../helpers/chromium.ts';
import { runObs } from '../helpers/cli.ts';
import { freeLoopbackPort, prometheusSkipReason, startPrometheus, type RunningPrometheus } from '../helpers/prometheus.ts';
import { createGitFixture, type GitFixture } from '../diff/git-fixture.ts';
import { json, ruleYaml, showcaseDashboard } from './fixtures.ts';

const skip = prometheusSkipReason() ?? chromiumSkipReason();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function instant(url: string, q: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`).then((x) => x.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(r.data.result[0]?.value[1] ?? 0);
}

describe.skipIf(skip)('obs preview with a real Prometheus', () => {
  let prom: RunningPrometheus | undefined;
  let dir: string;
  let repo: GitFixture;
  let browser: Browser;
  let out: string;
  let generatedAt: number;
  let finishedAt: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obs-preview-prom-'));
    const port = await freeLoopbackPort();
    const nobody = await freeLoopbackPort();
    writeFileSync(join(dir, 'prometheus.yml'), [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      `  - { job_name: prometheus, static_configs: [{ targets: ['127.0.0.1:${port}'] }] }`,
      `  - { job_name: down, scrape_timeout: 500ms, static_configs: [{ targets: ['127.0.0.1:${nobody}'] }] }`,
      '',
    ].join('\n'));
    prom = await startPrometheus({ configFile: join(dir, 'prometheus.yml'), dataDir: join(dir, 'data'), port });
    // Enough history: the down target failed 8 scrapes, requests were counted.
    const deadline = Date.now() + 30_000;
    while ((await instant(prom.url, 'count_over_time(up{job="down"}[1m])')) < 8 || (await instant(prom.url, 'sum(prometheus_http_requests_total)')) === 0) {
      if (Date.now() > deadline) throw new Error(`Prometheus gathered no history in 30 s:\n${prom.log().slice(-2000)}`);
      await sleep(500);
    }
    repo = createGitFixture();
    repo.write({
      'out/dashboards/demo/showcase.json': json(showcaseDashboard()),
      // Before: up == 0 must hold for 10m, longer than the server has lived: it never fires.
      'out/rules/alerts/demo.yml': ruleYaml([{ alert: 'TargetDown', expr: 'up == 0', for: '10m', labels: { severity: 'page' } }]),
    });
    repo.commit('base');
    repo.write({ 'out/rules/alerts/demo.yml': ruleYaml([{ alert: 'TargetDown', expr: 'up == 0', for: '3s', labels: { severity: 'page' } }]) });
    out = join(repo.root, 'preview');
    generatedAt = Date.now() / 1000;
    const r = await runObs(['preview', '--out', 'preview', '--base', 'HEAD', '--prometheus', prom.url, '--alert-window', '2m'], { cwd: repo.root });
    finishedAt = Date.now() / 1000;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await prom?.stop();
    repo?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the data points Prometheus answered, with the variables resolved from it', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'dashboards', 'showcase.html')).href);
    await page.screenshot({ path: join(dir, 'live.png'), fullPage: true });
    expect(await page.locator('[data-banner="live"]').textContent()).toContain(prom?.url);
    const points = async (title: string): Promise<number> => Number(await page.locator(`.panel[data-title="${title}"] .chart`).getAttribute('data-points'));
    expect(await points('Targets up')).toBeGreaterThan(8);
    expect(await points('HTTP requests')).toBeGreaterThan(2);
    expect(await page.locator('.panel[data-title="Targets up"] canvas').count()).toBeGreaterThan(0);
    // Legends from legendFormat, values in the panel's unit.
    expect(await page.locator('.panel[data-title="Targets up"] .u-legend').textContent()).toMatch(/down 127\.0\.0\.1:\d+/);
    expect(await page.locator('.panel[data-title="Share up"]').textContent()).toContain('50%');
    expect(await page.locator('.panel[data-title="Heap"] .val').first().textContent()).toMatch(/^[\d.]+ MiB$/);
    expect(await page.locator('.panel[data-title="Targets"] tbody tr').count()).toBe(2);
    // The $job variable: its options came from label_values(up, job); All was selected, queries used allValue.
    expect(await page.locator('[data-variable="job"] option').allTextContents()).toEqual(['All', 'down', 'prometheus']);
    await page.locator('.panel[data-title="HTTP requests"] details summary').click();
    expect(await page.locator('.panel[data-title="HTTP requests"] details').textContent()).toMatch(/sent: sum by \(handler\) \(rate\(prometheus_http_requests_total\{job=~"\.\+"\}\[4s\]\)\)/);
    expect(await page.locator('.panel[data-title="Logs"]').textContent()).toContain('not queried');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws a bar chart as bars per category and query, and a histogram as the counts of binned values', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'dashboards', 'showcase.html')).href);
    const bars = page.locator('.panel[data-title="Targets by job"] rect');
    // In the order Prometheus answered, as Grafana draws them: a category's bars side by side, one per query.
    const drawn = await bars.evaluateAll((rs) => rs.map((r) => ({ category: r.getAttribute('data-category'), field: r.getAttribute('data-field'), value: Number(r.getAttribute('data-value')), height: Number(r.getAttribute('height')), x: Number(r.getAttribute('x')) })));
    const bar = (category: string, field: string) => drawn.find((d) => d.category === category && d.field === field)!;
    expect(drawn.map((d) => `${d.category} ${d.field}`).sort()).toEqual(['down Value #A', 'down Value #B', 'prometheus Value #A', 'prometheus Value #B']);
    // count by (job) (up) and sum by (job) (up): both jobs have one target, only prometheus's is up.
    expect([bar('down', 'Value #A').value, bar('down', 'Value #B').value, bar('prometheus', 'Value #A').value, bar('prometheus', 'Value #B').value]).toEqual([1, 0, 1, 1]);
    expect(bar('down', 'Value #A').height).toBeGreaterThan(20);
    expect(bar('prometheus', 'Value #B').height).toBeCloseTo(bar('down', 'Value #A').height, 3);
    expect(bar('down', 'Value #B').height).toBeLessThan(1);
    expect(bar('down', 'Value #B').x).toBeGreaterThan(bar('down', 'Value #A').x);
    expect(Math.abs(bar('prometheus', 'Value #A').x - bar('down', 'Value #A').x)).toBeGreaterThan(bar('down', 'Value #B').x - bar('down', 'Value #A').x);
    expect(await page.locator('.panel[data-title="Targets by job"] .barlegend').textContent()).toBe('Value #AValue #B');
    // The histogram: every point of up (the same query the "Targets up" chart draws) in a bucket of 0.5.
    const hist = page.locator('.panel[data-title="Values of up"] .barchart');
    expect(await hist.getAttribute('data-bucket-size')).toBe('0.5');
    const counts = await page.locator('.panel[data-title="Values of up"] rect').evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-series'), Number(r.getAttribute('data-from')), Number(r.getAttribute('data-count'))]));
    const points = Number(await page.locator('.panel[data-title="Targets up"] .chart').getAttribute('data-points'));
    // up is 0 or 1: the down target's points in the bucket from 0, prometheus's in the one from 1; the one from 0.5 is empty (no bar).
    expect(counts.map((c) => [c[0], c[1]])).toEqual([['down', 0], ['prometheus', 1]]);
    expect(counts.reduce((n, c) => n + (c[2] as number), 0)).toBe(points);
    expect(await page.locator('.panel[data-title="Values of up"] text').allTextContents()).toEqual(expect.arrayContaining(['0', '0.5', '1']));
    // Kept for a look (the test directory is removed at the end).
    const shots = mkdtempSync(join(tmpdir(), 'obs-preview-bars-'));
    await page.locator('.panel[data-title="Values of up"]').screenshot({ path: join(shots, 'histogram.png') });
    await page.locator('.panel[data-title="Targets by job"]').screenshot({ path: join(shots, 'barchart.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows when the altered alert over up == 0 would have fired, before and after', async () => {
    const { page, problems } = await openPage(browser, pathToFileURL(join(out, 'index.html')).href);
    await page.screenshot({ path: join(dir, 'live-index.png'), fullPage: true });
    const row = page.locator('tr[data-alert="TargetDown"]');
    expect(await row.locator('[data-history="before"]').textContent()).toMatch(/^never fired/);
    expect(await row.locator('[data-history="after"]').textContent()).toMatch(/^fired 1 time \(1 series, \d+s firing in all\)$/);
    expect(await row.locator('[data-verdict]').textContent()).toBe('would have fired 1 time over the last 2m instead of never');
    const firings = row.locator('[data-lane="after"] .firing');
    expect(await firings.count()).toBe(1);
    const start = Number(await firings.getAttribute('data-start'));
    const end = Number(await firings.getAttribute('data-end'));
    expect(start).toBeGreaterThan(generatedAt - 120);
    expect(end).toBeGreaterThan(start);
    // Evaluated up to the preview's own "now": between its start and its end (on a loaded machine, seconds apart).
    expect(end).toBeLessThanOrEqual(finishedAt + 1);
    expect(await row.locator('[data-lane="before"] .firing').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
