/**
 * The shapes the preview reads from built dashboard JSON (only what it draws) and the data it embeds
 * in the pages. Dashboards come from out/ as JSON, so every field is optional and checked where read.
 */

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface TargetJson {
  readonly refId?: string;
  readonly expr?: string;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: string;
  readonly hide?: boolean;
  readonly interval?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}

export interface PanelJson {
  readonly id?: number;
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly gridPos?: GridPos;
  readonly collapsed?: boolean;
  readonly panels?: readonly PanelJson[];
  readonly targets?: readonly TargetJson[];
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly interval?: string;
  readonly maxDataPoints?: number;
  readonly fieldConfig?: unknown;
  readonly options?: unknown;
  readonly [key: string]: unknown;
}

export interface VariableOption {
  readonly text?: unknown;
  readonly value?: unknown;
  readonly selected?: boolean;
}

export interface VariableJson {
  readonly name: string;
  readonly type?: string;
  readonly label?: string;
  readonly query?: unknown;
  readonly definition?: string;
  readonly current?: { readonly text?: unknown; readonly value?: unknown };
  readonly options?: readonly VariableOption[];
  readonly includeAll?: boolean;
  readonly allValue?: string;
  readonly multi?: boolean;
  readonly regex?: string;
  readonly sort?: number;
  readonly hide?: number;
}

export interface DashboardJson {
  readonly uid?: string;
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly time?: { readonly from?: string; readonly to?: string };
  readonly panels?: readonly PanelJson[];
  readonly templating?: { readonly list?: readonly VariableJson[] };
  readonly [key: string]: unknown;
}

/** A dashboard of a tree: its file (relative to out/) and parsed JSON. */
export interface DashboardFile {
  readonly file: string;
  readonly uid: string;
  readonly json: DashboardJson;
}

/** One series of a query result, as the page draws it. */
export interface Frame {
  readonly refId: string;
  /** The legend: legendFormat applied to the labels, or the series' selector. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Unix seconds. One entry for an instant query. */
  readonly times: readonly number[];
  readonly values: readonly (number | null)[];
}

/** A variable as the page shows it: the options offered and the value the queries used. */
export interface ResolvedVariable {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly options: readonly string[];
  readonly current: readonly string[];
  readonly multi: boolean;
  readonly includeAll: boolean;
  readonly hidden: boolean;
  /** Why the options are not known (no Prometheus, query failed). */
  readonly note?: string;
}

export interface PanelData {
  readonly frames: readonly Frame[];
  /** The queries as sent (variables and macros substituted), by refId. */
  readonly queries: Readonly<Record<string, string>>;
  readonly errors: readonly string[];
}

/** What the page knows about the data: real data from a Prometheus, or none (placeholders). */
export interface DashboardData {
  readonly source: { readonly prometheus: string; readonly from: number; readonly to: number } | null;
  readonly variables: readonly ResolvedVariable[];
  /** By panel key (see panelKey). */
  readonly panels: Readonly<Record<string, PanelData>>;
}

export type PanelMark = 'added' | 'removed' | 'changed' | 'moved';
