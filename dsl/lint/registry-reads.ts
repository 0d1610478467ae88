/**
 * What one unit's checks read of the registries (see check-units.ts): the series names they looked
 * up, or everything (a "did you mean" suggestion ranks every name; the list of names or of
 * registries). A unit's results are then kept under what its registry entries are, not under
 * every registry: a save that changes one metric checks again only the units that read it.
 *
 * The names are those asked of the registry view, and through a recorded series, the series the
 * expressions recording it select, at any depth (its labels and type come from them). Everything
 * about the registries besides their metrics (names, jobs, intervals, target labels, families,
 * completeness) is in the context every unit's key holds.
 */
import { createHash } from 'node:crypto';
import { definitionDigest } from '../core/definition-digest.ts';
import { walk, type Expr } from '../promql/index.ts';
import type { MetricDef, RegistryData, RegistryIndex } from '../registry/index.ts';
import { metricNameOfSelector } from './label-flow.ts';
import type { RegistrySettings, RegistryView } from './registry-view.ts';

export interface RegistryReads {
  /** Series names looked up (with the series their recording rules select). */
  readonly names: ReadonlySet<string>;
  /** Something that depends on every registry entry was read. */
  readonly whole: boolean;
}

/** A registry view that notes what is read through it; `reads()` tells what was. */
export function trackedRegistry(view: RegistryView): { readonly view: RegistryView; reads(): RegistryReads } {
  const names = new Set<string>();
  let whole = false;
  const read = (series: string): void => {
    if (names.has(series)) return;
    names.add(series);
    // A recorded series' labels and type come from what its rules select.
    for (const x of view.recordedExprs(series)) readSelectors(x);
  };
  const readSelectors = (root: Expr): void =>
    walk(root, (n) => {
      if (n.kind === 'VectorSelector') {
        const name = metricNameOfSelector(n);
        if (name !== undefined) read(name);
      }
    });
  const index: RegistryIndex = {
    get registries() {
      whole = true;
      return view.index.registries;
    },
    lookup: (s, job) => (read(s), view.index.lookup(s, job)),
    has: (s) => (read(s), view.index.has(s)),
    suggest: (s) => ((whole = true), view.index.suggest(s)),
    names: () => ((whole = true), view.index.names()),
  };
  const tracked: RegistryView = {
    active: view.active,
    unknownMetric: view.unknownMetric,
    complete: view.complete,
    index,
    lookup: (s, job) => (read(s), view.lookup(s, job)),
    known: (s) => (read(s), view.known(s)),
    isRecorded: (s) => (read(s), view.isRecorded(s)),
    recordedExprs: (s) => (read(s), view.recordedExprs(s)),
    suggest: (s) => ((whole = true), view.suggest(s)),
    labelsOf: (s, lenient, job) => (read(s), view.labelsOf(s, lenient, job)),
    typeOf: (s, job) => (read(s), view.typeOf(s, job)),
    flows: (q, lenient) => {
      if (q.result.expr) readSelectors(q.result.expr);
      return view.flows(q, lenient);
    },
  };
  return { view: tracked, reads: () => ({ names: new Set(names), whole }) };
}

/**
 * Registry settings whose registries, when read, count as reading everything (a check that walks
 * `options.registry.registries` itself).
 */
export function trackedSettings(
  settings: RegistrySettings | undefined,
  onWhole: () => void,
): RegistrySettings | undefined {
  if (!settings) return settings;
  const { registries, ...rest } = settings;
  return {
    ...rest,
    get registries() {
      onWhole();
      return registries;
    },
  };
}

/** Everything about the registries but their metrics: what every unit's key holds. */
export function registriesShape(registries: readonly RegistryData[]): unknown[] {
  return registries.map(({ metrics: _, ...rest }) => rest);
}

/** The metrics a series name may belong to (a histogram's `_bucket`, `_sum`, `_count`; a summary's). */
function metricsOf(series: string): string[] {
  const m = /^(.+)_(bucket|sum|count)$/.exec(series);
  return m?.[1] ? [series, m[1]] : [series];
}

/**
 * The digest of what `reads` covers in `registries`: every registry's definition of each metric a
 * read series may belong to (or that it has none), or, for a whole read, every registry.
 * Undefined when some of it has no digest.
 */
export function readsDigest(reads: RegistryReads, registries: readonly RegistryData[]): string | undefined {
  const h = createHash('sha256');
  if (reads.whole) {
    for (const r of registries) {
      const d = definitionDigest(r);
      if (!d) return undefined;
      h.update(d.hash).update('\u0000');
    }
    return h.digest('hex');
  }
  for (const series of [...reads.names].sort())
    for (const metric of metricsOf(series)) {
      h.update(`\u0001${metric}`);
      for (const r of registries) {
        const def: MetricDef | undefined = Object.hasOwn(r.metrics, metric) ? r.metrics[metric] : undefined;
        const d = def === undefined ? undefined : definitionDigest(def);
        if (def !== undefined && !d) return undefined;
        h.update(`\u0000${d?.hash ?? '-'}`);
      }
    }
  return h.digest('hex');
}
