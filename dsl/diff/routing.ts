/**
 * Alertmanager routing changes as what they do. out/alertmanager/alertmanager.yml of both sides is
 * read back into a route tree and evaluated with the router `obs routes` and the routing checks use
 * (dsl/alertmanager/routing.ts) against the alerts of the rule files of the same side (their labels
 * and their group's labels): an alert whose receivers differ is one `routed-alert` change,
 * `ApiDown (severity=page, team=checkout): checkout-slack → checkout-pagerduty`. Beside them: routes
 * whose own settings changed (timings in words: `group_wait: 30s → 10s: first notification sooner`),
 * receivers whose settings changed (secret values never printed), inhibit rules added or removed
 * (naming the alerts they mute), and the other top-level settings (global, time intervals).
 */
import { parse } from 'yaml';
import {
  allNodes,
  formatMatcher,
  matchersOn,
  parsedMatchers,
  possibleRoutes,
  routePath,
  routeTree,
  type AlertLabelKnowledge,
  type AlertmanagerConfig,
  type InhibitRule,
  type Route,
  type RouteNode,
  type Tri,
} from '../alertmanager/index.ts';
import { parseDuration } from '../core/duration.ts';
import { diffKeyed, diffRecords } from './keyed.ts';
import { matchEntities } from './match.ts';
import { entity, type EntityChange, type FieldChange } from './model.ts';
import type { GroupDoc } from './rules.ts';

export const ALERTMANAGER_FILE = 'alertmanager/alertmanager.yml';

type Y = Record<string, unknown>;
const isObj = (v: unknown): v is Y => typeof v === 'object' && v !== null && !Array.isArray(v);
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

export interface AmDoc {
  readonly tree: RouteNode;
  readonly receivers: ReadonlyMap<string, Y>;
  readonly inhibitRules: readonly InhibitRule[];
  /** Every other top-level setting (global, time intervals, templates), flattened to `path → value`. */
  readonly settings: Readonly<Record<string, string>>;
}

/** An alert of the rule files as the router sees it. */
export interface AlertDoc {
  readonly name: string;
  readonly file: string;
  readonly group: string;
  /** Group labels, then rule labels (they win), then `alertname`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** `match`/`match_re` (before Alertmanager 0.22) as matchers, then `matchers`. */
function matchersOf(y: Y, prefix = ''): string[] {
  const eq = isObj(y[`${prefix}match`])
    ? Object.entries(y[`${prefix}match`] as Y).map(([k, v]) => formatMatcher({ name: k, op: '=', value: String(v) }))
    : [];
  const re = isObj(y[`${prefix}match_re`])
    ? Object.entries(y[`${prefix}match_re`] as Y).map(([k, v]) =>
        formatMatcher({ name: k, op: '=~', value: String(v) }),
      )
    : [];
  return [...eq, ...re, ...(strs(y[`${prefix}matchers`]) ?? [])];
}

function routeOf(y: Y): Route {
  const opt = <T>(k: string, v: T | undefined): Partial<Record<string, T>> => (v === undefined ? {} : { [k]: v });
  return {
    kind: 'am-route',
    ...opt('receiver', str(y.receiver)),
    matchers: matchersOf(y),
    ...opt('groupBy', strs(y.group_by)),
    ...opt('continue', y.continue === true ? true : undefined),
    ...opt('groupWait', str(y.group_wait)),
    ...opt('groupInterval', str(y.group_interval)),
    ...opt('repeatInterval', str(y.repeat_interval)),
    ...opt('muteTimeIntervals', strs(y.mute_time_intervals)),
    ...opt('activeTimeIntervals', strs(y.active_time_intervals)),
    routes: (Array.isArray(y.routes) ? y.routes.filter(isObj) : []).map(routeOf),
  } as Route;
}

/** Nested values as `a.b[0].c → value`. */
function flatten(v: unknown, path: string, out: Record<string, string>): Record<string, string> {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  else if (v !== undefined && v !== null) out[path] = String(v);
  return out;
}

export function parseAlertmanagerFile(content: string): AmDoc | undefined {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch {
    return undefined;
  }
  if (!isObj(doc) || !isObj(doc.route)) return undefined;
  const config = { kind: 'alertmanager-config', route: routeOf(doc.route), receivers: [] } as AlertmanagerConfig;
  const receivers = new Map(
    (Array.isArray(doc.receivers) ? doc.receivers.filter(isObj) : []).map((r): [string, Y] => [
      String(r.name ?? ''),
      r,
    ]),
  );
  const inhibitRules = (Array.isArray(doc.inhibit_rules) ? doc.inhibit_rules.filter(isObj) : []).map(
    (r): InhibitRule => ({
      kind: 'am-inhibit-rule',
      sourceMatchers: matchersOf(r, 'source_'),
      targetMatchers: matchersOf(r, 'target_'),
      ...(strs(r.equal) ? { equal: strs(r.equal) } : {}),
    }),
  );
  const rest = Object.fromEntries(
    Object.entries(doc).filter(([k]) => !['route', 'receivers', 'inhibit_rules'].includes(k)),
  );
  return { tree: routeTree(config), receivers, inhibitRules, settings: flatten(rest, '', {}) };
}

export function alertsOf(groups: readonly GroupDoc[]): AlertDoc[] {
  return groups.flatMap((g) =>
    g.rules
      .filter((r) => r.kind === 'alert')
      .map((r) => ({
        name: r.name,
        file: g.file,
        group: g.name,
        labels: { ...g.labels, ...r.labels, alertname: r.name },
      })),
  );
}

/** `ApiDown (severity=page, team=checkout)`. */
export function alertTitle(a: AlertDoc): string {
  const ls = Object.entries(a.labels)
    .filter(([k]) => k !== 'alertname')
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([k, v]) => `${k}=${v}`);
  return ls.length ? `${a.name} (${ls.join(', ')})` : a.name;
}

