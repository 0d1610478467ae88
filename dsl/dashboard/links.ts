/** Links on dashboards and panels: to other dashboards of the project, to runbooks, anywhere. */
import { stamp } from './stamp.ts';
import type { DashboardListLink, DashboardListLinkSpec, Link, LinkSpec } from './types.ts';

/** A link to a URL (`url`) or to a dashboard of this project (`to`, kept by uid). */
export function link(spec: LinkSpec): Link {
  return stamp('link', spec);
}

/** A runbook: opens in a new tab, with the doc icon. */
export function runbookLink(url: string, title = 'Runbook'): Link {
  return stamp('link', { title, url, icon: 'doc' as const, newTab: true, tooltip: 'What to do when this looks wrong' });
}

/** Every dashboard with these tags, as links or one dropdown. */
export function dashboardListLink(spec: DashboardListLinkSpec): DashboardListLink {
  return stamp('dashboard-list-link', spec);
}
