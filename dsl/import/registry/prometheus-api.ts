/**
 * Reads what a running Prometheus knows: metric metadata (`/api/v1/metadata`: type, help, unit),
 * label names (`/api/v1/labels`) and series (`/api/v1/series`: which labels each metric carries, and
 * their values). Target labels are the labels of `up`, which carries nothing else.
 */
import { parse as parseYaml } from 'yaml';
import type { MetricType } from '../../registry/types.ts';
import { addLabel, emptyImport, metricOf, type ImportedMetrics } from './model.ts';

export interface MetadataEntry {
  readonly type: string;
  readonly help?: string;
  readonly unit?: string;
}

export interface ApiSnapshot {
  /** `/api/v1/metadata` data: metric family → entries (one per target that exposes it). */
  readonly metadata: Readonly<Record<string, readonly MetadataEntry[]>>;
  /** `/api/v1/series` data. */
  readonly series: readonly Readonly<Record<string, string>>[];
  /** `/api/v1/labels` data, when fetched. */
  readonly labels?: readonly string[];
}

export interface ApiImport extends ImportedMetrics {
  readonly targetLabels: readonly string[];
  /** `job` values seen. */
  readonly jobs: readonly string[];
}

/** Series Prometheus itself adds per target; they belong to no exporter. */
const SYNTHETIC = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'scrape_timeout_seconds',
  'scrape_sample_limit',
  'scrape_body_size_bytes',
]);

const TYPES: Readonly<Record<string, MetricType>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  info: 'info',
  stateset: 'stateset',
};

function familyOf(series: string, metadata: ApiSnapshot['metadata']): { family: string; suffix: string } {
  if (metadata[series]) return { family: series, suffix: '' };
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_info']) {
    const base = series.endsWith(suffix) ? series.slice(0, -suffix.length) : undefined;
    if (base !== undefined && metadata[base]) return { family: base, suffix };
  }
  return { family: series, suffix: '' };
}

export function importFromApi(snap: ApiSnapshot): ApiImport {
  const out = emptyImport();
  const up = snap.series.filter((s) => s.__name__ === 'up');
  const targetLabels = up.length
    ? [...new Set(up.flatMap((s) => Object.keys(s)))].filter((l) => l !== '__name__').sort()
    : ['instance', 'job'];
  const target = new Set(targetLabels);
  const jobs = new Set<string>();
  for (const s of snap.series) {
    const name = s.__name__;
    if (name === undefined) continue;
    if (s.job !== undefined) jobs.add(s.job);
    if (SYNTHETIC.has(name)) continue;
    const { family, suffix } = familyOf(name, snap.metadata);
    const meta = snap.metadata[family]?.[0];
    const type = TYPES[meta?.type ?? ''] ?? 'unknown';
    const metric =
      (type === 'counter' && suffix === '_total') || (type === 'info' && suffix === '_info') ? name : family;
    const m = metricOf(out, metric, type);
    if (meta?.help) m.help = meta.help;
    if (meta?.unit) m.unit = meta.unit;
    for (const [l, v] of Object.entries(s)) {
      if (l === '__name__' || target.has(l)) continue;
      if (
        (type === 'histogram' && suffix === '_bucket' && l === 'le') ||
        (type === 'summary' && suffix === '' && l === 'quantile')
      )
        continue;
      addLabel(m, l, v);
    }
  }
  return { metrics: out.metrics, targetLabels, jobs: [...jobs].sort() };
}

/** The scrape interval of `job` (or the global one) from `/api/v1/status/config`'s YAML. */
export function scrapeIntervalFromConfig(yamlText: string, job?: string): string | undefined {
  const cfg = parseYaml(yamlText) as {
    global?: { scrape_interval?: string };
    scrape_configs?: { job_name?: string; scrape_interval?: string }[];
  } | null;
  const forJob = job !== undefined ? cfg?.scrape_configs?.find((c) => c.job_name === job)?.scrape_interval : undefined;
  return forJob ?? cfg?.global?.scrape_interval ?? (cfg ? '1m' : undefined);
}

interface ApiResponse<T> {
  readonly status: string;
  readonly data: T;
  readonly error?: string;
}

async function getJson<T>(
  base: string,
  path: string,
  params: Record<string, string | readonly string[]> = {},
): Promise<T> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(params))
    for (const x of typeof v === 'string' ? [v] : v) url.searchParams.append(k, x);
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`GET ${url.href}: HTTP ${res.status}`);
  const body = (await res.json()) as ApiResponse<T>;
  if (body.status !== 'success') throw new Error(`GET ${url.href}: ${body.error ?? body.status}`);
  return body.data;
}

export interface FetchApiOptions {
  /** Series selectors (`match[]`); default every series of `job` or every series. */
  readonly match?: readonly string[];
  readonly job?: string;
}

/** Fetches what `importFromApi` needs from a Prometheus server, plus the job's scrape interval. */
export async function fetchApiSnapshot(
  base: string,
  opts: FetchApiOptions = {},
): Promise<ApiSnapshot & { scrapeInterval?: string }> {
  const jobMatch = opts.job !== undefined ? `{job=${JSON.stringify(opts.job)}}` : '{__name__=~".+"}';
  const match = opts.match?.length ? [...opts.match, 'up'] : [jobMatch];
  const [metadata, series, labels, config] = await Promise.all([
    getJson<Record<string, MetadataEntry[]>>(base, 'api/v1/metadata'),
    getJson<Record<string, string>[]>(base, 'api/v1/series', { 'match[]': match }),
    getJson<string[]>(base, 'api/v1/labels'),
    getJson<{ yaml: string }>(base, 'api/v1/status/config').catch(() => undefined),
  ]);
  const scrapeInterval = config ? scrapeIntervalFromConfig(config.yaml, opts.job) : undefined;
  return { metadata, series, labels, ...(scrapeInterval ? { scrapeInterval } : {}) };
}