/**
 * What the diff knows of an alert: the labels written in the rule file. The labels the expression
 * keeps are not in the artefacts, so a matcher on any other label may hold (`open`): such a landing
 * is marked as holding only for the series whose labels match, as `obs routes` does.
 */
function knowledge(a: AlertDoc): AlertLabelKnowledge {
  // A templated label value (`{{ $labels.x }}`) is decided by the series, as the routing checks read it.
  const templated = Object.keys(a.labels).filter((k) => a.labels[k]?.includes('{{'));
  const values = Object.fromEntries(Object.entries(a.labels).filter(([k]) => !templated.includes(k)));
  return { values, unknown: new Set(templated), open: true };
}

/** The receivers an alert reaches, in order: `checkout-pagerduty, status-page (if its labels match)`. */
export function receiversText(tree: RouteNode, a: AlertDoc): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of possibleRoutes(tree, knowledge(a))) {
    const t = `${l.node.receiver}${l.certain ? '' : ' (if its labels match)'}`;
    if (!seen.has(t)) out.push(t);
    seen.add(t);
  }
  return out.join(', ');
}

/**
 * The alerts a route, receiver or inhibit rule certainly concerns, by name. One it concerns only when
 * its series carry matching labels (labels the rule file does not write: out/ does not say which
 * labels an expression keeps) is not named; `obs routes`, which runs the label-flow analysis, does.
 */
function whoText(alerts: readonly AlertDoc[], on: (k: AlertLabelKnowledge) => Tri): string | undefined {
  const sure = alerts.filter((a) => on(knowledge(a)) === 'yes').map((a) => a.name);
  return sure.length ? namesText(sure) : undefined;
}

/** Whether an alert lands on a node: `yes` when certainly, `maybe` for some of its series. */
function landsOn(tree: RouteNode, k: AlertLabelKnowledge, hit: (n: RouteNode) => boolean): Tri {
  const ls = possibleRoutes(tree, k).filter((l) => hit(l.node));
  return ls.some((l) => l.certain) ? 'yes' : ls.length ? 'maybe' : 'no';
}

/** Up to five names, then how many more. */
export function namesText(names: readonly string[]): string {
  const u = [...new Set(names)];
  return u.length <= 5 ? u.join(', ') : `${u.slice(0, 5).join(', ')} and ${u.length - 5} more`;
}

const alertKey = (a: AlertDoc): string => `${a.name}\u0000${JSON.stringify(Object.entries(a.labels).sort())}`;

function routedAlerts(a: AmDoc, b: AmDoc, before: readonly AlertDoc[], after: readonly AlertDoc[]): EntityChange[] {
  const m = matchEntities(before, after, {
    stages: [
      { name: 'same', key: alertKey },
      { name: 'relabelled', key: (x) => `${x.file}\u0000${x.group}\u0000${x.name}` },
      { name: 'relabelled', key: (x) => x.name },
    ],
  });
  const out: EntityChange[] = [];
  for (const { before: x, after: y } of m.pairs) {
    const [r1, r2] = [receiversText(a.tree, x), receiversText(b.tree, y)];
    if (r1 === r2) continue;
    out.push(
      entity({
        entity: 'routed-alert',
        change: 'changed',
        name: alertTitle(y),
        fields: [{ field: 'receivers', before: r1, after: r2, impact: 'behaviour' }],
      }),
    );
  }
  return out.sort((p, q) => p.name.localeCompare(q.name));
}

