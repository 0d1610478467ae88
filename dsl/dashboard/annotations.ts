/** Annotation queries: events drawn on every time series panel (deploys, firing alerts, ...). */
import { quoteString } from '../promql/strings.ts';
import type { Color } from './colors.ts';
import { authorSite, stamp, stampAt } from './stamp.ts';
import type { Annotation, DatasourceRef, PrometheusAnnotationSpec } from './types.ts';

export function prometheusAnnotation(spec: PrometheusAnnotationSpec): Annotation {
  return stamp('annotation', spec);
}

/** An alert: a name, or an `alert({...})` definition (anything with `kind: 'alert'` and a name). */
export type AlertRef = string | { readonly kind: 'alert'; readonly name: string };

/** A rule group (`ruleGroup({...})`): its alerting rules. */
export interface AlertGroupRef {
  readonly kind: 'rule-group';
  readonly rules: readonly { readonly kind: string; readonly name: string }[];
}

export interface AlertAnnotationSpec {
  readonly name?: string;
  /** Which alerts; default every alert. */
  readonly alerts?: readonly (AlertRef | AlertGroupRef)[];
  readonly color?: Color;
  readonly datasource?: DatasourceRef;
}

function alertNames(refs: readonly (AlertRef | AlertGroupRef)[]): string[] {
  const names = refs.flatMap((r) =>
    typeof r === 'string'
      ? [r]
      : r.kind === 'alert'
        ? [r.name]
        : r.rules.filter((x) => x.kind === 'alert').map((x) => x.name),
  );
  return [...new Set(names)].sort();
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Firing alerts (Prometheus's `ALERTS` series) as events, titled by alert name, tagged by severity. */
export function alertAnnotation(spec: AlertAnnotationSpec = {}): Annotation {
  const site = authorSite();
  const names = spec.alerts ? alertNames(spec.alerts) : [];
  // A plain string, not a promql`` template: its site is the author's call, where no template is.
  const expr = names.length
    ? `ALERTS{alertstate="firing", alertname=~${quoteString(names.map(escapeRegex).join('|'))}}`
    : 'ALERTS{alertstate="firing"}';
  return stampAt(site, 'annotation', {
    name: spec.name ?? 'Alerts',
    expr,
    title: '{{alertname}}',
    text: '{{alertname}} is firing',
    tags: ['severity'],
    color: spec.color ?? 'red',
    step: '1m',
    ...(spec.datasource ? { datasource: spec.datasource } : {}),
  });
}
