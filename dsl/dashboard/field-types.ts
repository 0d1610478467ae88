/** Field options: units, thresholds, value mappings, colours, data links, overrides, reducers. */
import type * as C from './closed-options.ts';
import type { Color } from './colors.ts';
import type { JsonObject } from './json.ts';
import type { Unit } from './units.ts';

export interface ThresholdStep {
  readonly value: number;
  readonly color: Color;
}

export interface Thresholds {
  readonly mode?: (typeof C.THRESHOLDS_MODES)[number];
  /** Colour below the first step. */
  readonly base: Color;
  readonly steps?: readonly ThresholdStep[];
}

interface MappingResult {
  readonly text?: string;
  readonly color?: Color;
}

export type SpecialValue = (typeof C.SPECIAL_VALUES)[number];

export type ValueMapping =
  | (MappingResult & { readonly value: string | number })
  | (MappingResult & { readonly range: { readonly from?: number; readonly to?: number } })
  | (MappingResult & { readonly regex: string })
  | (MappingResult & { readonly special: SpecialValue });

export interface DataLink {
  readonly title: string;
  readonly url: string;
  readonly newTab?: boolean;
}

export type ColorMode = (typeof C.FIELD_COLOR_MODES)[number] | { readonly fixed: Color };

/** Standard field options shared by the data panels. */
export interface FieldOptions {
  readonly unit?: Unit;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  readonly displayName?: string;
  readonly noValue?: string;
  readonly color?: ColorMode;
  readonly thresholds?: Thresholds;
  readonly mappings?: readonly ValueMapping[];
  readonly dataLinks?: readonly DataLink[];
}

export type FieldMatcher =
  | { readonly byName: string }
  | { readonly byRegexp: string }
  | { readonly byType: (typeof C.FIELD_TYPES)[number] }
  | { readonly byQuery: string };

export interface OverrideProperties extends FieldOptions {
  /** Hide the matched series from legend, tooltip and graph. */
  readonly hidden?: boolean;
  /** Plugin field options by name (`fillOpacity`, `axisPlacement`, ...): `custom.<name>`. */
  readonly custom?: JsonObject;
}

export interface Override {
  readonly match: FieldMatcher;
  readonly set: OverrideProperties;
}

export type Reducer = (typeof C.REDUCERS)[number];
