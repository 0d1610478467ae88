/** Dashboards as typed, immutable values: factories, helpers, and the pure layout/identity logic the build uses. */
export { dashboard, row, isDashboard } from './dashboard.ts';
export {
  timeseries,
  stat,
  gauge,
  gaugePanel,
  barGauge,
  table,
  heatmap,
  pieChart,
  barChart,
  histogramPanel,
  text,
  logs,
  isPanel,
} from './panels.ts';
export { prometheusQuery, query, lokiQuery, isQuery } from './queries.ts';
export {
  datasourceVariable,
  queryVariable,
  labelValues,
  customVariable,
  intervalVariable,
  constantVariable,
  textboxVariable,
  isVariable,
  isMultiValue,
} from './variables.ts';
export {
  prometheusAnnotation,
  alertAnnotation,
  type AlertAnnotationSpec,
  type AlertRef,
  type AlertGroupRef,
} from './annotations.ts';
export { link, runbookLink, dashboardListLink } from './links.ts';
export { transform, transformationJson, typedTransformation, columnsRead } from './transformations.ts';
export { standardVariables, type StandardVariablesOptions, type MultiChoice } from './standard-variables.ts';
export { redPanels, redRow, type RedOptions } from './red.ts';
export { usePanels, useRow, type UseOptions } from './use.ts';
export { isKnownUnit, knownUnits, UNIT_PREFIXES, type Unit, type ParameterisedUnit } from './units.ts';
export type { Color } from './colors.ts';
/** The SDK's unit constants, e.g. `units.RequestsPerSecond` (`'reqps'`). */
export * as units from '@grafana/grafana-foundation-sdk/units';
export type { JsonObject, JsonValue } from './json.ts';
export { isJsonObject, jsonEqual, jsonPath } from './json.ts';
export {
  layoutGrid,
  overlaps,
  GRID_COLUMNS,
  type GridPos,
  type LayoutBox,
  type LayoutInput,
  type LayoutResult,
  type LayoutProblem,
} from './layout.ts';
export { derivedUid, folderOf, folderSlug, uidProblem, UID_MAX_LENGTH, GENERAL_FOLDER } from './identity.ts';
export {
  resolveDashboard,
  datasourceFor,
  queryPlugin,
  refIdAt,
  panelQueries,
  DEFAULT_SIZE,
  MIXED_DATASOURCE,
  type ResolvedDashboard,
  type ResolvedPanel,
  type ResolvedQuery,
  type ResolvedRow,
} from './resolve.ts';
export { parseVariableQuery, renderLabelValues, type VariableQueryParts } from './variable-query.ts';
export type * from './types.ts';
