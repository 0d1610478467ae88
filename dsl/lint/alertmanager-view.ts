/**
 * The project's Alertmanager configuration as the routing checks read it: the resolved route tree,
 * receivers and time intervals by name, and where each alert of the project may land.
 */
import {
  allNodes,
  DEFAULT_ALERTMANAGER,
  possibleRoutes,
  routeTree,
  type AlertmanagerConfig,
  type Landing,
  type Receiver,
  type RouteNode,
  type TimeInterval,
} from '../alertmanager/index.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import type { AlertmanagerEntry } from '../collect/project.ts';
import type { AlertLabels } from './alert-labels.ts';

export interface AlertLanding {
  readonly alert: AlertLabels;
  readonly landings: readonly Landing[];
}

export interface AlertmanagerView {
  readonly module: string;
  readonly config: AlertmanagerConfig;
  readonly version: string;
  readonly tree: RouteNode;
  readonly nodes: readonly RouteNode[];
  readonly receivers: ReadonlyMap<string, Receiver>;
  readonly intervals: ReadonlyMap<string, TimeInterval>;
  /** Every alert of the project with the routes it may land on. */
  readonly alerts: readonly AlertLanding[];
  /** Where `text` was written at or after `site` (quoted forms first, so a word is not found inside another). */
  locateText(site: SourceLocation | undefined, text: string): SourceLocation | undefined;
}

type Locate = (site: SourceLocation | undefined, text: string, offset: number) => SourceLocation | undefined;

/** Built once per lint run by the engine (CheckContext.alertmanager). */
export function alertmanagerView(
  entry: AlertmanagerEntry,
  version: string | undefined,
  alerts: readonly AlertLabels[],
  locate: Locate,
): AlertmanagerView {
  const tree = routeTree(entry.config);
  const view: AlertmanagerView = {
    module: entry.module,
    config: entry.config,
    version: version ?? DEFAULT_ALERTMANAGER,
    tree,
    nodes: allNodes(tree),
    // The first of two of a name counts (alertmanager/config reports the second).
    receivers: new Map([...entry.config.receivers].reverse().map((r) => [r.name, r])),
    intervals: new Map([...(entry.config.timeIntervals ?? [])].reverse().map((t) => [t.name, t])),
    alerts: alerts.map((alert) => ({ alert, landings: possibleRoutes(tree, alert.knowledge) })),
    locateText(site, text) {
      if (!site) return undefined;
      for (const form of [`'${text}'`, `"${text}"`, `\`${text}\``]) {
        const at = locate(site, form, 1);
        if (at && (at.line !== site.line || at.column !== site.column)) return at;
      }
      return locate(site, text, 0) ?? site;
    },
  };
  return view;
}
