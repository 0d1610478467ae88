/**
 * The variables every service dashboard repeats: a data source picker, an optional tenant-like label
 * (namespace, cluster, tenant), `job` and `instance`, each one filtered by the ones before it.
 */
import { selector } from './selectors.ts';
import { datasourceVariable, labelValues, queryVariable } from './variables.ts';
import type { Variable } from './types.ts';

export interface MultiChoice {
  readonly multi?: boolean;
  readonly includeAll?: boolean;
  readonly allValue?: string;
  /** The value(s) selected when the dashboard opens. */
  readonly default?: string | readonly string[];
  /** Keep only the values this regex matches (Grafana's variable regex, slashes included). */
  readonly regex?: string;
}

export interface StandardVariablesOptions {
  /**
   * The series whose labels list the jobs and instances (default `up`), or a selector of them
   * (`up{job=~"shop-.+"}`) when the data source holds other teams' jobs too.
   */
  readonly metric?: string;
  /** Data source plugin (default `prometheus`) and the name of the one selected by default. */
  readonly datasource?: { readonly plugin?: string; readonly default?: string; readonly name?: string };
  /** A label selected before job, e.g. `{ label: 'namespace' }`. */
  readonly tenant?: MultiChoice & { readonly label: string; readonly name?: string };
  /** Single-select by default. */
  readonly job?: MultiChoice;
  /** Multi-select with All by default. */
  readonly instance?: MultiChoice | false;
}

/** `name{matchers}` → the name and its matchers, so the chained filters join the author's. */
function splitSelector(metric: string): { readonly name: string; readonly matchers: string[] } {
  const m = /^([^{]*)\{(.*)\}\s*$/s.exec(metric.trim());
  if (!m) return { name: metric, matchers: [] };
  const inner = (m[2] ?? '').trim().replace(/,\s*$/, '');
  return { name: (m[1] ?? '').trim(), matchers: inner ? [inner] : [] };
}

export function standardVariables(opts: StandardVariablesOptions = {}): Variable[] {
  const metric = opts.metric ?? 'up';
  const { name, matchers } = splitSelector(metric);
  const select = (filters: Record<string, string>): string => selector(name, filters, ...matchers);
  const out: Variable[] = [
    datasourceVariable({
      name: opts.datasource?.name ?? 'datasource',
      label: 'Data source',
      plugin: opts.datasource?.plugin ?? 'prometheus',
      ...(opts.datasource?.default ? { default: opts.datasource.default } : {}),
    }),
  ];
  const filters: Record<string, string> = {};
  if (opts.tenant) {
    const { label, name = opts.tenant.label, ...choice } = opts.tenant;
    out.push(queryVariable({ name, label, query: labelValues(label, metric), sort: 'alpha', ...choice }));
    filters[label] = `$${name}`;
  }
  out.push(
    queryVariable({
      name: 'job',
      label: 'Job',
      sort: 'alpha',
      ...opts.job,
      query: labelValues('job', Object.keys(filters).length ? select(filters) : metric),
    }),
  );
  filters.job = '$job';
  if (opts.instance !== false) {
    out.push(
      queryVariable({
        name: 'instance',
        label: 'Instance',
        sort: 'natural',
        multi: true,
        includeAll: true,
        allValue: '.+',
        ...opts.instance,
        query: labelValues('instance', select(filters)),
      }),
    );
  }
  return out;
}
