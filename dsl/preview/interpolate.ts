/**
 * Grafana's substitutions in Prometheus queries, done the way Grafana does them before it sends a
 * query: template variables (`$var`, `${var}`, `${var:format}`, `[[var]]`) with the Prometheus data
 * source's escaping, and the interval macros `$__interval`, `$__rate_interval`, `$__range`.
 */
import { parseDuration as parsePromDuration } from '../core/duration.ts';

export interface QueryContext {
  /** Variable name → selected values (`['$__all']` is not used: All is already expanded). */
  readonly variables: ReadonlyMap<string, VariableValue>;
  /** Dashboard time range, unix seconds. */
  readonly from: number;
  readonly to: number;
  /** The query step Grafana would use for this panel, seconds. */
  readonly intervalSeconds: number;
  /** The Prometheus scrape interval the data source assumes, seconds (Grafana default 15 s). */
  readonly scrapeSeconds: number;
}

export interface VariableValue {
  readonly values: readonly string[];
  /** A multi-value or include-All variable: values are regex-escaped and joined as `(a|b)`. */
  readonly multiOrAll: boolean;
  /** The value that stands for All when All is selected (the variable's allValue), used verbatim. */
  readonly allValue?: string;
}

/** Grafana's `prometheusRegularEscape`: single values of a single-value variable. */
function regularEscape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** Grafana's `prometheusSpecialRegexEscape`: values inside a regex alternation. */
function regexEscape(v: string): string {
  return v.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

function formatValue(v: VariableValue, format: string | undefined): string {
  if (v.allValue !== undefined && format === undefined) return v.allValue;
  const vals = v.values;
  switch (format) {
    case 'raw':
    case 'text':
      return vals.join(',');
    case 'csv':
      return vals.join(',');
    case 'pipe':
      return vals.join('|');
    case 'json':
      return JSON.stringify(vals.length === 1 ? vals[0] : vals);
    case 'regex':
      return vals.length === 1
        ? (vals[0] ?? '').replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&')
        : `(${vals.map((x) => x.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&')).join('|')})`;
    case 'glob':
      return vals.length === 1 ? (vals[0] ?? '') : `{${vals.join(',')}}`;
    default:
      if (!v.multiOrAll) return regularEscape(vals[0] ?? '');
      if (vals.length === 1) return regexEscape(vals[0] ?? '');
      return `(${vals.map(regexEscape).join('|')})`;
  }
}

/** A duration as Grafana writes interval macros: the largest whole unit (`1m`, `90s`, `2h`, `150ms`). */
export function formatDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms % 1000 !== 0) return `${ms}ms`;
  const s = ms / 1000;
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (s >= size && s % size === 0) return `${s / size}${unit}`;
  return `${s}s`;
}

/** Grafana's rate interval: max($__interval + scrape interval, 4 × scrape interval). */
export function rateInterval(intervalSeconds: number, scrapeSeconds: number): number {
  return Math.max(intervalSeconds + scrapeSeconds, 4 * scrapeSeconds);
}

const VARIABLE = /\$(\w+)|\[\[(\w+)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** The query Grafana would send: macros first, then template variables; unknown variables stay as they are. */
export function interpolate(query: string, ctx: QueryContext): string {
  const rangeSeconds = Math.max(1, Math.round(ctx.to - ctx.from));
  const macros: Record<string, string> = {
    __interval: formatDuration(ctx.intervalSeconds),
    __interval_ms: String(Math.round(ctx.intervalSeconds * 1000)),
    __rate_interval: formatDuration(rateInterval(ctx.intervalSeconds, ctx.scrapeSeconds)),
    __rate_interval_ms: String(Math.round(rateInterval(ctx.intervalSeconds, ctx.scrapeSeconds) * 1000)),
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(rangeSeconds * 1000),
  };
  return query.replace(
    VARIABLE,
    (
      whole,
      plain: string | undefined,
      bracket: string | undefined,
      bracketFmt: string | undefined,
      braced: string | undefined,
      _field: string | undefined,
      bracedFmt: string | undefined,
    ) => {
      const name = plain ?? bracket ?? braced ?? '';
      if (Object.hasOwn(macros, name)) return macros[name] ?? whole;
      const v = ctx.variables.get(name);
      if (!v) return whole;
      return formatValue(v, bracketFmt ?? bracedFmt);
    },
  );
}

/** Grafana's interval rounding (`rangeutil.roundInterval`): the step a panel's query gets, seconds. */
export function roundInterval(seconds: number): number {
  const ms = seconds * 1000;
  const table: [number, number][] = [
    [15, 10],
    [35, 20],
    [75, 50],
    [150, 100],
    [350, 200],
    [750, 500],
    [1500, 1000],
    [3500, 2000],
    [7500, 5000],
    [12500, 10000],
    [17500, 15000],
    [25000, 20000],
    [45000, 30000],
    [90000, 60000],
    [210000, 120000],
    [450000, 300000],
    [750000, 600000],
    [1050000, 900000],
    [1500000, 1200000],
    [2700000, 1800000],
    [5400000, 3600000],
    [9000000, 7200000],
    [16200000, 10800000],
    [32400000, 21600000],
    [86400000, 43200000],
    [604800000, 86400000],
    [1814400000, 604800000],
    [3628800000, 2592000000],
  ];
  for (const [below, step] of table) if (ms < below) return step / 1000;
  return 31536000;
}

/** A duration (`30s`, `5m`, `1h30m`, `2d`, `1w`, `500ms`) in seconds, as Prometheus reads it; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const r = parsePromDuration(text.trim());
  return r.ok ? r.ms / 1000 : undefined;
}

/**
 * A dashboard time (`now`, `now-6h`, `now-7d/d`, an ISO date or epoch ms) as unix seconds. Rounding
 * (`/d`) is applied in UTC. Undefined when it cannot be read.
 */
export function parseTime(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const rel = /^now(?:([+-])(\d+)([smhdwMy]))?(?:\/([smhdwMy]))?$/.exec(t);
  if (rel) {
    const size: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
    let v = now;
    if (rel[1] && rel[2] && rel[3]) v += (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * (size[rel[3]] ?? 0);
    if (rel[4]) {
      const s = size[rel[4]] ?? 1;
      v = Math.floor(v / s) * s;
    }
    return v;
  }
  if (/^\d{10,}$/.test(t)) return Number(t) / 1000;
  const d = Date.parse(t);
  return Number.isNaN(d) ? undefined : d / 1000;
}
