/**
 * The few Prometheus HTTP API calls the preview makes at generation time: range and instant
 * queries, label values, and the global scrape interval. Every call has a timeout; an answer that is
 * not a success becomes a PrometheusError naming the query and what the server said.
 */
import { parse as parseYaml } from 'yaml';
import { parseDuration } from './interpolate.ts';

export class PrometheusError extends Error {}

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly times: number[];
  readonly values: (number | null)[];
}

export interface PrometheusClient {
  readonly url: string;
  queryRange(expr: string, start: number, end: number, step: number): Promise<Sample[]>;
  query(expr: string, time: number): Promise<Sample[]>;
  labelValues(label: string, match?: string): Promise<string[]>;
  /** The global scrape interval of the server's configuration, seconds (15 when it does not say). */
  scrapeInterval(): Promise<number>;
}

interface ApiAnswer {
  status?: string;
  data?: unknown;
  error?: string;
  errorType?: string;
}

function num(v: unknown): number | null {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function prometheusClient(baseUrl: string, timeoutMs = 30_000): PrometheusClient {
  const url = baseUrl.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PrometheusError(
      `--prometheus ${JSON.stringify(baseUrl)} is not a URL (expected e.g. http://127.0.0.1:9090)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new PrometheusError(`--prometheus ${JSON.stringify(baseUrl)}: only http and https URLs are supported`);

  /** Queries go as POST forms (as Grafana sends them: long expressions), the rest as GET. */
  async function call(
    path: string,
    params: Record<string, string | string[]>,
    what: string,
    post = false,
  ): Promise<unknown> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    let res: Response;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      res = post
        ? await fetch(`${url}${path}`, {
            method: 'POST',
            body,
            signal,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        : await fetch(`${url}${path}${body.size > 0 ? `?${body}` : ''}`, { signal });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (e as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : (cause?.code ?? cause?.message ?? (e as Error).message);
      throw new PrometheusError(`cannot reach Prometheus at ${url} (${why}) for ${what}`);
    }
    const text = await res.text();
    let answer: ApiAnswer;
    try {
      answer = JSON.parse(text) as ApiAnswer;
    } catch {
      throw new PrometheusError(
        `${url}${path} answered HTTP ${res.status} with something that is not the Prometheus API (${text.slice(0, 120).trim()}) for ${what}`,
      );
    }
    if (answer.status !== 'success')
      throw new PrometheusError(`${answer.errorType ?? `HTTP ${res.status}`}: ${answer.error ?? 'query failed'}`);
    return answer.data;
  }

  function samples(data: unknown): Sample[] {
    const d = data as { resultType?: string; result?: unknown };
    if (d.resultType === 'scalar' || d.resultType === 'string') {
      const [t, v] = d.result as [number, string];
      return [{ labels: {}, times: [t], values: [num(v)] }];
    }
    const out: Sample[] = [];
    for (const r of (Array.isArray(d.result) ? d.result : []) as {
      metric?: Record<string, string>;
      values?: [number, string][];
      value?: [number, string];
    }[]) {
      const pairs = r.values ?? (r.value ? [r.value] : []);
      out.push({ labels: r.metric ?? {}, times: pairs.map((p) => p[0]), values: pairs.map((p) => num(p[1])) });
    }
    return out;
  }

  let scrape: Promise<number> | undefined;
  return {
    url,
    async queryRange(expr, start, end, step) {
      return samples(
        await call(
          '/api/v1/query_range',
          { query: expr, start: String(start), end: String(end), step: String(step) },
          `query ${expr}`,
          true,
        ),
      );
    },
    async query(expr, time) {
      return samples(await call('/api/v1/query', { query: expr, time: String(time) }, `query ${expr}`, true));
    },
    async labelValues(label, match) {
      const data = await call(
        `/api/v1/label/${encodeURIComponent(label)}/values`,
        match ? { 'match[]': match } : {},
        `the values of label ${label}`,
      );
      return Array.isArray(data) ? data.map(String) : [];
    },
    scrapeInterval() {
      scrape ??= call('/api/v1/status/config', {}, 'its configuration').then(
        (d) => {
          const yaml = (d as { yaml?: string }).yaml ?? '';
          const g = (parseYaml(yaml) as { global?: { scrape_interval?: string } } | null)?.global?.scrape_interval;
          return (g && parseDuration(g)) || 15;
        },
        () => 15,
      );
      return scrape;
    },
  };
}
