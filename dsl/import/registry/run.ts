/**
 * `obs registry import` as a library call: reads exposition text (files or /metrics URLs) or a
 * Prometheus server's API, merges what it finds and renders the registry module.
 */
import { readFile } from 'node:fs/promises';
import { parseExposition } from './exposition.ts';
import { mergeImports, emptyImport, type ImportedMetrics } from './model.ts';
import { fetchApiSnapshot, importFromApi } from './prometheus-api.ts';
import { writeRegistryModule, type WriteOptions } from './write.ts';

export interface ImportOptions extends Omit<WriteOptions, 'source'> {
  /** Exposition sources: file paths or http(s) URLs of /metrics (or blackbox /probe) endpoints. */
  readonly metrics?: readonly string[];
  /** A Prometheus server's base URL, read through its HTTP API. */
  readonly prometheus?: string;
  /** With `prometheus`: only this job's series. */
  readonly job?: string;
  /** With `prometheus`: series selectors instead of the job. */
  readonly match?: readonly string[];
  /** Describes the sources in the header comment instead of their paths/URLs (which name hosts and ports). */
  readonly source?: string;
}

export interface ImportResult {
  readonly text: string;
  readonly metrics: number;
  readonly series: number;
}

async function readSource(src: string): Promise<string> {
  if (/^https?:\/\//.test(src)) {
    const res = await fetch(src, {
      signal: AbortSignal.timeout(30_000),
      headers: { accept: 'text/plain;version=0.0.4' },
    });
    if (!res.ok) throw new Error(`GET ${src}: HTTP ${res.status}`);
    return res.text();
  }
  return readFile(src, 'utf8');
}

export async function importRegistry(opts: ImportOptions): Promise<ImportResult> {
  if (!opts.metrics?.length && !opts.prometheus)
    throw new Error('nothing to import from: give exposition sources or a Prometheus URL');
  let imported: ImportedMetrics = emptyImport();
  let targetLabels = opts.targetLabels;
  let jobs = opts.jobs;
  let scrapeInterval = opts.scrapeInterval;
  for (const src of opts.metrics ?? []) imported = mergeImports(imported, parseExposition(await readSource(src)));
  if (opts.prometheus) {
    const snap = await fetchApiSnapshot(opts.prometheus, {
      ...(opts.job !== undefined ? { job: opts.job } : {}),
      ...(opts.match ? { match: opts.match } : {}),
    });
    const api = importFromApi(snap);
    imported = mergeImports(imported, api);
    targetLabels ??= api.targetLabels;
    jobs ??= api.jobs;
    scrapeInterval ??= snap.scrapeInterval;
  }
  const source =
    opts.source ??
    [...(opts.metrics ?? []), ...(opts.prometheus ? [`the Prometheus API at ${opts.prometheus}`] : [])].join(', ');
  const text = writeRegistryModule(imported, {
    ...opts,
    source,
    ...(targetLabels ? { targetLabels } : {}),
    ...(jobs?.length ? { jobs } : {}),
    ...(scrapeInterval ? { scrapeInterval } : {}),
  });
  const series = [...imported.metrics.values()].reduce(
    (n, m) => n + (m.type === 'histogram' || m.type === 'summary' ? 3 : 1),
    0,
  );
  return { text, metrics: imported.metrics.size, series };
}
