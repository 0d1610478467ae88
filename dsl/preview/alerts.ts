/**
 * Alerts in review: for each alert a change adds or alters, when it would have fired over a past
 * window, before and after the change. The expression is run as a range query; `for` is applied per
 * series the way the rule manager does (pending while the series has been present for less than
 * `for`, firing after), `keep_firing_for` extends firing. Each pending→firing transition is one firing.
 */
import { parse as parseYaml } from 'yaml';
import { ruleFilePaths } from '../emit/rules.ts';
import { parseDuration } from './interpolate.ts';
import type { PrometheusClient } from './prometheus.ts';

export interface AlertRule {
  readonly group: string;
  readonly file: string;
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly keepFiringFor: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertChange {
  readonly key: string;
  readonly change: 'added' | 'changed' | 'removed';
  readonly before?: AlertRule;
  readonly after?: AlertRule;
}

export interface Firing {
  readonly labels: Readonly<Record<string, string>>;
  /** Unix seconds: when it became firing, and when it stopped (the window end when still firing). */
  readonly start: number;
  readonly end: number;
}

export interface AlertHistory {
  readonly firings: readonly Firing[];
  /** Series the expression returned at some step (pending or firing). */
  readonly seriesSeen: number;
  readonly error?: string;
}

export interface AlertReview extends AlertChange {
  readonly window?: { readonly from: number; readonly to: number; readonly step: number };
  readonly beforeHistory?: AlertHistory;
  readonly afterHistory?: AlertHistory;
}

/** The alerting rules of an out/ tree (the rule files of the first output present, as obs diff reads them). */
export function alertRules(tree: ReadonlyMap<string, string>): AlertRule[] {
  const out: AlertRule[] = [];
  for (const file of ruleFilePaths([...tree.keys()].sort())) {
    let doc: unknown;
    try {
      doc = parseYaml(tree.get(file) ?? '');
    } catch {
      continue;
    }
    // Plain rule files have `groups`; operator PrometheusRule objects hold them under `spec`.
    const groups =
      (doc as { groups?: unknown; spec?: { groups?: unknown } } | null)?.groups ??
      (doc as { spec?: { groups?: unknown } } | null)?.spec?.groups;
    for (const g of Array.isArray(groups) ? groups : []) {
      for (const r of Array.isArray(g?.rules) ? g.rules : []) {
        if (typeof r?.alert !== 'string' || typeof r.expr !== 'string') continue;
        out.push({
          group: String(g.name ?? ''),
          file,
          alert: r.alert,
          expr: r.expr,
          for: String(r.for ?? '0s'),
          keepFiringFor: String(r.keep_firing_for ?? '0s'),
          labels: Object.fromEntries(
            Object.entries((r.labels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          ),
        });
      }
    }
  }
  return out;
}

/** An alert's identity: its group and name, and its labels when the group has several alerts of that name. */
function keys(rules: readonly AlertRule[]): Map<string, AlertRule> {
  const byName = new Map<string, number>();
  for (const r of rules) byName.set(`${r.group}/${r.alert}`, (byName.get(`${r.group}/${r.alert}`) ?? 0) + 1);
  const out = new Map<string, AlertRule>();
  for (const r of rules) {
    const base = `${r.group}/${r.alert}`;
    const k = (byName.get(base) ?? 0) > 1 ? `${base} ${JSON.stringify(Object.entries(r.labels).sort())}` : base;
    out.set(out.has(k) ? `${k}#${out.size}` : k, r);
  }
  return out;
}

const behaviour = (r: AlertRule): string =>
  JSON.stringify([
    r.expr.replace(/\s+/g, ' ').trim(),
    parseDuration(r.for) ?? r.for,
    parseDuration(r.keepFiringFor) ?? r.keepFiringFor,
  ]);

/** Alerts added, removed, or whose expression, `for` or `keep_firing_for` changed (what changes when it fires). */
export function alertChanges(before: readonly AlertRule[], after: readonly AlertRule[]): AlertChange[] {
  const a = keys(before);
  const b = keys(after);
  const out: AlertChange[] = [];
  for (const [k, r] of b) {
    const old = a.get(k);
    if (!old) out.push({ key: k, change: 'added', after: r });
    else if (behaviour(old) !== behaviour(r)) out.push({ key: k, change: 'changed', before: old, after: r });
  }
  for (const [k, r] of a) if (!b.has(k)) out.push({ key: k, change: 'removed', before: r });
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

/**
 * Firing intervals from a range query's samples: per series, a run of consecutive steps where the
 * expression had a value; firing from `for` after the run began until it ends (plus keep_firing_for).
 */
export function firingsFromSamples(
  series: readonly { labels: Readonly<Record<string, string>>; times: readonly number[] }[],
  step: number,
  forSeconds: number,
  keepFiringSeconds: number,
  windowEnd: number,
): Firing[] {
  const out: Firing[] = [];
  for (const s of series) {
    const labels = Object.fromEntries(Object.entries(s.labels).filter(([k]) => k !== '__name__'));
    let runStart: number | undefined;
    let firingSince: number | undefined;
    let last: number | undefined;
    const close = (): void => {
      if (firingSince !== undefined && last !== undefined)
        out.push({ labels, start: firingSince, end: Math.min(windowEnd, last + step + keepFiringSeconds) });
      runStart = undefined;
      firingSince = undefined;
    };
    for (const t of s.times) {
      // A gap of more than one step: the series was absent in between, the alert resolved.
      if (last !== undefined && t - last > step * 1.5) {
        if (firingSince !== undefined && t - last <= step + keepFiringSeconds) {
          last = t;
          continue;
        }
        close();
      }
      runStart ??= t;
      if (firingSince === undefined && t - runStart >= forSeconds) firingSince = t;
      last = t;
    }
    close();
  }
  // Intervals of one series that touch after keep_firing_for are one firing.
  return out.sort((x, y) => x.start - y.start);
}

/** A step that keeps the query under Prometheus's 11,000 points per series: window / 10,000, at least 1 s. */
export function alertStep(windowSeconds: number, wanted?: number): number {
  return Math.max(wanted ?? 0, Math.ceil(windowSeconds / 10_000), 1);
}

export async function alertHistory(
  client: PrometheusClient,
  rule: AlertRule,
  from: number,
  to: number,
  step: number,
): Promise<AlertHistory> {
  try {
    const samples = await client.queryRange(rule.expr, from, to, step);
    const present = samples.map((s) => ({ labels: s.labels, times: s.times.filter((_, i) => s.values[i] !== null) }));
    return {
      firings: firingsFromSamples(
        present,
        step,
        parseDuration(rule.for) ?? 0,
        parseDuration(rule.keepFiringFor) ?? 0,
        to,
      ),
      seriesSeen: present.filter((s) => s.times.length > 0).length,
    };
  } catch (e) {
    return { firings: [], seriesSeen: 0, error: (e as Error).message };
  }
}

export interface AlertReviewOptions {
  readonly client: PrometheusClient | null;
  readonly now: number;
  /** Seconds of history to evaluate (default 7 days). */
  readonly windowSeconds?: number;
  readonly stepSeconds?: number;
}

export async function reviewAlerts(changes: readonly AlertChange[], opts: AlertReviewOptions): Promise<AlertReview[]> {
  const client = opts.client;
  if (!client) return [...changes];
  const windowSeconds = opts.windowSeconds ?? 7 * 86400;
  const step = alertStep(windowSeconds, opts.stepSeconds);
  const to = Math.floor(opts.now / step) * step;
  const from = to - windowSeconds;
  const out: AlertReview[] = [];
  for (const c of changes) {
    out.push({
      ...c,
      window: { from, to, step },
      ...(c.before ? { beforeHistory: await alertHistory(client, c.before, from, to, step) } : {}),
      ...(c.after ? { afterHistory: await alertHistory(client, c.after, from, to, step) } : {}),
    });
  }
  return out;
}
