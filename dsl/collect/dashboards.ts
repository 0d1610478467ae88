/**
 * Dashboards exported by a module (directly or in arrays), each with the uid and folder it will
 * have in Grafana. A module with one dashboard derives its uid from its path; with several, the
 * export name is appended so each stays stable and distinct.
 */
import { definitionDigest, type Digest } from '../core/definition-digest.ts';
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
 * Each dashboard's digest (see core/definition-digest.ts), taken before anything that holds one
 * is digested: a link to a dashboard of the project is then keyed as that dashboard (its uid is
 * the entry's), never as a copy alike in every field (whose uid is its own). Undefined for a
 * dashboard that has none.
 */
export function dashboardDigests(entries: readonly DashboardEntry[]): (Digest | undefined)[] {
  return entries.map((e) => definitionDigest(e.dashboard));
}
