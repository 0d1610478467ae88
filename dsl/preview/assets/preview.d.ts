/** Types of what the page script (preview.js) exports, for the tests that call it directly. */
export declare const ROW_UNIT: number;
export declare const GAP: number;
export declare function formatValue(v: number | null, unit?: string, decimals?: number): string;
export declare function reduce(values: readonly (number | null)[], calc: string): number | null;
export declare function thresholdColor(thresholds: unknown, v: number, min?: number, max?: number): string;
export declare function mapValue(mappings: unknown, v: number | null): { text?: string; color?: string } | undefined;
export declare function tableRows(
  frames: readonly { refId: string; labels: Record<string, string>; values: (number | null)[] }[],
): { columns: string[]; numeric: Set<string>; rows: Record<string, unknown>[] };
export interface LayoutItem {
  key: string;
  panel: { type?: string; collapsed?: boolean; gridPos: { x: number; y: number; w: number; h: number } };
  children?: LayoutItem[];
}
export declare function layout(
  items: readonly LayoutItem[],
  expanded: ReadonlySet<string>,
): (LayoutItem & { pos: { x: number; y: number; w: number; h: number }; inRow?: string })[];
export interface PreviewFrame {
  refId: string;
  name: string;
  labels: Record<string, string>;
  values: (number | null)[];
}
export declare function barChartData(
  frames: readonly PreviewFrame[],
  panel: { options?: { xField?: string }; transformations?: readonly { id: string; options?: unknown }[] },
): { fields: string[]; categories: { name: string; values: (number | null)[] }[] };
export declare function histogramBins(
  series: readonly { name: string; values: readonly (number | null)[] }[],
  options?: { bucketSize?: number; bucketCount?: number; bucketOffset?: number; combine?: boolean },
): { size: number; bins: { from: number; to: number; counts: number[] }[]; series: string[]; resized?: true };
