/**
 * The semantic diff of two generated trees (out/ of the base ref and of the working tree). Each
 * handler owns some paths, parses both sides, normalizes and diffs keyed entities; files no handler
 * understands are compared as whole files. Nothing here runs authored TS: it reads artifacts only.
 */
import { diffDashboards, parseDashboardFile, type DashboardDoc } from './dashboards.ts';
import { diffKeyed } from './keyed.ts';
import {
  entity,
  IMPACTS,
  type ChangeKind,
  type DiffSummary,
  type EntityChange,
  type EntityKind,
  type Impact,
  type SemanticDiff,
} from './model.ts';
import { ALERTMANAGER_FILE, diffRouting, parseAlertmanagerFile } from './routing.ts';
import { ruleFilePaths } from '../emit/rules.ts';
import { diffRuleGroups, parseRuleFile, ruleGroupsOf, type GroupDoc } from './rules.ts';
import { attachSloDashboards, groupBySlo } from './slo.ts';

/** Relative path → content. */
export type ArtifactTree = ReadonlyMap<string, string>;

interface Handler {
  readonly name: string;
  /** The paths of this diff that the handler takes (the rest fall through to the next handler). */
  select(paths: readonly string[]): string[];
  /** Changes, and the paths it could not parse (those are diffed as whole files). */
  diff(
    before: ArtifactTree,
    after: ArtifactTree,
    paths: readonly string[],
  ): { changes: EntityChange[]; unparsed: string[] };
}

function parsed<T>(
  tree: ArtifactTree,
  paths: readonly string[],
  parse: (path: string, content: string) => T | undefined,
  unparsed: Set<string>,
): T[] {
  const out: T[] = [];
  for (const p of paths) {
    const c = tree.get(p);
    if (c === undefined) continue;
    const v = parse(p, c);
    if (v === undefined) unparsed.add(p);
    else out.push(v);
  }
  return out;
}

export const HANDLERS: readonly Handler[] = [
  {
    name: 'rules',
    // The same groups are written once per configured flavour; diff the first flavour present so each change is counted once.
    select: ruleFilePaths,
    diff: (before, after, paths) => {
      const unparsed = new Set<string>();
      const a: GroupDoc[][] = parsed(before, paths, parseRuleFile, unparsed);
      const b: GroupDoc[][] = parsed(after, paths, parseRuleFile, unparsed);
      const [ga, gb] = [a.flat().filter((g) => !unparsed.has(g.file)), b.flat().filter((g) => !unparsed.has(g.file))];
      return { changes: groupBySlo(ga, gb, diffRuleGroups(ga, gb)), unparsed: [...unparsed] };
    },
  },
  {
    name: 'alertmanager',
    // Evaluated on the alerts of each side: an alert whose labels changed may move receivers under an unchanged configuration.
    select: (paths) => paths.filter((p) => p === ALERTMANAGER_FILE),
    diff: (before, after, paths) => {
      if (!paths.length) return { changes: [], unparsed: [] };
      const [x, y] = [before.get(ALERTMANAGER_FILE), after.get(ALERTMANAGER_FILE)];
      const [a, b] = [
        x === undefined ? undefined : parseAlertmanagerFile(x),
        y === undefined ? undefined : parseAlertmanagerFile(y),
      ];
      // Added, removed or unreadable: compared as a whole file.
      if (!a || !b) return { changes: [], unparsed: [ALERTMANAGER_FILE] };
      return { changes: diffRouting(a, b, ruleGroupsOf(before), ruleGroupsOf(after)), unparsed: [] };
    },
  },
  {
    name: 'dashboards',
    select: (paths) => paths.filter((p) => p.startsWith('dashboards/') && p.endsWith('.json')),
    diff: (before, after, paths) => {
      const unparsed = new Set<string>();
      const a: DashboardDoc[] = parsed(before, paths, parseDashboardFile, unparsed);
      const b: DashboardDoc[] = parsed(after, paths, parseDashboardFile, unparsed);
      return {
        changes: diffDashboards(
          a.filter((d) => !unparsed.has(d.file)),
          b.filter((d) => !unparsed.has(d.file)),
        ),
        unparsed: [...unparsed],
      };
    },
  },
];

function fileChanges(before: ArtifactTree, after: ArtifactTree, paths: ReadonlySet<string>): EntityChange[] {
  const pick = (t: ArtifactTree): Map<string, string> => new Map([...t].filter(([p]) => paths.has(p)));
  const d = diffKeyed(pick(before), pick(after));
  return [
    ...d.common
      .filter(([, a, b]) => a !== b)
      .map(([p]) => entity({ entity: 'file', change: 'changed', name: p, file: p, impact: 'presentation' })),
    ...d.removed.map(([p]) => entity({ entity: 'file', change: 'removed', name: p, file: p, impact: 'presentation' })),
    ...d.added.map(([p]) => entity({ entity: 'file', change: 'added', name: p, file: p, impact: 'presentation' })),
  ].sort((x, y) => x.name.localeCompare(y.name));
}

export function summarize(changes: readonly EntityChange[]): DiffSummary {
  const counts: Partial<Record<EntityKind, Partial<Record<ChangeKind, number>>>> = {};
  const impact: Record<Impact, number> = { identity: 0, behaviour: 0, presentation: 0 };
  const visit = (c: EntityChange): void => {
    // Every entity shown is counted (a dashboard whose panels changed is a changed dashboard); an
    // impact is counted once, where it happened. What an SLO generated is counted as the SLO.
    const byChange = (counts[c.entity] ??= {});
    byChange[c.change] = (byChange[c.change] ?? 0) + 1;
    if (c.entity === 'slo') {
      impact[c.impact]++;
      return;
    }
    const own = c.children.length === 0 || c.fields.length > 0 || c.change !== 'changed';
    if (own) impact[c.change === 'changed' || c.change === 'moved' ? worstOf(c) : c.impact]++;
    c.children.forEach(visit);
  };
  changes.forEach(visit);
  return { counts, impact };
}

function worstOf(c: EntityChange): Impact {
  return IMPACTS.find((i) => c.fields.some((f) => f.impact === i)) ?? c.impact;
}

export function diffArtifacts(
  before: ArtifactTree,
  after: ArtifactTree,
  labels: { base: string; head: string },
): SemanticDiff {
  let rest = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: EntityChange[] = [];
  const wholeFiles = new Set<string>();
  for (const h of HANDLERS) {
    const mine = new Set(h.select(rest));
    rest = rest.filter((p) => !mine.has(p));
    const r = h.diff(before, after, [...mine]);
    changes.push(...r.changes);
    for (const p of r.unparsed) wholeFiles.add(p);
  }
  for (const p of rest) wholeFiles.add(p);
  changes.push(...fileChanges(before, after, wholeFiles));
  const grouped = attachSloDashboards(changes);
  return { version: 1, base: labels.base, head: labels.head, changes: grouped, summary: summarize(grouped) };
}
