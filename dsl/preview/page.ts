/**
 * The HTML of the preview: one self-contained page per dashboard (one side, or before and after side
 * by side) and the index. Pages carry their data as JSON and draw it with the inlined script.
 */
import type { Assets } from './assets.ts';
import type { AlertHistory, AlertReview } from './alerts.ts';
import type { DashboardData, DashboardJson, PanelJson, PanelMark } from './model.ts';
import { allPanels } from './panels.ts';

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that is safe inside a <script> element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface PageSide {
  /** e.g. "before (origin/main)"; none on a single-side page. */
  readonly label?: string;
  readonly dashboard: DashboardJson;
  readonly data: DashboardData;
  readonly marks?: Readonly<Record<string, PanelMark>>;
  readonly changedVariables?: readonly string[];
  /** The dashboard does not exist on this side (added or removed). */
  readonly missing?: boolean;
}

interface Item {
  key: string;
  panel: PanelJson;
  children?: { key: string; panel: PanelJson }[];
}

/** The panels as the script lays them out: top level in order, a collapsed row with its hidden panels. */
function items(d: DashboardJson): Item[] {
  const out: Item[] = [];
  const byRow = new Map<PanelJson, Item>();
  for (const { panel, key, row } of allPanels(d.panels ?? [])) {
    if (!panel.gridPos) continue;
    if (row) {
      const parent = byRow.get(row);
      parent?.children?.push({ key, panel });
      continue;
    }
    const { panels: _nested, ...own } = panel;
    const item: Item = { key, panel: own, ...(panel.type === 'row' ? { children: [] } : {}) };
    if (panel.type === 'row') byRow.set(panel, item);
    out.push(item);
  }
  return out;
}

function shell(title: string, assets: Assets, body: string, data?: unknown): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="obs preview"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
${data !== undefined ? `<script>${assets.libraries}</script>` : ''}
</head><body>
${body}
${data !== undefined ? `<script type="application/json" id="preview-data">${scriptJson(data)}</script>\n<script type="module">${assets.module}</script>` : ''}
</body></html>
`;
}

function rangeText(d: DashboardData): string {
  if (!d.source) return '';
  const iso = (t: number): string => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
  return `${iso(d.source.from)} → ${iso(d.source.to)}`;
}

function dataBanner(data: DashboardData, time: DashboardJson['time']): string {
  if (!data.source) {
    return `<div class="banner placeholder" data-banner="placeholder"><b>No data: placeholders only.</b> This preview was generated without <code>--prometheus URL</code>; panels show their type, unit and thresholds, never invented values.</div>`;
  }
  return `<div class="banner live" data-banner="live">Data from <code>${escapeHtml(data.source.prometheus)}</code>, queried at generation time for the dashboard's range (${escapeHtml(`${time?.from ?? 'now-6h'} to ${time?.to ?? 'now'}`)}: ${escapeHtml(rangeText(data))}).</div>`;
}

export interface ChangeLine {
  readonly mark: PanelMark;
  readonly text: string;
}

export interface DashboardPageInput {
  readonly title: string;
  readonly sides: readonly PageSide[];
  /** What changed, in words, for a before/after page. */
  readonly changes?: readonly ChangeLine[];
  readonly status?: 'added' | 'removed' | 'changed';
}

