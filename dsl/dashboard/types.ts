/**
 * Dashboards as authored values. Factories (`dashboard`, `timeseries`, `prometheusQuery`, ...) return
 * frozen plain objects that remember where they were written; layout, ids and Grafana's JSON are
 * computed from them at build time, so nothing here is shared mutable state (unlike the SDK's
 * builders, whose `build()` hands out their internals). The parts live in `*-types.ts`.
 */
import type * as C from './closed-options.ts';
import type { Duration } from '../core/duration.ts';
import type { DatasourceRef, Expression, Extra, Stamped, Suppression } from './base-types.ts';
import type { Color } from './colors.ts';
import type { DashboardListLink, Link } from './link-types.ts';
import type { Panel, Row } from './panel-types.ts';
import type { Variable } from './variable-types.ts';

export type * from './base-types.ts';
export type * from './query-types.ts';
export type * from './field-types.ts';
export type * from './panel-types.ts';
export type * from './variable-types.ts';
export type * from './transformation-types.ts';
export type * from './link-types.ts';

export interface PrometheusAnnotationSpec extends Extra {
  readonly name: string;
  /** Every sample of the result becomes an event. */
  readonly expr: Expression;
  /** Event title template, e.g. `{{alertname}}`. */
  readonly title?: string;
  readonly text?: string;
  /** Labels shown as the event's tags. */
  readonly tags?: readonly string[];
  readonly color?: Color;
  readonly step?: Duration;
  /** Shown but switched off until enabled in the dashboard. */
  readonly disabled?: boolean;
  readonly datasource?: DatasourceRef;
}

export interface Annotation extends PrometheusAnnotationSpec, Stamped<'annotation'> {}

export interface DashboardSpec extends Extra {
  readonly title: string;
  /** Stable id in URLs (`/d/<uid>`); derived from the file path when omitted. */
  readonly uid?: string;
  /** Folder title; default: the module's folder under dashboards/ (General at the top). */
  readonly folder?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** Default `now-6h` to `now`. */
  readonly time?: { readonly from: string; readonly to: string };
  /** Auto-refresh interval; default off. */
  readonly refresh?: Duration;
  readonly timezone?: 'browser' | 'utc' | (string & {});
  /** Default false: provisioned dashboards are changed in code, not in the UI. */
  readonly editable?: boolean;
  /** Shared crosshair/tooltip across panels. */
  readonly tooltip?: (typeof C.DASHBOARD_TOOLTIPS)[number];
  readonly variables?: readonly Variable[];
  readonly annotations?: readonly Annotation[];
  readonly links?: readonly (Link | DashboardListLink)[];
  /** Panels above the first row. */
  readonly panels?: readonly Panel[];
  readonly rows?: readonly Row[];
  /** Data source of queries that name none and have no datasource variable of their type. */
  readonly datasource?: DatasourceRef;
  readonly suppress?: readonly Suppression[];
}

export interface Dashboard extends DashboardSpec, Stamped<'dashboard'> {}
