/**
 * Real data for a dashboard, fetched at generation time: variables resolved to their current (or
 * first) values against the Prometheus, then every Prometheus query of every panel run for the
 * dashboard's time range with the step and macros Grafana would use. Failures are kept per query and
 * shown on the panel; nothing is invented.
 */
import type {
  DashboardData,
  DashboardJson,
  Frame,
  PanelData,
  PanelJson,
  ResolvedVariable,
  TargetJson,
  VariableJson,
} from './model.ts';
import {
  interpolate,
  parseDuration,
  parseTime,
  roundInterval,
  type QueryContext,
  type VariableValue,
} from './interpolate.ts';
import type { PrometheusClient, Sample } from './prometheus.ts';
import { allPanels, panelKey } from './panels.ts';

/** Series kept per query: more would make the page heavy without showing more to a reviewer. */
export const MAX_SERIES = 60;

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export function dashboardRange(d: DashboardJson, now: number): TimeRange {
  const to = parseTime(d.time?.to ?? 'now', now) ?? now;
  const from = parseTime(d.time?.from ?? 'now-6h', now) ?? to - 6 * 3600;
  return from < to ? { from, to } : { from: to - 6 * 3600, to };
}

function text(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return v === undefined || v === null ? [] : [String(v)];
}

function queryString(q: unknown): string {
  if (typeof q === 'string') return q;
  if (q && typeof q === 'object' && typeof (q as { query?: unknown }).query === 'string')
    return (q as { query: string }).query;
  return '';
}

const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Grafana's variable sort orders (1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural). */
function sortOptions(values: string[], sort: number | undefined): string[] {
  const v = [...values];
  switch (sort) {
    case 1:
    case 2:
      v.sort();
      break;
    case 3:
    case 4:
      v.sort((a, b) => (parseFloat(a.replace(/^\D*/, '')) || 0) - (parseFloat(b.replace(/^\D*/, '')) || 0));
      break;
    case 5:
    case 6:
      v.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      break;
    case 7:
    case 8:
      v.sort(COLLATOR.compare);
      break;
    default:
      break;
  }
  return sort !== undefined && sort % 2 === 0 && sort > 0 ? v.reverse() : v;
}

/** A variable's regex filter (`/re/flags`): kept values, the first capture group when there is one. */
function applyRegex(values: string[], regex: string | undefined): string[] {
  if (!regex) return values;
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  let re: RegExp;
  try {
    re = m ? new RegExp(m[1] ?? '', (m[2] ?? '').replace('g', '')) : new RegExp(regex);
  } catch {
    return values;
  }
  const out: string[] = [];
  for (const v of values) {
    const hit = re.exec(v);
    if (hit) out.push(hit[1] ?? hit[0]);
  }
  return [...new Set(out)];
}

/** The options of a query variable, asked of the Prometheus the way Grafana's Prometheus data source does. */
async function queryOptions(client: PrometheusClient, query: string, range: TimeRange): Promise<string[]> {
  const q = query.trim();
  let m = /^label_values\(\s*(?:(.+),\s*)?([a-zA-Z_][\w]*)\s*\)$/s.exec(q);
  if (m) return client.labelValues(m[2] ?? '', m[1]?.trim());
  m = /^label_names\(\s*\)$/.exec(q);
  if (m) return client.labelValues('__name__');
  m = /^metrics\((.*)\)$/s.exec(q);
  if (m) {
    const re = new RegExp(m[1]?.trim() ?? '');
    return (await client.labelValues('__name__')).filter((n) => re.test(n));
  }
  m = /^query_result\((.+)\)$/s.exec(q);
  if (m) {
    return (await client.query(m[1] ?? '', range.to)).map((s) => {
      const name = s.labels.__name__ ?? '';
      const labels = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ');
      return `${name}{${labels}} ${s.values[0] ?? ''} ${(s.times[0] ?? 0) * 1000}`;
    });
  }
  return (await client.query(q, range.to)).map((s) => Object.values(s.labels)[0] ?? String(s.values[0] ?? ''));
}

function ctxFor(
  vars: ReadonlyMap<string, VariableValue>,
  range: TimeRange,
  intervalSeconds: number,
  scrapeSeconds: number,
): QueryContext {
  return { variables: vars, from: range.from, to: range.to, intervalSeconds, scrapeSeconds };
}

/**
 * The dashboard's variables with their options and the value queries use: the saved current value,
 * else the first option (All when the variable includes All), as Grafana selects on load.
 */
