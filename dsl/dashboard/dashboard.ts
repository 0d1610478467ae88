/** The dashboard and its rows. */
import { stamp } from './stamp.ts';
import type { Dashboard, DashboardSpec, Row, RowSpec } from './types.ts';

/** A dashboard: export it from a module under dashboards/ and the build checks and emits it. */
export function dashboard(spec: DashboardSpec): Dashboard {
  return stamp('dashboard', spec);
}

/** A full-width row header with the panels below it; collapsed rows hold their panels inside. */
export function row(spec: RowSpec): Row {
  return stamp('row', spec);
}

export function isDashboard(v: unknown): v is Dashboard {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'dashboard';
}
