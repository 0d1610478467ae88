/**
 * The closed option sets of dsl/dashboard/closed-options.ts that are the Grafana SDK's enums are
 * written out there (reading the enums loaded the SDK at every start-up); this pins each to its
 * enum, values and order, and its type to the enum's, so an SDK upgrade that changes one fails here.
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { expect, it } from 'vitest';
import * as C from '../../dsl/dashboard/closed-options.ts';

/** An enum's values, less those the option does not take (written as another option or the default). */
const values = (e: Record<string, string>, ...without: string[]): string[] => Object.values(e).filter((v) => !without.includes(v));

it.each([
  ['LEGEND_MODES', C.LEGEND_MODES, values(common.LegendDisplayMode, 'hidden')],
  ['LEGEND_PLACEMENTS', C.LEGEND_PLACEMENTS, values(common.LegendPlacement)],
  ['TOOLTIP_MODES', C.TOOLTIP_MODES, values(common.TooltipDisplayMode)],
  ['DRAW_STYLES', C.DRAW_STYLES, values(common.GraphDrawStyle)],
  ['STACK_MODES', C.STACK_MODES, values(common.StackingMode, 'none')],
  ['VISIBILITY_MODES', C.VISIBILITY_MODES, values(common.VisibilityMode)],
  ['THRESHOLDS_STYLES', C.THRESHOLDS_STYLES, values(common.GraphThresholdsStyleMode, 'off', 'series')],
  ['ORIENTATIONS', C.ORIENTATIONS, values(common.VizOrientation)],
  ['GRAPH_MODES', C.GRAPH_MODES, values(common.BigValueGraphMode)],
  ['COLOR_MODES', C.COLOR_MODES, values(common.BigValueColorMode)],
  ['TEXT_MODES', C.TEXT_MODES, values(common.BigValueTextMode)],
  ['BAR_GAUGE_DISPLAY_MODES', C.BAR_GAUGE_DISPLAY_MODES, values(common.BarGaugeDisplayMode)],
  ['CELL_HEIGHTS', C.CELL_HEIGHTS, values(common.TableCellHeight)],
  ['PIE_TYPES', C.PIE_TYPES, values(piechart.PieChartType)],
  ['PIE_LABELS', C.PIE_LABELS, values(piechart.PieChartLabels)],
  ['PIE_LEGEND_VALUES', C.PIE_LEGEND_VALUES, values(piechart.PieChartLegendValues)],
  ['LOGS_DEDUP', C.LOGS_DEDUP, values(common.LogsDedupStrategy)],
  ['FIELD_COLOR_MODES', C.FIELD_COLOR_MODES, values(dash.FieldColorModeId, 'fixed')],
  ['THRESHOLDS_MODES', C.THRESHOLDS_MODES, values(dash.ThresholdsMode)],
  ['SPECIAL_VALUES', C.SPECIAL_VALUES, values(dash.SpecialValueMatch)],
  ['MAPPING_TYPES', C.MAPPING_TYPES, values(dash.MappingType)],
  ['QUERY_FORMATS', C.QUERY_FORMATS, values(prometheus.PromQueryFormat)],
  ['QUERY_EDITOR_MODES', C.QUERY_EDITOR_MODES, values(prometheus.QueryEditorMode)],
] as const)('%s holds the values of its SDK enum', (_name, written, sdk) => {
  expect([...written]).toEqual(sdk);
});

// The types, both ways: each written set is exactly its enum's string values (less the exclusions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Of<T extends readonly string[]> = T[number];
const types: Record<string, true> = {
  LEGEND_MODES: true satisfies Same<Of<typeof C.LEGEND_MODES>, Exclude<`${common.LegendDisplayMode}`, 'hidden'>>,
  LEGEND_PLACEMENTS: true satisfies Same<Of<typeof C.LEGEND_PLACEMENTS>, `${common.LegendPlacement}`>,
  TOOLTIP_MODES: true satisfies Same<Of<typeof C.TOOLTIP_MODES>, `${common.TooltipDisplayMode}`>,
  DRAW_STYLES: true satisfies Same<Of<typeof C.DRAW_STYLES>, `${common.GraphDrawStyle}`>,
  STACK_MODES: true satisfies Same<Of<typeof C.STACK_MODES>, Exclude<`${common.StackingMode}`, 'none'>>,
  VISIBILITY_MODES: true satisfies Same<Of<typeof C.VISIBILITY_MODES>, `${common.VisibilityMode}`>,
  THRESHOLDS_STYLES: true satisfies Same<Of<typeof C.THRESHOLDS_STYLES>, Exclude<`${common.GraphThresholdsStyleMode}`, 'off' | 'series'>>,
  ORIENTATIONS: true satisfies Same<Of<typeof C.ORIENTATIONS>, `${common.VizOrientation}`>,
  GRAPH_MODES: true satisfies Same<Of<typeof C.GRAPH_MODES>, `${common.BigValueGraphMode}`>,
  COLOR_MODES: true satisfies Same<Of<typeof C.COLOR_MODES>, `${common.BigValueColorMode}`>,
  TEXT_MODES: true satisfies Same<Of<typeof C.TEXT_MODES>, `${common.BigValueTextMode}`>,
  BAR_GAUGE_DISPLAY_MODES: true satisfies Same<Of<typeof C.BAR_GAUGE_DISPLAY_MODES>, `${common.BarGaugeDisplayMode}`>,
  CELL_HEIGHTS: true satisfies Same<Of<typeof C.CELL_HEIGHTS>, `${common.TableCellHeight}`>,
  PIE_TYPES: true satisfies Same<Of<typeof C.PIE_TYPES>, `${piechart.PieChartType}`>,
  PIE_LABELS: true satisfies Same<Of<typeof C.PIE_LABELS>, `${piechart.PieChartLabels}`>,
  PIE_LEGEND_VALUES: true satisfies Same<Of<typeof C.PIE_LEGEND_VALUES>, `${piechart.PieChartLegendValues}`>,
  LOGS_DEDUP: true satisfies Same<Of<typeof C.LOGS_DEDUP>, `${common.LogsDedupStrategy}`>,
  FIELD_COLOR_MODES: true satisfies Same<Of<typeof C.FIELD_COLOR_MODES>, Exclude<`${dash.FieldColorModeId}`, 'fixed'>>,
  THRESHOLDS_MODES: true satisfies Same<Of<typeof C.THRESHOLDS_MODES>, `${dash.ThresholdsMode}`>,
  SPECIAL_VALUES: true satisfies Same<Of<typeof C.SPECIAL_VALUES>, `${dash.SpecialValueMatch}`>,
  MAPPING_TYPES: true satisfies Same<Of<typeof C.MAPPING_TYPES>, `${dash.MappingType}`>,
  QUERY_FORMATS: true satisfies Same<Of<typeof C.QUERY_FORMATS>, `${prometheus.PromQueryFormat}`>,
  QUERY_EDITOR_MODES: true satisfies Same<Of<typeof C.QUERY_EDITOR_MODES>, `${prometheus.QueryEditorMode}`>,
};

it('every written set has a type check above (tsc fails on a set whose type drifts from its enum)', () => {
  expect(Object.keys(types).sort()).toHaveLength(23);
});