export async function resolveVariables(
  d: DashboardJson,
  client: PrometheusClient | null,
  range: TimeRange,
): Promise<{ shown: ResolvedVariable[]; values: Map<string, VariableValue> }> {
  const shown: ResolvedVariable[] = [];
  const values = new Map<string, VariableValue>();
  const scrape = client ? await client.scrapeInterval() : 15;
  for (const v of d.templating?.list ?? ([] as VariableJson[])) {
    if (!v || typeof v.name !== 'string') continue;
    const type = v.type ?? 'query';
    let options = (v.options ?? []).map((o) => text(o.value)[0] ?? '').filter((o) => o !== '$__all');
    let note: string | undefined;
    if (type === 'constant' || type === 'textbox')
      options = text(queryString(v.query)).filter((x) => x !== '' || type === 'textbox');
    else if (type === 'custom' && options.length === 0)
      options = queryString(v.query)
        .split(/(?<!\\),/)
        .map((x) => x.trim())
        .filter(Boolean);
    else if (type === 'interval' && options.length === 0)
      options = queryString(v.query)
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    else if (type === 'datasource') options = [queryString(v.query) || 'prometheus'];
    else if (type === 'query') {
      const q = queryString(v.query) || v.definition || '';
      if (!client) note = 'options come from the data source: run with --prometheus URL';
      else {
        try {
          options = sortOptions(
            applyRegex(await queryOptions(client, interpolate(q, ctxFor(values, range, 60, scrape)), range), v.regex),
            v.sort,
          );
          if (options.length === 0) note = 'the query returned no values';
        } catch (e) {
          note = `options query failed: ${(e as Error).message}`;
        }
      }
    }
    const saved = text(v.current?.value).filter((x) => x !== '');
    const savedAll = saved.includes('$__all');
    const all = v.includeAll === true && (savedAll || (saved.length === 0 && type !== 'textbox'));
    const current = all ? ['All'] : saved.length > 0 ? saved : options.slice(0, 1);
    shown.push({
      name: v.name,
      label: v.label || v.name,
      type,
      options,
      current,
      multi: v.multi === true,
      includeAll: v.includeAll === true,
      hidden: (v.hide ?? 0) === 2,
      ...(note !== undefined ? { note } : {}),
    });
    if (type === 'datasource') continue;
    values.set(
      v.name,
      all
        ? {
            values: options,
            multiOrAll: true,
            ...(v.allValue ? { allValue: v.allValue } : options.length === 0 ? { allValue: '.*' } : {}),
          }
        : { values: current, multiOrAll: v.multi === true || v.includeAll === true },
    );
  }
  return { shown, values };
}

/** Grafana's legend: `{{label}}` replaced by label values; no format (or `__auto`): the series selector. */
export function legendName(
  labels: Readonly<Record<string, string>>,
  legendFormat: string | undefined,
  expr: string,
): string {
  if (legendFormat && legendFormat !== '__auto')
    return legendFormat.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, k: string) => labels[k] ?? '');
  const name = labels.__name__ ?? '';
  const rest = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`);
  if (!name && rest.length === 0) return expr;
  return rest.length > 0 ? `${name}{${rest.join(', ')}}` : name;
}

function datasourceType(panel: PanelJson, t: TargetJson): string {
  return t.datasource?.type ?? panel.datasource?.type ?? 'prometheus';
}

/** The step Grafana would query a panel with: range / max data points (the panel's pixel width), rounded, at least the min interval. */
export function panelInterval(panel: PanelJson, t: TargetJson, range: TimeRange, scrape: number): number {
  const widthPx = Math.max(100, Math.round(((panel.gridPos?.w ?? 12) / 24) * 1800));
  const maxPoints = typeof panel.maxDataPoints === 'number' && panel.maxDataPoints > 0 ? panel.maxDataPoints : widthPx;
  const min = parseDuration(String(t.interval || panel.interval || '').replace(/^>/, '')) ?? scrape;
  return Math.max(roundInterval((range.to - range.from) / maxPoints), min);
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function frames(samples: Sample[], t: TargetJson, expr: string): { frames: Frame[]; dropped: number } {
  const refId = t.refId ?? 'A';
  const kept = samples.slice(0, MAX_SERIES);
  return {
    frames: kept.map((s) => ({
      refId,
      name: legendName(s.labels, t.legendFormat, expr),
      labels: s.labels,
      times: s.times,
      values: s.values,
    })),
    dropped: samples.length - kept.length,
  };
}

/** Runs every panel's Prometheus queries. Without a client: no data (the page shows placeholders). */
export async function fetchDashboardData(
  d: DashboardJson,
  client: PrometheusClient | null,
  now: number,
): Promise<DashboardData> {
  const range = dashboardRange(d, now);
  const { shown, values } = await resolveVariables(d, client, range);
  if (!client) return { source: null, variables: shown, panels: {} };
  const scrape = await client.scrapeInterval();
  const panels: Record<string, PanelData> = {};
  const jobs: { key: string; panel: PanelJson; target: TargetJson }[] = [];
  for (const { panel, key } of allPanels(d.panels ?? [])) {
    if (panel.type === 'row') continue;
    panels[key] = { frames: [], queries: {}, errors: [] };
    for (const target of panel.targets ?? [])
      if (target && !target.hide && typeof target.expr === 'string' && target.expr.trim() !== '')
        jobs.push({ key, panel, target });
  }
  await pool(jobs, 4, async ({ key, panel, target }) => {
    const p = panels[key] as { frames: Frame[]; queries: Record<string, string>; errors: string[] };
    const refId = target.refId ?? 'A';
    const ds = datasourceType(panel, target);
    if (ds !== 'prometheus') {
      p.errors.push(`${refId}: not queried: ${ds} data source (the preview queries Prometheus only)`);
      return;
    }
    const step = panelInterval(panel, target, range, scrape);
    const expr = interpolate(target.expr ?? '', ctxFor(values, range, step, scrape));
    p.queries[refId] = expr;
    try {
      const instant = target.instant === true && target.range !== true;
      const samples = instant
        ? await client.query(expr, range.to)
        : await client.queryRange(expr, Math.floor(range.from / step) * step, Math.floor(range.to / step) * step, step);
      const r = frames(samples, target, expr);
      p.frames.push(...r.frames);
      if (r.dropped > 0) p.errors.push(`${refId}: ${r.dropped} more series not shown (first ${MAX_SERIES} kept)`);
    } catch (e) {
      p.errors.push(`${refId}: ${(e as Error).message}`);
    }
  });
  for (const p of Object.values(panels)) (p.frames as Frame[]).sort((a, b) => a.refId.localeCompare(b.refId));
  return { source: { prometheus: client.url, from: range.from, to: range.to }, variables: shown, panels };
}
