/** What every authored dashboard value shares: expressions, suppressions, the call site, the escape hatch. */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { PromQL } from '../promql/template.ts';
import type { JsonObject } from './json.ts';

export type Expression = string | PromQL;

/** Silences one check on one dashboard or panel; the reason is mandatory and listed by the build. */
export interface Suppression {
  readonly check: string;
  readonly reason: string;
}

export interface Stamped<K extends string> {
  readonly kind: K;
  readonly site?: SourceLocation;
}

/**
 * The escape hatch: Grafana JSON deep-merged over what we emit for this element (objects merge,
 * everything else replaces, except a panel's `transformations`, which follow the typed ones). For
 * fields we do not model; the checks still look inside it.
 */
export interface Extra {
  readonly extra?: JsonObject;
}

/** A data source: a fixed uid, or a variable (`uid: '${datasource}'`). */
export interface DatasourceRef {
  readonly type: string;
  readonly uid: string;
}
