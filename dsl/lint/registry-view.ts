/**
 * The registry as the checks see it: the authored registries (registry/*.ts) plus every recording
 * rule's output, typed and labelled by what its expression keeps, plus Prometheus's own `ALERTS`.
 * Computed once per lint run.
 */
import type { Expr } from '../promql/index.ts';
import {
  indexRegistries,
  type MetricType,
  type RegistryData,
  type RegistryIndex,
  type SeriesInfo,
} from '../registry/index.ts';
import { suggester } from '../registry/index.ts';
import type { RecordingRuleEntry } from './context.ts';
import {
  FlowMemo,
  FlowTable,
  labelFlows,
  type LabelFlow,
  type SelectorFlows,
  type SeriesLabels,
} from './label-flow.ts';
import type { QueryEntry } from './queries.ts';
import { valueKind } from './value-kind.ts';

export interface RegistrySettings {
  /** The authored registries; with none, the registry checks stay silent. */
  readonly registries: readonly RegistryData[];
  /**
   * `suggest` (default): a metric (or label) that is a near miss of a known one is an error, other
   * unknown metrics and labels are warnings. `error`: the registries are complete; every metric must
   * be in one (or recorded by a rule) and every label listed.
   */
  readonly unknownMetric?: 'suggest' | 'error';
  /** Labels relabelling adds to the targets of a job ('*': every job); see ObsConfig.registry.relabelledLabels. */
  readonly relabelledLabels?: Readonly<Record<string, readonly string[]>>;
}

export interface RegistryView {
  /** Whether any registry was authored (or the project asked for unknown metrics to be errors). */
  readonly active: boolean;
  readonly unknownMetric: 'suggest' | 'error';
  /**
   * The registries are taken as complete (`unknownMetric: 'error'`): a label a registry does not
   * list is then an error too, not a possible target label of the deployment.
   */
  readonly complete: boolean;
  readonly index: RegistryIndex;
  /** The registry entry of a series name, if authored; `job` as for RegistryIndex.lookup. */
  lookup(series: string, job?: string): SeriesInfo | undefined;
  /** Known from a registry, a recording rule, or Prometheus itself. */
  known(series: string): boolean;
  isRecorded(series: string): boolean;
  /** The parsed expressions of the rules that record `series` (those that parse). */
  recordedExprs(series: string): readonly Expr[];
  suggest(series: string): string[];
  /** `lenient`: registry series may carry labels their registry does not list (see `flows`). */
  labelsOf(series: string, lenient?: boolean, job?: string): SeriesLabels | undefined;
  /** `job` as for `lookup`: the registries listing the selector's job decide a registry series' type. */
  typeOf(series: string, job?: string): MetricType | undefined;
  /**
   * Label flow of every sub-expression of a query. `lenient`: registry series may carry labels
   * their registry does not list, so what it rules out is proven by the expression alone.
   */
  flows(q: QueryEntry, lenient?: boolean): FlowTable;
}

/** Series Prometheus writes itself, whose labels are the alerts' labels. */
const BUILTIN: ReadonlyMap<string, SeriesLabels> = new Map([
  ['ALERTS', { labels: ['alertname', 'alertstate'], guaranteed: ['alertname', 'alertstate'], open: true }],
  ['ALERTS_FOR_STATE', { labels: ['alertname'], guaranteed: ['alertname'], open: true }],
]);

/** The series Prometheus writes only while an alert is pending or firing. */
export const ALERT_STATE_SERIES: ReadonlySet<string> = new Set(BUILTIN.keys());

