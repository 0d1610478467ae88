/**
 * An SLI as two event counts over a window, grouped by the SLO's grouping labels: `errors` (bad
 * events) and `events` (all events). Every kind reduces to this pair, so the rules, the zero-traffic
 * guard and the long-period weighting are written once:
 *
 * | kind | events | errors |
 * |---|---|---|
 * | ratio, bad/total | `sum(increase(total[w]))` | `sum(increase(bad[w])) or 0 * events` (no error series yet = 0 errors) |
 * | ratio, good/total | `sum(increase(total[w]))` | `events - (sum(increase(good[w])) or 0 * events)` |
 * | latency, classic | `sum(increase(h_count[w]))` | `events - sum(increase(h_bucket{le="T"}[w]))` |
 * | latency, native | `histogram_count(sum(increase(h[w])))` | `events * (1 - histogram_fraction(0, T, sum(increase(h[w]))))` |
 * | availability | `sum(count_over_time(g[w]))` (samples) | `events - sum(sum_over_time(g[w]))` (samples at 0) |
 *
 * It also describes the series a generated test must feed in to produce given error/event counts.
 */
import { selectorJob } from '../promql/selector-job.ts';
import type { Duration } from '../core/duration.ts';
import { checkExpression } from '../promql/index.ts';
import { formatNumber } from '../promql/template.ts';
import { parseSelector, renderSelector, selectorSource, type Matcher, type ParsedSelector } from './selector.ts';
import { satisfying, satisfyingNot, type Labels } from './series-labels.ts';
import type { EventSource, Selector, SliSpec, WindowExpression } from './types.ts';

export type SliKind = 'ratio' | 'latency' | 'availability';

/** A made-up test series: its metric and labels (without the grouping labels, added per group). */
export interface SeriesTemplate {
  readonly metric: string;
  readonly labels: Labels;
}

/** A counter whose per-second increase is the errors, the good events or all events of a phase. */
export interface CounterSeries extends SeriesTemplate {
  readonly counts: 'errors' | 'good' | 'events';
}

export type TestModel =
  | { readonly type: 'counters'; readonly series: readonly CounterSeries[] }
  | { readonly type: 'gauge'; readonly series: SeriesTemplate };

export interface ResolvedSli {
  readonly kind: SliKind;
  /** One line for descriptions: what counts as bad. */
  readonly summary: string;
  /** Bad events within `window`, grouped. */
  errors(window: Duration): string;
  /** All events within `window`, grouped. */
  events(window: Duration): string;
  /** All matchers the SLI's selectors use (for the test groups' label values). */
  readonly matchers: readonly Matcher[];
  /** How to drive it in a promtool test, or why obs cannot work that out. */
  readonly test: TestModel | string;
  /** Latency SLIs: the histogram (base name) and the threshold, for the bucket check. */
  /** `job`: the selector's `job="..."`, which picks the registry whose buckets apply. */
  readonly histogram?: {
    readonly metric: string;
    readonly threshold: number;
    readonly native: boolean;
    readonly job?: string;
  };
}

const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

/** The source as a window expression, or undefined when it is a selector. */
function windowExpression(s: EventSource): WindowExpression | undefined {
  if (typeof s === 'function') return s;
  return typeof s === 'string' && s.search(WINDOW_PLACEHOLDER) >= 0 ? s : undefined;
}

function sumBy(grouping: readonly string[], inner: string): string {
  return grouping.length ? `sum by (${grouping.join(', ')}) (${inner})` : `sum(${inner})`;
}

/** An author expression, parenthesized so it keeps its meaning inside ours. */
function wrap(text: string): string {
  return `(${text.trim()})`;
}

interface Part {
  count(window: Duration): string;
  /** The one selector the part reads, for tests; a string says why there is none. */
  readonly selector: ParsedSelector | string;
}

