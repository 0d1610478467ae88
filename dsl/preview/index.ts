/**
 * `obs preview`'s library: every built dashboard as a static, self-contained HTML page, before and
 * after side by side for the dashboards a change touched, and the alerts a change adds or alters with
 * when they would have fired. It reads built artifacts (out/ trees) only, never authored TS.
 */
import { alertChanges, alertRules, reviewAlerts, type AlertReview } from './alerts.ts';
import { loadAssets } from './assets.ts';
import { dashboardChanges } from './changes.ts';
import { fetchDashboardData } from './data.ts';
import type { DashboardFile, DashboardJson, PanelMark } from './model.ts';
import { renderDashboardPage, renderIndex, type ChangeLine, type IndexEntry, type PageSide } from './page.ts';
import { allPanels } from './panels.ts';
import type { PrometheusClient } from './prometheus.ts';

export { prometheusClient, PrometheusError, type PrometheusClient } from './prometheus.ts';
export { interpolate, parseDuration, rateInterval, roundInterval, formatDuration } from './interpolate.ts';
export {
  alertChanges,
  alertRules,
  firingsFromSamples,
  reviewAlerts,
  type AlertReview,
  type AlertRule,
  type Firing,
} from './alerts.ts';
export { dashboardChanges } from './changes.ts';
export { fetchDashboardData, legendName, resolveVariables } from './data.ts';
export { historyText, verdict } from './page.ts';
export type * from './model.ts';

export interface PreviewInput {
  /** The out/ tree to preview: path relative to out/ → content. */
  readonly tree: ReadonlyMap<string, string>;
  /** The out/ tree at a git ref, for before/after pages and alerts in review. */
  readonly base?: { readonly ref: string; readonly tree: ReadonlyMap<string, string> };
  readonly client: PrometheusClient | null;
  /** Unix seconds the relative times (now-6h) are read against. */
  readonly now: number;
  readonly alertWindowSeconds?: number;
  readonly alertStepSeconds?: number;
}

export interface PreviewResult {
  /** Path relative to the output folder → HTML. */
  readonly files: ReadonlyMap<string, string>;
  readonly dashboards: number;
  readonly changed: readonly string[];
  readonly alerts?: readonly AlertReview[];
  /** Files that are not dashboard JSON the preview can read. */
  readonly skipped: readonly string[];
}

/** A uid as a file name: Grafana uids are [a-zA-Z0-9_-], anything else is replaced. */
export const pageName = (uid: string): string => `${uid.replace(/[^A-Za-z0-9_-]/g, '_') || '_'}.html`;

function dashboards(tree: ReadonlyMap<string, string>, skipped: string[]): Map<string, DashboardFile> {
  const out = new Map<string, DashboardFile>();
  for (const [file, content] of [...tree].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith('dashboards/') || !file.endsWith('.json')) continue;
    let json: DashboardJson;
    try {
      json = JSON.parse(content) as DashboardJson;
    } catch {
      skipped.push(file);
      continue;
    }
    if (!json || typeof json !== 'object' || !Array.isArray(json.panels)) {
      skipped.push(file);
      continue;
    }
    const uid = typeof json.uid === 'string' && json.uid ? json.uid : file.replace(/^.*\//, '').replace(/\.json$/, '');
    if (!out.has(uid)) out.set(uid, { file, uid, json });
  }
  return out;
}

function panelCount(d: DashboardJson): number {
  return allPanels(d.panels ?? []).filter((p) => p.panel.type !== 'row').length;
}

function changeLines(
  before: DashboardJson,
  after: DashboardJson,
  c: ReturnType<typeof dashboardChanges>,
): ChangeLine[] {
  const describe = (
    d: DashboardJson,
    marks: Readonly<Record<string, PanelMark>>,
    only: (m: PanelMark) => boolean,
  ): ChangeLine[] =>
    allPanels(d.panels ?? []).flatMap(({ key, panel }) => {
      const m = marks[key];
      const what = d === after && c.fields[key] ? `: ${c.fields[key].join(', ')}` : '';
      return m && only(m)
        ? [
            {
              mark: m,
              text: `${panel.type === 'row' ? 'row' : `${panel.type ?? 'panel'} panel`} "${panel.title ?? ''}"${what}`,
            },
          ]
        : [];
    });
  return [
    ...describe(after, c.after, (m) => m !== 'removed'),
    ...describe(before, c.before, (m) => m === 'removed'),
    ...c.variables.map((v): ChangeLine => ({ mark: 'changed', text: `variable $${v}` })),
    ...c.settings.map((s): ChangeLine => ({ mark: 'changed', text: `dashboard setting ${s}` })),
  ];
}