const TIMING_WORDS: Readonly<Record<string, [string, string]>> = {
  group_wait: ['first notification of a new group sooner', 'first notification of a new group later'],
  group_interval: ['alerts joining a notified group reported sooner', 'alerts joining a notified group reported later'],
  repeat_interval: ['a still-firing alert re-notified more often', 'a still-firing alert re-notified less often'],
};

function timingField(field: string, x: string | undefined, y: string | undefined): FieldChange | undefined {
  if (x === y) return undefined;
  const [p, q] = [x === undefined ? undefined : parseDuration(x), y === undefined ? undefined : parseDuration(y)];
  if (p?.ok && q?.ok && p.ms === q.ms) return undefined;
  const words = TIMING_WORDS[field];
  const note = words && p?.ok && q?.ok ? words[q.ms < p.ms ? 0 : 1] : undefined;
  return {
    field,
    ...(x !== undefined ? { before: x } : {}),
    ...(y !== undefined ? { after: y } : {}),
    ...(note ? { note } : {}),
    impact: 'behaviour',
  };
}

/** A route's own settings (the root's effective ones: Alertmanager's defaults are its settings). */
function routeSettings(n: RouteNode): Record<string, string | undefined> {
  const r = n.route;
  const root = n.depth === 0;
  const list = (v: readonly string[] | undefined): string | undefined => (v === undefined ? undefined : v.join(', '));
  return {
    matchers: list(r.matchers?.length ? r.matchers : undefined),
    receiver: root ? n.receiver : typeof r.receiver === 'string' ? r.receiver : r.receiver?.name,
    group_by: root ? list(n.groupBy) : list(r.groupBy),
    continue: r.continue ? 'true' : undefined,
    group_wait: root ? n.groupWait : r.groupWait,
    group_interval: root ? n.groupInterval : r.groupInterval,
    repeat_interval: root ? n.repeatInterval : r.repeatInterval,
    mute_time_intervals: list(n.muteTimeIntervals.length ? n.muteTimeIntervals : undefined),
    active_time_intervals: list(n.activeTimeIntervals.length ? n.activeTimeIntervals : undefined),
  };
}

function routeFields(x: RouteNode, y: RouteNode): FieldChange[] {
  const [s, t] = [routeSettings(x), routeSettings(y)];
  const out: FieldChange[] = [];
  for (const k of Object.keys(s)) {
    const f = timingField(k, s[k], t[k]);
    if (f) out.push(f);
  }
  return out;
}

function routes(a: AmDoc, b: AmDoc, before: readonly AlertDoc[], after: readonly AlertDoc[]): EntityChange[] {
  // By the path of matchers from the root; then by position (the route's matchers changed).
  const m = matchEntities(allNodes(a.tree), allNodes(b.tree), {
    stages: [
      { name: 'same', key: routePath },
      { name: 'changed', key: (n) => n.id },
    ],
  });
  const out: EntityChange[] = [];
  const who = (tree: RouteNode, alerts: readonly AlertDoc[], n: RouteNode): FieldChange[] => {
    const note = whoText(alerts, (k) => landsOn(tree, k, (m) => m.id === n.id));
    return note ? [{ field: 'takes', note, impact: 'behaviour' }] : [];
  };
  for (const { before: x, after: y } of m.pairs) {
    const fields = routeFields(x, y);
    if (fields.length)
      out.push(
        entity({
          entity: 'route',
          change: 'changed',
          name: routePath(y),
          ...(routePath(x) !== routePath(y) ? { from: routePath(x) } : {}),
          fields: [...fields, ...who(b.tree, after, y)],
        }),
      );
  }
  for (const x of m.removed)
    out.push(entity({ entity: 'route', change: 'removed', name: routePath(x), impact: 'behaviour' }));
  for (const y of m.added)
    out.push(
      entity({
        entity: 'route',
        change: 'added',
        name: routePath(y),
        impact: 'behaviour',
        fields: who(b.tree, after, y),
      }),
    );
  return out;
}

/** Fields whose value is, or may embed, a credential. */
const SECRET =
  /(^|\.)(api_url|url|webhook_url|routing_key|service_key|api_key|auth_password|password|credentials|smtp_auth_password|slack_api_url|opsgenie_api_key)$/;

