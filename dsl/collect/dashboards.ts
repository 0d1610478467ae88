/**
 * Dashboards exported by a module (directly or in arrays), each with the uid and folder it will
 * have in Grafana. A module with one dashboard derives its uid from its path; with several, the
 * export name is appended so each stays stable and distinct.
 */
import { digestOfAll, nameObject, type Digest } from '../core/definition-digest.ts';
import { isDashboard } from '../dashboard/dashboard.ts';
import { derivedUid, folderOf } from '../dashboard/identity.ts';
import type { Dashboard } from '../dashboard/types.ts';

export interface DashboardEntry {
  /** Project-relative path of the module, e.g. `dashboards/checkout/api.ts`. */
  readonly module: string;
  /** The export it came from (`checkoutApi`, `default`, `all[1]`). */
  readonly exportName: string;
  readonly dashboard: Dashboard;
  readonly uid: string;
  /** Whether the uid was derived from the path (explicit ones are validated by the checks). */
  readonly uidDerived: boolean;
  /** Folder title. */
  readonly folder: string;
}

export function dashboardsOf(module: string, exports: Readonly<Record<string, unknown>>): DashboardEntry[] {
  const found = new Map<Dashboard, string>();
  const take = (name: string, v: unknown): void => {
    if (isDashboard(v)) {
      if (!found.has(v)) found.set(v, name);
    } else if (Array.isArray(v)) v.forEach((x, i) => take(`${name}[${i}]`, x));
  };
  // `default` last, so `export const x = dashboard(...); export default x` is named `x`.
  for (const [name, v] of Object.entries(exports).sort(([a], [b]) => (a === 'default' ? 1 : b === 'default' ? -1 : 0)))
    take(name, v);
  const single = found.size === 1;
  return [...found]
    .map(([dashboard, exportName]) => ({
      module,
      exportName,
      dashboard,
      uid: dashboard.uid ?? derivedUid(module, single ? undefined : exportName),
      uidDerived: dashboard.uid === undefined,
      folder: folderOf(module, dashboard.folder),
    }))
    .sort(
      (a, b) =>
        (a.dashboard.site?.line ?? 0) - (b.dashboard.site?.line ?? 0) ||
        (a.dashboard.site?.column ?? 0) - (b.dashboard.site?.column ?? 0),
    );
}

/**
 * Names each dashboard by its uid for the rest of the run (see core/definition-digest.ts): a link
 * to a dashboard of the project is keyed by the uid it is written with, a copy alike in every
 * field by its fields. Call before digesting anything that holds a dashboard.
 */
export function nameDashboards(entries: readonly DashboardEntry[]): void {
  for (const e of entries) nameObject(e.dashboard, `dashboard:${e.uid}`);
}

/** The digest of an entry: its fields, and its dashboard's own (links to others named by uid). */
export function entryDigest(entry: DashboardEntry): Digest | undefined {
  const { dashboard, ...rest } = entry;
  return digestOfAll([rest, dashboard]);
}