function summary(lines: readonly ChangeLine[]): string {
  const n = new Map<string, number>();
  for (const l of lines) n.set(l.mark, (n.get(l.mark) ?? 0) + 1);
  return [...n].map(([m, k]) => `${k} ${m}`).join(', ');
}

export async function renderPreview(input: PreviewInput): Promise<PreviewResult> {
  const assets = loadAssets();
  const skipped: string[] = [];
  const after = dashboards(input.tree, skipped);
  const before = input.base ? dashboards(input.base.tree, []) : undefined;
  const files = new Map<string, string>();
  const entries: IndexEntry[] = [];
  const changed: string[] = [];
  const data = (d: DashboardJson): ReturnType<typeof fetchDashboardData> =>
    fetchDashboardData(d, input.client, input.now);
  const baseLabel = `before (${input.base?.ref ?? ''})`;

  for (const [uid, a] of after) {
    const b = before?.get(uid);
    const page = `dashboards/${pageName(uid)}`;
    const title = a.json.title ?? uid;
    if (!before) {
      files.set(page, renderDashboardPage({ title, sides: [{ dashboard: a.json, data: await data(a.json) }] }, assets));
      entries.push({ uid, title, file: a.file, panels: panelCount(a.json) });
      continue;
    }
    if (!b) {
      changed.push(uid);
      const sides: PageSide[] = [
        { label: baseLabel, dashboard: {}, data: { source: null, variables: [], panels: {} }, missing: true },
        {
          label: 'after (working tree)',
          dashboard: a.json,
          data: await data(a.json),
          marks: Object.fromEntries(allPanels(a.json.panels ?? []).map((p) => [p.key, 'added' as const])),
        },
      ];
      files.set(page, renderDashboardPage({ title, sides, status: 'added' }, assets));
      entries.push({ uid, title, file: a.file, panels: panelCount(a.json), status: 'added', summary: 'new dashboard' });
      continue;
    }
    const c = dashboardChanges(b.json, a.json);
    if (!c.changed) {
      files.set(page, renderDashboardPage({ title, sides: [{ dashboard: a.json, data: await data(a.json) }] }, assets));
      entries.push({ uid, title, file: a.file, panels: panelCount(a.json) });
      continue;
    }
    changed.push(uid);
    const lines = changeLines(b.json, a.json, c);
    const sides: PageSide[] = [
      { label: baseLabel, dashboard: b.json, data: await data(b.json), marks: c.before, changedVariables: c.variables },
      {
        label: 'after (working tree)',
        dashboard: a.json,
        data: await data(a.json),
        marks: c.after,
        changedVariables: c.variables,
      },
    ];
    files.set(page, renderDashboardPage({ title, sides, changes: lines, status: 'changed' }, assets));
    entries.push({ uid, title, file: a.file, panels: panelCount(a.json), status: 'changed', summary: summary(lines) });
  }
  for (const [uid, b] of before ?? []) {
    if (after.has(uid)) continue;
    changed.push(uid);
    const title = b.json.title ?? uid;
    const sides: PageSide[] = [
      {
        label: baseLabel,
        dashboard: b.json,
        data: await data(b.json),
        marks: Object.fromEntries(allPanels(b.json.panels ?? []).map((p) => [p.key, 'removed' as const])),
      },
      {
        label: 'after (working tree)',
        dashboard: {},
        data: { source: null, variables: [], panels: {} },
        missing: true,
      },
    ];
    files.set(`dashboards/${pageName(uid)}`, renderDashboardPage({ title, sides, status: 'removed' }, assets));
    entries.push({
      uid,
      title,
      file: b.file,
      panels: panelCount(b.json),
      status: 'removed',
      summary: 'dashboard removed',
    });
  }

  let alerts: AlertReview[] | undefined;
  let alertsNote: string | undefined;
  if (input.base) {
    const changes = alertChanges(alertRules(input.base.tree), alertRules(input.tree));
    alerts = await reviewAlerts(changes, {
      client: input.client,
      now: input.now,
      ...(input.alertWindowSeconds !== undefined ? { windowSeconds: input.alertWindowSeconds } : {}),
      ...(input.alertStepSeconds !== undefined ? { stepSeconds: input.alertStepSeconds } : {}),
    });
    if (!input.client && changes.length > 0)
      alertsNote = 'Run with --prometheus URL to see when these alerts would have fired, before and after the change.';
  }
  files.set(
    'index.html',
    renderIndex(
      {
        dashboards: entries,
        generatedAt: input.now,
        ...(input.base ? { base: input.base.ref } : {}),
        ...(input.client ? { prometheus: input.client.url } : {}),
        ...(alerts ? { alerts } : {}),
        ...(alertsNote ? { alertsNote } : {}),
      },
      assets,
    ),
  );
  return { files, dashboards: after.size, changed, skipped, ...(alerts ? { alerts } : {}) };
}
