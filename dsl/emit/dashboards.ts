/**
 * Dashboards → `out/dashboards/<folder>/<uid>.json` (classic JSON model, or the v2 resource when
 * configured) and the Grafana file provisioning that loads them. Every file is built from fresh SDK
 * builders and serialized with sorted keys, so a rebuild is byte-identical.
 */
import type { DashboardEntry } from '../collect/dashboards.ts';
import { stableJson } from '../core/stable-json.ts';
import { folderSlug, type DashboardTarget } from '../dashboard/index.ts';
import { safeOutPath, safeSegment, type Artifact } from './artifact.ts';
import { classicDashboard } from './dashboards-classic.ts';
import type { EmitContext } from './dashboards-panels.ts';
import { v2Dashboard } from './dashboards-v2.ts';
import { provisioningArtifact } from './grafana-provisioning.ts';

export type DashboardFormat = 'classic' | 'v2';

export interface DashboardEmitOptions {
  /** `classic` (the dashboard JSON model, default) or `v2` (`dashboard.grafana.app/v2` resources). */
  readonly format: DashboardFormat;
  /** Where Grafana finds out/dashboards (the provisioning providers' path). */
  readonly provisioningPath: string;
}

export const DEFAULT_DASHBOARD_EMIT: DashboardEmitOptions = {
  format: 'classic',
  provisioningPath: '/var/lib/grafana/dashboards',
};

export function dashboardFilePath(entry: Pick<DashboardEntry, 'folder' | 'uid'>): string {
  // The uid is one file name, whatever it holds (`a//b`, `/abs`: dashboard/uid reports those).
  return safeOutPath('dashboards', folderSlug(entry.folder), `${safeSegment(entry.uid)}.json`);
}

export function emitContext(entries: readonly DashboardEntry[]): EmitContext {
  const uids = new Map(entries.map((e) => [e.dashboard, e.uid]));
  return { uidOf: (t: DashboardTarget) => ('kind' in t ? (uids.get(t) ?? t.uid ?? '') : t.uid) };
}

/** The JSON of one dashboard as it will be written (for tests and tools). */
export function dashboardJson(
  entry: DashboardEntry,
  entries: readonly DashboardEntry[],
  format: DashboardFormat = 'classic',
): Record<string, unknown> {
  const ctx = emitContext(entries);
  return format === 'v2' ? v2Dashboard(entry, ctx) : classicDashboard(entry, ctx);
}

export function emitDashboards(
  entries: readonly DashboardEntry[],
  opts: DashboardEmitOptions = DEFAULT_DASHBOARD_EMIT,
): Artifact[] {
  if (entries.length === 0) return [];
  const ctx = emitContext(entries);
  return [...entries.map((e) => emitDashboard(e, ctx, opts.format)), dashboardProvisioning(entries, opts)];
}

/** One dashboard's file; `ctx` names the uids of the dashboards its links point to. */
export function emitDashboard(entry: DashboardEntry, ctx: EmitContext, format: DashboardFormat): Artifact {
  return {
    path: dashboardFilePath(entry),
    content: stableJson(format === 'v2' ? v2Dashboard(entry, ctx) : classicDashboard(entry, ctx)),
    origin: entry.dashboard.site ?? { file: entry.module, line: 1, column: 1 },
  };
}

/** The Grafana file provisioning that loads the dashboards' folders. */
export function dashboardProvisioning(entries: readonly DashboardEntry[], opts: DashboardEmitOptions): Artifact {
  return provisioningArtifact(
    entries.map((e) => e.folder),
    opts.provisioningPath,
  );
}
