/**
 * Alertmanager's routing, as `dispatch/route.go` does it: an alert enters at the root; each child
 * route whose matchers all hold takes it, and unless that child has `continue`, the siblings after
 * it are not tried; a route none of whose children took the alert is where it lands. The root
 * matches everything. Settings (receiver, group_by, timings) inherit down the tree.
 */
import { intervalName, receiverName } from './factories.ts';
import { matchesLabels, matchesValue, parsedMatchers, type ParsedMatcher } from './matchers.ts';
import type { AlertmanagerConfig, InhibitRule, Route, TimeInterval, TimePeriod } from './types.ts';

export interface RouteNode {
  readonly route: Route;
  /** `0`, `0.1`, `0.1.2`: child indexes from the root. */
  readonly id: string;
  readonly parent?: RouteNode;
  readonly depth: number;
  readonly matchers: readonly ParsedMatcher[];
  /** Effective (inherited) settings. */
  readonly receiver: string;
  readonly groupBy: readonly string[];
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly children: readonly RouteNode[];
}

/** The route tree with every setting resolved (Alertmanager's defaults: 30s, 5m, 4h). */
export function routeTree(config: AlertmanagerConfig): RouteNode {
  const build = (route: Route, id: string, parent: RouteNode | undefined): RouteNode => {
    const children: RouteNode[] = [];
    const node: RouteNode = {
      route,
      id,
      ...(parent ? { parent } : {}),
      depth: parent ? parent.depth + 1 : 0,
      matchers: parsedMatchers(route.matchers),
      receiver: receiverName(route.receiver) ?? parent?.receiver ?? '',
      groupBy: route.groupBy ?? parent?.groupBy ?? [],
      groupWait: route.groupWait ?? parent?.groupWait ?? '30s',
      groupInterval: route.groupInterval ?? parent?.groupInterval ?? '5m',
      repeatInterval: route.repeatInterval ?? parent?.repeatInterval ?? '4h',
      // Time intervals are not inherited: each route names its own.
      muteTimeIntervals: (route.muteTimeIntervals ?? []).map(intervalName),
      activeTimeIntervals: (route.activeTimeIntervals ?? []).map(intervalName),
      children,
    };
    (route.routes ?? []).forEach((c, i) => children.push(build(c, `${id}.${i}`, node)));
    return node;
  };
  return build(config.route, '0', undefined);
}

export function allNodes(root: RouteNode): RouteNode[] {
  return [root, ...root.children.flatMap(allNodes)];
}

/** The routes an alert with these labels lands on, in order (Alertmanager's `Route.Match`). */
export function matchRoutes(node: RouteNode, labels: Readonly<Record<string, string>>): RouteNode[] {
  if (node.depth > 0 && !matchesLabels(node.matchers, labels)) return [];
  const all: RouteNode[] = [];
  for (const child of node.children) {
    const m = matchRoutes(child, labels);
    all.push(...m);
    if (m.length > 0 && !child.route.continue) break;
  }
  return all.length ? all : [node];
}

/** What the checks know of an alert's labels before it fires. */
export interface AlertLabelKnowledge {
  /** Labels with a value known when the rule is written (rule labels, `alertname`). */
  readonly values: Readonly<Record<string, string>>;
  /** Labels whose value only the series decides (kept by the expression; templated labels). */
  readonly unknown: ReadonlySet<string>;
  /** Labels beyond these may be present (an input whose labels nobody declared). */
  readonly open: boolean;
}

export type Tri = 'yes' | 'no' | 'maybe';

export function matcherOn(m: ParsedMatcher, k: AlertLabelKnowledge): Tri {
  const v = k.values[m.name];
  if (v !== undefined) return matchesValue(m, v) ? 'yes' : 'no';
  if (k.unknown.has(m.name) || k.open) {
    // Unknown value: the matcher may hold or not, unless it holds for no value / every value.
    return 'maybe';
  }
  return matchesValue(m, '') ? 'yes' : 'no';
}

export function matchersOn(ms: readonly ParsedMatcher[], k: AlertLabelKnowledge): Tri {
  let out: Tri = 'yes';
  for (const m of ms) {
    const t = matcherOn(m, k);
    if (t === 'no') return 'no';
    if (t === 'maybe') out = 'maybe';
  }
  return out;
}