function part(source: EventSource, grouping: readonly string[], problems: string[], role: string): Part | undefined {
  const expression = windowExpression(source);
  if (expression === undefined) {
    const parsed = parseSelector(source as Selector);
    if (typeof parsed === 'string') {
      problems.push(`sli.ratio.${role}: ${parsed} (or an expression with a {{.window}} placeholder)`);
      return undefined;
    }
    const text = selectorSource(source as Selector);
    return { count: (w) => sumBy(grouping, `increase(${text}[${w}])`), selector: parsed };
  }
  const render = (w: Duration): string => {
    const out = typeof expression === 'function' ? expression(w) : expression.replace(WINDOW_PLACEHOLDER, w);
    return typeof out === 'string' ? out : out.text;
  };
  let sample: string;
  try {
    sample = render('5m');
  } catch (e) {
    problems.push(`sli.ratio.${role}: the window function threw: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const r = checkExpression(sample);
  if (!r.valid) {
    problems.push(
      `sli.ratio.${role}: ${JSON.stringify(sample)} is not valid PromQL: ${r.errors[0]?.message ?? 'parse error'}`,
    );
    return undefined;
  }
  if (!(r.analysis?.ranges ?? []).some((x) => x.kind === 'range' && x.ms === 300_000)) {
    problems.push(
      `sli.ratio.${role}: the expression does not use its window: put {{.window}} (or the function's argument) in a range, e.g. rate(x[{{.window}}])`,
    );
  }
  const selectors = r.analysis?.selectors ?? [];
  const only = selectors.length === 1 ? selectors[0] : undefined;
  const selector: ParsedSelector | string =
    only?.metric !== undefined && only.rangeMs !== undefined
      ? {
          metric: only.metric,
          matchers: only.matchers
            .filter((m) => m.name !== '__name__')
            .map(({ name, op, value }) => ({ name, op, value })),
        }
      : `the ${role} expression reads ${selectors.length} selectors; tests are generated for expressions over one counter`;
  return { count: (w) => wrap(render(w)), selector };
}

/** The `le` matcher of a bucket: integral bounds also match Prometheus 3's normalized `1.0`. */
export function leMatcher(threshold: number): Matcher {
  const text = formatNumber(threshold);
  return Number.isInteger(threshold)
    ? { name: 'le', op: '=~', value: `${text}(\\.0)?` }
    : { name: 'le', op: '=', value: text };
}

function testSeries(parts: { bad?: Part; good?: Part; total: Part }): TestModel | string {
  const total = parts.total.selector;
  const other = (parts.bad ?? parts.good)?.selector;
  if (typeof total === 'string') return total;
  if (other === undefined) return 'no bad or good events';
  if (typeof other === 'string') return other;
  const isBad = parts.bad !== undefined;
  if (other.metric !== total.metric) {
    const a = satisfying(other.matchers);
    const t = satisfying(total.matchers);
    if (!a || !t) return 'no label values found that the selectors select';
    return {
      type: 'counters',
      series: [
        { metric: other.metric, labels: a, counts: isBad ? 'errors' : 'good' },
        { metric: total.metric, labels: t, counts: 'events' },
      ],
    };
  }
  const inBoth = satisfying([...total.matchers, ...other.matchers]);
  const onlyTotal = satisfyingNot(total.matchers, other.matchers);
  if (!inBoth || !onlyTotal)
    return `no label values found that ${isBad ? 'separate bad from other' : 'separate good from other'} events`;
  return {
    type: 'counters',
    series: [
      { metric: total.metric, labels: inBoth, counts: isBad ? 'errors' : 'good' },
      { metric: total.metric, labels: onlyTotal, counts: isBad ? 'good' : 'errors' },
    ],
  };
}

export function resolveSli(sli: SliSpec, grouping: readonly string[]): ResolvedSli | { problems: string[] } {
  const problems: string[] = [];
  if (sli.ratio) {
    const r = sli.ratio;
    const total = part(r.total, grouping, problems, 'total');
    const bad = r.bad !== undefined ? part(r.bad, grouping, problems, 'bad') : undefined;
    const good = r.good !== undefined ? part(r.good, grouping, problems, 'good') : undefined;
    if (r.bad === undefined && r.good === undefined) problems.push('sli.ratio needs bad or good events (and total)');
    if (r.bad !== undefined && r.good !== undefined) problems.push('sli.ratio takes bad or good events, not both');
    if (!total || (!bad && !good) || problems.length) return { problems };
    const selectorMatchers = [total.selector, (bad ?? good)?.selector].flatMap((s) =>
      s && typeof s !== 'string' ? s.matchers : [],
    );
    return {
      kind: 'ratio',
      summary: bad ? 'bad events / all events' : '1 - good events / all events',
      events: total.count,
      errors: bad
        ? (w) => `${bad.count(w)}\nor\n0 * ${total.count(w)}`
        : (w) => `${total.count(w)}\n-\n(${(good as Part).count(w)} or 0 * ${total.count(w)})`,
      matchers: selectorMatchers,
      test: testSeries({ total, ...(bad ? { bad } : {}), ...(good ? { good } : {}) }),
    };
  }
  if (sli.latency) {
    const l = sli.latency;
    const parsed = parseSelector(l.histogram);
    if (typeof parsed === 'string') return { problems: [`sli.latency.histogram: ${parsed}`] };
    if (!(Number.isFinite(l.threshold) && l.threshold > 0))
      return { problems: [`sli.latency.threshold must be a positive number of seconds, got ${l.threshold}`] };
    const base = parsed.metric.replace(/_bucket$/, '');
    const job = selectorJob(parsed);
    const le = leMatcher(l.threshold);
    const threshold = formatNumber(l.threshold);
    if (l.native) {
      const hist = (w: Duration): string => sumBy(grouping, `increase(${renderSelector(base, parsed.matchers)}[${w}])`);
      return {
        kind: 'latency',
        histogram: { metric: base, threshold: l.threshold, native: true },
        summary: `requests slower than ${threshold}s (native histogram ${base})`,
        events: (w) => `histogram_count(${hist(w)})`,
        errors: (w) => `histogram_count(${hist(w)})\n*\n(1 - histogram_fraction(0, ${threshold}, ${hist(w)}))`,
        matchers: parsed.matchers,
        test: 'obs does not make up native-histogram test input (promtool 2.42 cannot read it)',
      };
    }
    const count = renderSelector(`${base}_count`, parsed.matchers);
    const bucket = renderSelector(`${base}_bucket`, [...parsed.matchers, le]);
    const labels = satisfying(parsed.matchers);
    const leValue = formatNumber(l.threshold);
    return {
      kind: 'latency',
      histogram: { metric: base, threshold: l.threshold, native: false, ...(job !== undefined ? { job } : {}) },
      summary: `requests slower than ${threshold}s (${base}_bucket{le="${leValue}"})`,
      events: (w) => sumBy(grouping, `increase(${count}[${w}])`),
      errors: (w) =>
        `${sumBy(grouping, `increase(${count}[${w}])`)}\n-\n${sumBy(grouping, `increase(${bucket}[${w}])`)}`,
      matchers: parsed.matchers,
      test: labels
        ? {
            type: 'counters',
            series: [
              { metric: `${base}_count`, labels, counts: 'events' },
              { metric: `${base}_bucket`, labels: { ...labels, le: leValue }, counts: 'good' },
            ],
          }
        : 'no label values found that the histogram selector selects',
    };
  }
  if (sli.availability) {
    const parsed = parseSelector(sli.availability.gauge);
    if (typeof parsed === 'string') return { problems: [`sli.availability.gauge: ${parsed}`] };
    const text = selectorSource(sli.availability.gauge);
    const labels = satisfying(parsed.matchers);
    return {
      kind: 'availability',
      summary: `samples of ${parsed.metric} at 0`,
      events: (w) => sumBy(grouping, `count_over_time(${text}[${w}])`),
      errors: (w) =>
        `${sumBy(grouping, `count_over_time(${text}[${w}])`)}\n-\n${sumBy(grouping, `sum_over_time(${text}[${w}])`)}`,
      matchers: parsed.matchers,
      test: labels
        ? { type: 'gauge', series: { metric: parsed.metric, labels } }
        : 'no label values found that the gauge selector selects',
    };
  }
  return { problems: ['sli needs one of ratio, latency or availability'] };
}
