/**
 * Field config (units, thresholds, value mappings, colours, overrides) and links, from our typed
 * values to the foundation SDK's model. Used for the classic JSON; v2 reuses the result.
 */
import * as dash from '@grafana/grafana-foundation-sdk/dashboard';
import type {
  ColorMode,
  DataLink,
  FieldMatcher,
  FieldOptions,
  OverrideProperties,
  SpecialValue,
  Thresholds,
  ValueMapping,
} from '../dashboard/index.ts';

/** Our option unions are spelled as the SDK enums' values (`${Enum}`), so the cast cannot invent a member. */
export function asEnum<E extends string>(value: `${E}`): E {
  return value as unknown as E;
}

export function thresholdsBuilder(t: Thresholds): dash.ThresholdsConfigBuilder {
  return new dash.ThresholdsConfigBuilder()
    .mode(t.mode === 'percentage' ? dash.ThresholdsMode.Percentage : dash.ThresholdsMode.Absolute)
    .steps([{ value: null, color: t.base }, ...(t.steps ?? []).map((s) => ({ value: s.value, color: s.color }))]);
}

const SPECIAL: Record<SpecialValue, dash.SpecialValueMatch> = {
  null: dash.SpecialValueMatch.Null,
  nan: dash.SpecialValueMatch.NotANumber,
  'null+nan': dash.SpecialValueMatch.NullAndNan,
  true: dash.SpecialValueMatch.True,
  false: dash.SpecialValueMatch.False,
  empty: dash.SpecialValueMatch.Empty,
};

export function valueMappings(ms: readonly ValueMapping[]): dash.ValueMapping[] {
  return ms.map((m, index) => {
    const result: dash.ValueMappingResult = {
      ...(m.text !== undefined ? { text: m.text } : {}),
      ...(m.color !== undefined ? { color: m.color } : {}),
      index,
    };
    if ('value' in m) return { type: dash.MappingType.ValueToText, options: { [String(m.value)]: result } };
    if ('range' in m)
      return {
        type: dash.MappingType.RangeToText,
        options: { from: m.range.from ?? null, to: m.range.to ?? null, result },
      };
    if ('regex' in m) return { type: dash.MappingType.RegexToText, options: { pattern: m.regex, result } };
    return { type: dash.MappingType.SpecialValue, options: { match: SPECIAL[m.special], result } };
  });
}

export function colorBuilder(c: ColorMode): dash.FieldColorBuilder {
  return typeof c === 'string'
    ? new dash.FieldColorBuilder().mode(asEnum<dash.FieldColorModeId>(c))
    : new dash.FieldColorBuilder().mode(dash.FieldColorModeId.Fixed).fixedColor(c.fixed);
}

/** A link as the SDK models it; `placement` is dropped (its default hides links in a menu). */
export function linkModel(
  title: string,
  url: string,
  opts: { newTab?: boolean; tooltip?: string; icon?: string; includeVars?: boolean; keepTime?: boolean } = {},
): dash.DashboardLink {
  const b = new dash.DashboardLinkBuilder(title)
    .type(dash.DashboardLinkType.Link)
    .url(url)
    .targetBlank(opts.newTab === true);
  if (opts.tooltip !== undefined) b.tooltip(opts.tooltip);
  if (opts.icon !== undefined) b.icon(opts.icon);
  if (opts.includeVars !== undefined) b.includeVars(opts.includeVars);
  if (opts.keepTime !== undefined) b.keepTime(opts.keepTime);
  const { placement: _placement, ...link } = b.build();
  return link;
}

export function dataLinks(ls: readonly DataLink[]): dash.DashboardLink[] {
  return ls.map((l) => linkModel(l.title, l.url, { newTab: l.newTab === true }));
}

const MATCHER_ID: Record<string, string> = {
  byName: 'byName',
  byRegexp: 'byRegexp',
  byType: 'byType',
  byQuery: 'byFrameRefID',
};

function matcher(m: FieldMatcher): dash.MatcherConfig {
  const [kind, options] = Object.entries(m)[0] ?? ['byName', ''];
  return { id: MATCHER_ID[kind] ?? kind, options };
}

/** Override properties as Grafana's `{ id, value }` list, in a fixed order. */
function properties(p: OverrideProperties): dash.DynamicConfigValue[] {
  const out: dash.DynamicConfigValue[] = [];
  const put = (id: string, value: unknown): void => {
    if (value !== undefined) out.push({ id, value });
  };
  put('displayName', p.displayName);
  put('unit', p.unit);
  put('decimals', p.decimals);
  put('min', p.min);
  put('max', p.max);
  put('noValue', p.noValue);
  if (p.color) put('color', colorBuilder(p.color).build());
  if (p.thresholds) put('thresholds', thresholdsBuilder(p.thresholds).build());
  if (p.mappings) put('mappings', valueMappings(p.mappings));
  if (p.dataLinks) put('links', dataLinks(p.dataLinks));
  if (p.hidden) put('custom.hideFrom', { legend: true, tooltip: true, viz: true });
  for (const [k, v] of Object.entries(p.custom ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) put(`custom.${k}`, v);
  return out;
}

export function overrideModel(o: { readonly match: FieldMatcher; readonly set: OverrideProperties }): {
  matcher: dash.MatcherConfig;
  properties: dash.DynamicConfigValue[];
} {
  return { matcher: matcher(o.match), properties: properties(o.set) };
}

/** The field-config setters every SDK panel builder has. */
export interface FieldConfigBuilder {
  unit(unit: string): unknown;
  decimals(decimals: number): unknown;
  min(min: number): unknown;
  max(max: number): unknown;
  displayName(displayName: string): unknown;
  noValue(noValue: string): unknown;
  colorScheme(color: dash.FieldColorBuilder): unknown;
  thresholds(thresholds: dash.ThresholdsConfigBuilder): unknown;
  mappings(mappings: dash.ValueMapping[]): unknown;
}

/**
 * Sets the standard field options; `unitAlso: false` for panels whose unit lives elsewhere (heatmap's
 * y axis). Data links are set on the built JSON (`dataLinks`): the SDK's link builder adds a placement.
 */
export function applyFieldOptions(b: FieldConfigBuilder, f: FieldOptions, unitAlso = true): void {
  if (unitAlso && f.unit !== undefined) b.unit(f.unit);
  if (f.decimals !== undefined) b.decimals(f.decimals);
  if (f.min !== undefined) b.min(f.min);
  if (f.max !== undefined) b.max(f.max);
  if (f.displayName !== undefined) b.displayName(f.displayName);
  if (f.noValue !== undefined) b.noValue(f.noValue);
  if (f.color !== undefined) b.colorScheme(colorBuilder(f.color));
  if (f.thresholds !== undefined) b.thresholds(thresholdsBuilder(f.thresholds));
  if (f.mappings !== undefined) b.mappings(valueMappings(f.mappings));
}