export interface Landing {
  readonly node: RouteNode;
  /** false: the alert lands here only for some values of its unknown labels. */
  readonly certain: boolean;
}

/**
 * Where an alert may land, from what is known of its labels: like `matchRoutes`, with a matcher on a
 * label whose value the series decides counted as "may hold".
 */
export function possibleRoutes(node: RouteNode, k: AlertLabelKnowledge, certain = true): Landing[] {
  const here = node.depth === 0 ? 'yes' : matchersOn(node.matchers, k);
  if (here === 'no') return [];
  const sure = certain && here === 'yes';
  const all: Landing[] = [];
  let taken = false;
  for (const child of node.children) {
    const m = possibleRoutes(child, k, sure);
    all.push(...m);
    const childSure = m.length > 0 && matchersOn(child.matchers, k) === 'yes';
    if (childSure && !child.route.continue) {
      taken = true;
      break;
    }
  }
  // Without a child that certainly took it, the alert may stay here.
  if (!taken) all.push({ node, certain: sure && all.length === 0 });
  return all;
}

/** Whether `target` is inhibited by one of `firing` (Alertmanager's inhibitor). */
export function inhibitedBy(
  rules: readonly InhibitRule[],
  target: Readonly<Record<string, string>>,
  firing: readonly Readonly<Record<string, string>>[],
): InhibitRule | undefined {
  for (const r of rules) {
    const tm = parsedMatchers(r.targetMatchers);
    if (!matchesLabels(tm, target)) continue;
    const sm = parsedMatchers(r.sourceMatchers);
    for (const s of firing) {
      if (!matchesLabels(sm, s)) continue;
      // An alert matching both sides does not inhibit an alert that also matches both sides.
      if (matchesLabels(tm, s) && matchesLabels(sm, target)) continue;
      if ((r.equal ?? []).every((l) => (s[l] ?? '') === (target[l] ?? ''))) return r;
    }
  }
  return undefined;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

interface Clock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly minute: number;
  readonly daysInMonth: number;
}

function clockAt(at: Date, zone: string): Clock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'long',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    year,
    month,
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toLowerCase()),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function inRanges(items: readonly string[] | undefined, value: number, parse: (s: string) => number): boolean {
  if (!items || items.length === 0) return true;
  return items.some((r) => {
    const [a, b] = r.split(':');
    const lo = parse(a ?? '');
    const hi = b === undefined ? lo : parse(b);
    return value >= lo && value <= hi;
  });
}

const minuteOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

export function periodHolds(p: TimePeriod, at: Date): boolean {
  const c = clockAt(at, p.location ?? 'UTC');
  if (p.times?.length && !p.times.some((t) => c.minute >= minuteOf(t.start) && c.minute < minuteOf(t.end)))
    return false;
  if (!inRanges(p.weekdays, c.weekday, (s) => WEEKDAYS.indexOf(s))) return false;
  // Negative days count from the month's end (-1 is the last day).
  if (!inRanges(p.daysOfMonth, c.day, (s) => (Number(s) < 0 ? c.daysInMonth + 1 + Number(s) : Number(s)))) return false;
  if (!inRanges(p.months, c.month, (s) => (/^\d+$/.test(s) ? Number(s) : MONTHS.indexOf(s.toLowerCase()) + 1)))
    return false;
  return inRanges(p.years, c.year, Number);
}

export function intervalActive(interval: TimeInterval | undefined, at: Date): boolean {
  return !!interval && interval.periods.some((p) => periodHolds(p, at));
}

/** Whether a route sends notifications at `at`: no mute interval holds, and an active one does (if any). */
export function routeSendsAt(node: RouteNode, intervals: ReadonlyMap<string, TimeInterval>, at: Date): boolean {
  if (node.muteTimeIntervals.some((n) => intervalActive(intervals.get(n), at))) return false;
  return (
    node.activeTimeIntervals.length === 0 || node.activeTimeIntervals.some((n) => intervalActive(intervals.get(n), at))
  );
}

/** A readable path of a route: `root > severity="page" > team="pytake"`. */
export function routePath(node: RouteNode): string {
  const parts: string[] = [];
  for (let n: RouteNode | undefined = node; n; n = n.parent)
    parts.unshift(n.depth === 0 ? 'root' : `{${(n.route.matchers ?? []).join(', ')}}`);
  return parts.join(' > ');
}
