/** Links of dashboards and panels, as authored. */
import type * as C from './closed-options.ts';
import type { Stamped } from './base-types.ts';

export type LinkIcon = (typeof C.LINK_ICONS)[number];

/**
 * Something a link can point at: a dashboard of this project (resolved to its uid), or a uid.
 * Named by its shape, not as `Dashboard`: a dashboard holds panels, panels hold links, and the
 * types of each stay in a module of their own without importing each other in a cycle.
 */
export type DashboardTarget =
  (Stamped<'dashboard'> & { readonly title: string; readonly uid?: string }) | { readonly uid: string };

export interface LinkSpec {
  readonly title: string;
  /** An absolute URL, or a dashboard of this project (`/d/<uid>` with variables and time range). */
  readonly url?: string;
  readonly to?: DashboardTarget;
  readonly tooltip?: string;
  readonly icon?: LinkIcon;
  readonly newTab?: boolean;
  /** Carry the dashboard's variables (`var-x=...`) into the link. Default: true for `to`. */
  readonly includeVars?: boolean;
  /** Carry the time range. Default: true for `to`. */
  readonly keepTime?: boolean;
}

export interface Link extends LinkSpec, Stamped<'link'> {}

export interface DashboardListLinkSpec {
  readonly title: string;
  /** Dashboards carrying all of these tags. */
  readonly tags: readonly string[];
  readonly asDropdown?: boolean;
  readonly includeVars?: boolean;
  readonly keepTime?: boolean;
  readonly newTab?: boolean;
}

export interface DashboardListLink extends DashboardListLinkSpec, Stamped<'dashboard-list-link'> {}