export function renderDashboardPage(input: DashboardPageInput, assets: Assets): string {
  const first = input.sides.find((s) => !s.missing) ?? input.sides[0];
  const d = first?.dashboard ?? {};
  const meta = [
    d.uid ? `uid ${d.uid}` : '',
    (d.tags ?? []).join(', '),
    `time ${d.time?.from ?? 'now-6h'} to ${d.time?.to ?? 'now'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const compare = input.sides.length > 1;
  const legend = compare
    ? `<div class="banner legend-marks">${(['added', 'removed', 'changed', 'moved'] as const).map((m) => `<span><i style="border-color:var(--${m})${m === 'moved' ? ';border-style:dashed' : ''}"></i>${m}</span>`).join('')}</div>`
    : '';
  const changes =
    input.changes && input.changes.length > 0
      ? `<ul class="changes" data-changes>${input.changes.map((c) => `<li class="c-${c.mark}"><b>${c.mark}</b> ${escapeHtml(c.text)}</li>`).join('')}</ul>`
      : '';
  const sides = input.sides
    .map(
      (s, i) =>
        `<section class="side${s.missing ? ' gone' : ''}" data-side="${i}">${s.label ? `<h2>${escapeHtml(s.label)}</h2>` : ''}${s.missing ? `<p class="banner">This dashboard does not exist on this side.</p>` : `<div id="side-${i}"></div>`}</section>`,
    )
    .join('');
  const body = `<header class="top"><a href="../index.html">← all dashboards</a><h1>${escapeHtml(input.title)}</h1><span class="meta">${escapeHtml(meta)}</span>${input.status ? `<span class="mark-${input.status}" style="padding:0 6px">${input.status}</span>` : ''}</header>
${first ? dataBanner(first.data, d.time) : ''}
${legend}${changes}
<div class="sides${compare ? '' : ' single'}">${sides}</div>`;
  const data = {
    sides: input.sides
      .filter((s) => !s.missing)
      .map((s) => ({
        label: s.label ?? null,
        items: items(s.dashboard),
        data: s.data,
        marks: s.marks ?? {},
        changedVariables: s.changedVariables ?? [],
        timezone: typeof s.dashboard.timezone === 'string' ? s.dashboard.timezone : null,
      })),
  };
  // Side ids are assigned over the present sides only; keep them in step with the script's order.
  let n = 0;
  const numbered = body.replace(/id="side-\d+"/g, () => `id="side-${n++}"`);
  return shell(`${input.title} · obs preview`, assets, numbered, data);
}

export interface IndexEntry {
  readonly uid: string;
  readonly title: string;
  readonly file: string;
  readonly panels: number;
  readonly status?: 'added' | 'removed' | 'changed';
  /** e.g. "2 panels changed, 1 added". */
  readonly summary?: string;
}

export interface IndexInput {
  readonly dashboards: readonly IndexEntry[];
  readonly base?: string;
  readonly prometheus?: string;
  readonly generatedAt: number;
  /** Undefined without --base (no change to review). */
  readonly alerts?: readonly AlertReview[];
  /** Why alerts were not evaluated, when they were not. */
  readonly alertsNote?: string;
}

function duration(seconds: number): string {
  let s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const parts: string[] = [];
  for (const [u, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    const n = Math.floor(s / size);
    if (n > 0) parts.push(`${n}${u}`);
    s -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}

/** "fired 3 times (4 series, 2h 10m in all)", "never fired", or the error. */
export function historyText(h: AlertHistory | undefined): string {
  if (!h) return 'did not exist';
  if (h.error) return `could not be evaluated: ${h.error}`;
  const n = h.firings.length;
  if (n === 0) return h.seriesSeen > 0 ? 'never fired (pending only: shorter than its for)' : 'never fired';
  const total = h.firings.reduce((a, f) => a + (f.end - f.start), 0);
  const series = new Set(h.firings.map((f) => JSON.stringify(f.labels))).size;
  return `fired ${n} time${n === 1 ? '' : 's'} (${series} series, ${duration(total)} firing in all)`;
}

const count = (h: AlertHistory | undefined): string =>
  !h || h.firings.length === 0 ? 'never' : `${h.firings.length} time${h.firings.length === 1 ? '' : 's'}`;

/** The sentence a reviewer reads: "would have fired 3 times over the last 7d instead of never". */
export function verdict(r: AlertReview): string {
  if (!r.window) return '';
  const span = duration(r.window.to - r.window.from);
  const before = r.beforeHistory;
  const after = r.afterHistory;
  if (before?.error || after?.error) return 'could not be evaluated';
  if (r.change === 'removed') return `fired ${count(before)} over the last ${span}; removed, it will not fire`;
  if (r.change === 'added') return `new alert: would have fired ${count(after)} over the last ${span}`;
  const same = count(before) === count(after);
  return `would have fired ${count(after)} over the last ${span}${same ? ', as before' : ` instead of ${count(before)}`}`;
}

function timeline(r: AlertReview): string {
  if (!r.window) return '';
  const w = r.window;
  const lane = (name: string, h: AlertHistory | undefined): string => {
    const bars = (h?.firings ?? [])
      .map((f) => {
        const left = ((f.start - w.from) / (w.to - w.from)) * 100;
        const width = Math.max(0.3, ((f.end - f.start) / (w.to - w.from)) * 100);
        const when = `${new Date(f.start * 1000).toISOString()} → ${new Date(f.end * 1000).toISOString()} ${JSON.stringify(f.labels)}`;
        return `<span class="firing" data-start="${f.start}" data-end="${f.end}" title="${escapeHtml(when)}" style="position:absolute;top:0;bottom:0;left:${left.toFixed(3)}%;width:${width.toFixed(3)}%;background:var(--removed)"></span>`;
      })
      .join('');
    return `<div class="lane" data-lane="${name}" style="display:flex;align-items:center;gap:6px"><span style="width:44px;color:var(--muted)">${name}</span><span style="position:relative;flex:1;height:12px;background:#22252b">${bars}</span></div>`;
  };
  const iso = (t: number): string => new Date(t * 1000).toISOString().replace(/:\d\d\.000Z$/, 'Z');
  return `<div class="timeline" style="min-width:260px">${r.change !== 'added' ? lane('before', r.beforeHistory) : ''}${r.change !== 'removed' ? lane('after', r.afterHistory) : ''}<div style="display:flex;justify-content:space-between;color:var(--muted);font-size:11px;margin-left:50px"><span>${iso(w.from)}</span><span>step ${w.step}s</span><span>${iso(w.to)}</span></div></div>`;
}

function ruleText(r: AlertReview['before']): string {
  if (!r) return '';
  return `<pre style="margin:0;white-space:pre-wrap">${escapeHtml(r.expr)}</pre><small>for ${escapeHtml(r.for)}${r.keepFiringFor !== '0s' ? `, keep_firing_for ${escapeHtml(r.keepFiringFor)}` : ''}</small>`;
}

function alertsSection(input: IndexInput): string {
  if (input.alerts === undefined)
    return `<h2>Alerts in review</h2><p class="banner">${escapeHtml(input.alertsNote ?? 'Run with --base REF to review the alerts a change adds or alters.')}</p>`;
  if (input.alerts.length === 0)
    return `<h2>Alerts in review</h2><p class="banner">No alert is added, removed or changed against ${escapeHtml(input.base ?? 'the base')}.</p>`;
  const rows = input.alerts
    .map((r) => {
      const rule = r.after ?? r.before;
      return `<tr data-alert="${escapeHtml(rule?.alert ?? '')}" data-change="${r.change}">
<td><b>${escapeHtml(rule?.alert ?? '')}</b><br><small>${escapeHtml(rule?.group ?? '')} · ${escapeHtml(rule?.file ?? '')}</small><br><span class="mark-${r.change === 'changed' ? 'changed' : r.change}" style="padding:0 4px">${r.change}</span></td>
<td>${ruleText(r.before)}${r.window ? `<div data-history="before">${escapeHtml(r.change === 'added' ? '' : historyText(r.beforeHistory))}</div>` : ''}</td>
<td>${ruleText(r.after)}${r.window ? `<div data-history="after">${escapeHtml(r.change === 'removed' ? '' : historyText(r.afterHistory))}</div>` : ''}</td>
<td><div data-verdict><b>${escapeHtml(verdict(r) || (input.alertsNote ?? ''))}</b></div>${timeline(r)}</td></tr>`;
    })
    .join('\n');
  return `<h2>Alerts in review</h2>${input.alertsNote ? `<p class="banner placeholder">${escapeHtml(input.alertsNote)}</p>` : ''}
<table class="tbl alerts"><thead><tr><th>alert</th><th>before</th><th>after</th><th>when it would have fired</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderIndex(input: IndexInput, assets: Assets): string {
  const changed = input.dashboards.filter((d) => d.status).length;
  const rows = [...input.dashboards]
    .sort((a, b) => Number(!a.status) - Number(!b.status) || a.file.localeCompare(b.file))
    .map(
      (d) =>
        `<tr data-uid="${escapeHtml(d.uid)}"${d.status ? ` data-status="${d.status}"` : ''}><td><a href="dashboards/${encodeURIComponent(d.uid)}.html">${escapeHtml(d.title)}</a></td><td>${escapeHtml(d.file)}</td><td class="num">${d.panels}</td><td>${d.status ? `<span class="mark-${d.status}" style="padding:0 4px">${d.status}</span> ${escapeHtml(d.summary ?? '')}` : ''}</td></tr>`,
    )
    .join('\n');
  const body = `<header class="top"><h1>obs preview</h1><span class="meta">${input.dashboards.length} dashboards${input.base !== undefined ? ` · ${changed} changed against ${escapeHtml(input.base)}` : ''} · generated ${escapeHtml(new Date(input.generatedAt * 1000).toISOString())}</span></header>
${input.prometheus ? `<div class="banner live">Data from <code>${escapeHtml(input.prometheus)}</code>.</div>` : `<div class="banner placeholder" data-banner="placeholder"><b>No data: placeholders only</b> (run with <code>--prometheus URL</code> for real data).</div>`}
<main style="padding:0 16px 16px">
${alertsSection(input)}
<h2>Dashboards</h2>
<table class="tbl dashboards"><thead><tr><th>dashboard</th><th>file</th><th>panels</th><th>change</th></tr></thead><tbody>${rows}</tbody></table>
</main>`;
  return shell('obs preview', assets, body);
}
