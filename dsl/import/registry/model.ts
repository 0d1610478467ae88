/** What an importer learned about metrics, before it is written out as a registry module. */
import type { MetricType } from '../../registry/types.ts';

export interface ImportedMetric {
  readonly name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  /** Label name → values seen (implied `le`/`quantile` and target labels are left out). */
  readonly labels: Map<string, Set<string>>;
}

export interface ImportedMetrics {
  readonly metrics: Map<string, ImportedMetric>;
}

export function emptyImport(): ImportedMetrics {
  return { metrics: new Map() };
}

export function metricOf(into: ImportedMetrics, name: string, type: MetricType = 'unknown'): ImportedMetric {
  let m = into.metrics.get(name);
  if (!m) {
    m = { name, type, labels: new Map() };
    into.metrics.set(name, m);
  }
  return m;
}

export function addLabel(m: ImportedMetric, label: string, value: string): void {
  let vs = m.labels.get(label);
  if (!vs) m.labels.set(label, (vs = new Set()));
  vs.add(value);
}

/** Folds `from` into `into`: labels and values are united, a known type or help beats an unknown one. */
export function mergeImports(into: ImportedMetrics, from: ImportedMetrics): ImportedMetrics {
  for (const m of from.metrics.values()) {
    const t = metricOf(into, m.name, m.type);
    if (t.type === 'unknown') t.type = m.type;
    if (t.help === undefined && m.help !== undefined) t.help = m.help;
    if (t.unit === undefined && m.unit !== undefined) t.unit = m.unit;
    for (const [l, vs] of m.labels) for (const v of vs) addLabel(t, l, v);
  }
  return into;
}

const UNIT_SUFFIXES = [
  'seconds',
  'bytes',
  'ratio',
  'celsius',
  'joules',
  'volts',
  'amperes',
  'meters',
  'grams',
  'hertz',
  'percent',
  'info',
];

/** The base unit a name ends in, by Prometheus's naming conventions (`_seconds`, `_bytes_total`). */
export function unitFromName(name: string): string | undefined {
  const parts = name.replace(/_total$/, '').split('_');
  const last = parts[parts.length - 1];
  return last !== undefined && last !== 'info' && UNIT_SUFFIXES.includes(last) ? last : undefined;
}