/** The view of one lint run (the engine builds it once and hands it to every check). */
export function registryView(
  settings: RegistrySettings | undefined,
  recordingRules: readonly RecordingRuleEntry[],
): RegistryView {
  const index = indexRegistries(settings?.registries ?? []);
  const unknownMetric = settings?.unknownMetric ?? 'suggest';
  // Parsed only when a query reads the series: a shard of a big project needs few of them.
  const rulesByName = new Map<string, (() => Expr | undefined)[]>();
  // The last rule of each name, whose group's and own labels the series is known to carry: their
  // names are listed only for a series a query reads (staticLabels).
  const lastRule = new Map<string, RecordingRuleEntry>();
  for (const entry of recordingRules) {
    const name = entry.rule.name;
    // Appended in place: copying the list per rule was quadratic in rules of one name (150,000 hung the lint).
    const same = rulesByName.get(name);
    if (same) same.push(entry.expr);
    else rulesByName.set(name, [entry.expr]);
    lastRule.set(name, entry);
  }
  const staticLabels = (name: string): string[] | undefined => {
    const last = lastRule.get(name);
    return last && Object.keys({ ...(last.group.labels ?? {}), ...(last.rule.labels ?? {}) });
  };
  const exprsOf = (name: string): Expr[] => rulesByName.get(name)?.flatMap((e) => e() ?? []) ?? [];
  // A series counts as recorded when a rule with a parseable expression records it: one whose
  // expression does not parse (promql/syntax reports it) neither defines nor hides the name.
  const recordedNames = new Map<string, boolean>();
  const recorded = (name: string): boolean => {
    let r = recordedNames.get(name);
    if (r === undefined) recordedNames.set(name, (r = rulesByName.get(name)?.some((e) => e() !== undefined) ?? false));
    return r;
  };
  /**
   * Two views of labels: strict (registry label lists are complete) and lenient (a series may carry
   * labels its registry does not list, e.g. target labels a deployment adds by relabelling). A label
   * that even the lenient view rules out is proven absent by the expression itself.
   */
  const relabelled = settings?.relabelledLabels ?? {};
  const withRelabelled = (labels: readonly string[], job: string | undefined): readonly string[] => {
    const extra = [
      ...(relabelled['*'] ?? []),
      ...(job !== undefined && Object.hasOwn(relabelled, job) ? (relabelled[job] ?? []) : []),
    ].filter((l) => !labels.includes(l));
    return extra.length ? [...labels, ...extra].sort() : labels;
  };
  // What flows keep whatever the lookup (strict, lenient, or while recorded series are settled).
  const flowMemo = new FlowMemo();
  const makeLookup = (lenient: boolean): ((series: string, job?: string) => SeriesLabels | undefined) => {
    const memos = new Map<string, SeriesLabels | null>();
    const recordedOf = (name: string): SeriesLabels | undefined => {
      if (!recorded(name)) return undefined;
      const memo = memos.get(name);
      // A rule reading its own output (directly or through others) knows nothing of its labels.
      if (memo === null) return { labels: [], guaranteed: [], open: true };
      if (memo) return memo;
      const exprs = exprsOf(name);
      memos.set(name, null);
      const flows = exprs.map((x) => labelFlows(x, lookup, undefined, flowMemo).get(x));
      const fixed = staticLabels(name) ?? [];
      const all = flows.filter((f): f is LabelFlow => f !== undefined && !f.scalar);
      const labels = [...new Set([...all.flatMap((f) => [...f.possible]), ...fixed])].sort();
      const guaranteed = all.length
        ? [
            ...all.reduce(
              (acc, f) => new Set([...acc].filter((x) => f.guaranteed.has(x))),
              all[0]?.guaranteed ?? new Set<string>(),
            ),
          ]
        : [];
      const r: SeriesLabels = {
        labels,
        guaranteed: [...new Set([...guaranteed, ...fixed])].sort(),
        open: all.some((f) => f.open),
      };
      memos.set(name, r);
      return r;
    };
    // What the registries say of a series and job does not change during a run: looked up once.
    const authored = new Map<string, SeriesLabels | null>();
    const authoredOf = (series: string, job: string | undefined): SeriesLabels | undefined => {
      const key = job === undefined ? series : `${series}\u0000${job}`;
      let r = authored.get(key);
      if (r === undefined) {
        const info = index.lookup(series, job);
        // A series with label families may carry labels no list can name: flows treat it as open.
        // Labels relabelling adds to the job's targets (`cluster`, `namespace`, ...) may be on the series too.
        r = info
          ? {
              labels: withRelabelled(info.labels, job),
              guaranteed: info.guaranteed,
              ...(lenient || info.labelFamilies ? { open: true } : {}),
              ...(info.labelFamilies ? { families: info.labelFamilies } : {}),
            }
          : (BUILTIN.get(series) ?? null);
        authored.set(key, r);
      }
      return r ?? undefined;
    };
    const lookup = (series: string, job?: string): SeriesLabels | undefined =>
      recordedOf(series) ?? authoredOf(series, job);
    return lookup;
  };
  const labelsOf = makeLookup(false);
  const lenientLabelsOf = makeLookup(true);
  const recordedTypes = new Map<string, MetricType>();
  const recordedType = (name: string): MetricType => {
    let t = recordedTypes.get(name);
    if (t === undefined) {
      recordedTypes.set(name, 'unknown');
      const kinds = new Set(exprsOf(name).map((x) => valueKind(x, typeOf)));
      t = kinds.size === 1 ? ([...kinds][0] ?? 'unknown') : 'unknown';
      recordedTypes.set(name, t);
    }
    return t;
  };
  const typeOf = (series: string, job?: string): MetricType | undefined =>
    recorded(series) ? recordedType(series) : index.lookup(series, job)?.behavesAs;
  let suggest: ((series: string) => string[]) | undefined;
  const flowCache = new WeakMap<Expr, FlowTable>();
  const lenientCache = new WeakMap<Expr, FlowTable>();
  // A check asks for flows after the recorded series' labels are settled, so selector flows keep.
  const selectorFlows: SelectorFlows = new Map();
  const lenientSelectorFlows: SelectorFlows = new Map();
  const families = index.registries.flatMap((r) => r.families ?? []);
  return {
    active: index.registries.length > 0 || unknownMetric === 'error',
    unknownMetric,
    complete: unknownMetric === 'error',
    index,
    lookup: (s, job) => (recorded(s) ? undefined : index.lookup(s, job)),
    known: (s) => recorded(s) || index.has(s) || BUILTIN.has(s) || families.some((f) => s.startsWith(f)),
    isRecorded: recorded,
    recordedExprs: exprsOf,
    suggest: (s) => (suggest ??= suggester([...index.names(), ...[...rulesByName.keys()].filter(recorded)]))(s),
    labelsOf: (s, lenient = false, job) => (lenient ? lenientLabelsOf(s, job) : labelsOf(s, job)),
    typeOf,
    flows: (q, lenient = false) => {
      const root = q.result.expr;
      if (!root) return FlowTable.EMPTY;
      // Without registries the lenient view is the strict one: only registry series differ.
      const loose = lenient && index.registries.length > 0;
      const cache = loose ? lenientCache : flowCache;
      let f = cache.get(root);
      if (!f)
        cache.set(
          root,
          (f = loose
            ? labelFlows(root, lenientLabelsOf, lenientSelectorFlows, flowMemo)
            : labelFlows(root, labelsOf, selectorFlows, flowMemo)),
        );
      return f;
    },
  };
}