/**
 * A settings change; the value of a secret field is never printed, only that it changed. A `*_file`
 * path and a `${NAME}` placeholder are not secrets and are shown.
 */
function settingFields(
  prefix: string,
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): FieldChange[] {
  const shown = (v: string | undefined): boolean => v === undefined || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v);
  return diffRecords(prefix, a, b).map((c) => {
    const bare = c.field.slice(prefix.length + 1);
    if (!SECRET.test(bare) || (shown(c.before) && shown(c.after)))
      return { ...c, field: bare, impact: 'behaviour' as const };
    return {
      field: bare,
      note:
        c.before === undefined
          ? 'set (secret: value not shown)'
          : c.after === undefined
            ? 'removed (secret: value not shown)'
            : 'changed (secret: value not shown)',
      impact: 'behaviour' as const,
    };
  });
}

function receivers(a: AmDoc, b: AmDoc, after: readonly AlertDoc[]): EntityChange[] {
  const d = diffKeyed(a.receivers, b.receivers);
  const reach = (name: string): FieldChange[] => {
    const note = whoText(after, (k) => landsOn(b.tree, k, (n) => n.receiver === name));
    return note ? [{ field: 'reaches', note, impact: 'behaviour' }] : [];
  };
  const settings = (r: Y): Record<string, string> =>
    flatten(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'name')), '', {});
  const out: EntityChange[] = [];
  for (const [name, x, y] of d.common) {
    const fields = settingFields('', settings(x), settings(y));
    if (fields.length)
      out.push(entity({ entity: 'receiver', change: 'changed', name, fields: [...fields, ...reach(name)] }));
  }
  for (const [name] of d.removed) out.push(entity({ entity: 'receiver', change: 'removed', name, impact: 'identity' }));
  for (const [name] of d.added)
    out.push(entity({ entity: 'receiver', change: 'added', name, impact: 'behaviour', fields: reach(name) }));
  return out;
}

const inhibitText = (r: InhibitRule): string =>
  `{${r.sourceMatchers.join(', ')}} mutes {${r.targetMatchers.join(', ')}}${r.equal?.length ? ` with equal ${r.equal.join(', ')}` : ''}`;

function inhibitions(a: AmDoc, b: AmDoc, before: readonly AlertDoc[], after: readonly AlertDoc[]): EntityChange[] {
  const d = diffKeyed(
    new Map(a.inhibitRules.map((r) => [inhibitText(r), r])),
    new Map(b.inhibitRules.map((r) => [inhibitText(r), r])),
  );
  const who = (r: InhibitRule, alerts: readonly AlertDoc[]): FieldChange[] => {
    const [targets, sources] = [r.targetMatchers, r.sourceMatchers].map((ms) =>
      whoText(alerts, (k) => matchersOn(parsedMatchers(ms), k)),
    );
    if (!targets || !sources)
      return [
        {
          field: 'alerts',
          note: `no alert of the project is ${!sources ? 'a source' : 'a target'}: it mutes nothing`,
          impact: 'behaviour',
        },
      ];
    return [
      { field: 'mutes', note: targets, impact: 'behaviour' },
      { field: 'while firing', note: sources, impact: 'behaviour' },
    ];
  };
  return [
    ...d.removed.map(([name, r]) =>
      entity({ entity: 'inhibit-rule', change: 'removed', name, impact: 'behaviour', fields: who(r, before) }),
    ),
    ...d.added.map(([name, r]) =>
      entity({ entity: 'inhibit-rule', change: 'added', name, impact: 'behaviour', fields: who(r, after) }),
    ),
  ];
}

/** The routing changes of two Alertmanager configurations, evaluated on the alerts of each side. */
export function diffRouting(
  a: AmDoc,
  b: AmDoc,
  groupsBefore: readonly GroupDoc[],
  groupsAfter: readonly GroupDoc[],
): EntityChange[] {
  const [before, after] = [alertsOf(groupsBefore), alertsOf(groupsAfter)];
  const settings = settingFields('', a.settings, b.settings);
  return [
    ...routedAlerts(a, b, before, after),
    ...routes(a, b, before, after),
    ...receivers(a, b, after),
    ...inhibitions(a, b, before, after),
    ...(settings.length
      ? [
          entity({
            entity: 'file',
            change: 'changed',
            name: ALERTMANAGER_FILE,
            file: ALERTMANAGER_FILE,
            fields: settings,
          }),
        ]
      : []),
  ];
}
