/**
 * Target labels Kubernetes service discovery relabelling commonly adds (kube-prometheus, the
 * Prometheus Operator's ServiceMonitors), and `cluster`, which multi-cluster setups add (relabelling
 * or external labels) and kubernetes-mixin's rules group by.
 */
export const KUBERNETES_TARGET_LABELS: readonly string[] = [
  'namespace',
  'pod',
  'container',
  'node',
  'service',
  'endpoint',
  'cluster',
];

/** What `obs.config.ts` may set. Every field is optional; `resolveConfig` fills the defaults. */
import type { Severity } from '../core/diagnostic.ts';

export type RuleOutput = 'prometheus' | 'prometheus-operator' | 'mimir';

export interface ObsConfig {
  /** The Prometheus the rules and queries are for. */
  readonly prometheus?: {
    /** Version such as '2.42' or '3.5' (default: the latest obs models). */
    readonly version?: string;
    /** `--enable-feature` flags of that server. */
    readonly features?: readonly string[];
  };
  /** Where generated files go (default 'out'). */
  readonly outDir?: string;
  /** Where authored definitions live, relative to the project root. */
  readonly paths?: {
    readonly alerts?: string;
    readonly recording?: string;
    readonly dashboards?: string;
    readonly slos?: string;
    readonly registry?: string;
    /** The Alertmanager configuration (default 'alertmanager'). */
    readonly alertmanager?: string;
  };
  /** The Alertmanager the routing in alertmanager/ is for. */
  readonly alertmanager?: {
    /** Release such as '0.25' (default '0.25', Debian 12's): it decides which fields exist. */
    readonly version?: string;
  };
  readonly rules?: {
    /** Rule file flavours to write (default ['prometheus']). */
    readonly outputs?: readonly RuleOutput[];
    /** For `prometheus-operator`: namespace and labels of the PrometheusRule objects. */
    readonly operator?: { readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
    /** For `mimir`: the ruler namespace (default: the module path). */
    readonly mimir?: { readonly namespace?: string };
  };
  readonly dashboards?: {
    /** 'classic' (default): the dashboard JSON model; 'v2': `dashboard.grafana.app/v2` resources. */
    readonly format?: 'classic' | 'v2';
    /** Where Grafana reads out/dashboards from, for the provisioning file (default /var/lib/grafana/dashboards). */
    readonly provisioningPath?: string;
  };
  /** Team conventions that every alert must follow. */
  readonly policy?: {
    /** Labels every alert must carry, with the allowed values (an empty list allows any value). */
    readonly requiredAlertLabels?: Readonly<Record<string, readonly string[]>>;
    /** Annotations every alert must carry. */
    readonly requiredAnnotations?: readonly string[];
    /** Alert names must match this regular expression (default: UpperCamelCase). */
    readonly alertNamePattern?: string;
  };
  /** The metric registries in registry/*.ts. */
  readonly registry?: {
    /**
     * 'suggest' (default): a metric that is a near miss of a registered one is an error, other
     * unknown metrics are warnings. 'error': every metric must be registered (or recorded by a rule),
     * which also applies when there is no registry at all.
     */
    readonly unknownMetric?: 'suggest' | 'error';
    /**
     * Labels your scrape configs add to targets by relabelling, per `job` ('*' for every job):
     * a matcher on one of them is no unknown label. Default: `{ '*': KUBERNETES_TARGET_LABELS }`
     * (namespace, pod, container, node, service, endpoint), what Kubernetes service discovery
     * relabelling (the Prometheus Operator's, kube-prometheus's) commonly adds; `{ '*': [] }` turns
     * them off.
     */
    readonly relabelledLabels?: Readonly<Record<string, readonly string[]>>;
  };
  /** Loading the definition modules. */
  readonly load?: {
    /**
     * Loading that takes longer than this fails the build with an error naming the modules still
     * loading (a Prometheus duration, default '60s'): raise it for modules that legitimately take long.
     */
    readonly timeout?: string;
  };
  readonly lint?: {
    /** Lowest severity that fails the build (default 'error'). */
    readonly failOn?: Severity;
    /** Per-check severity overrides, or 'off'. */
    readonly checks?: Readonly<Record<string, Severity | 'off'>>;
  };
}

export interface ResolvedConfig {
  readonly root: string;
  readonly prometheus: { readonly version: string; readonly features: readonly string[] };
  readonly outDir: string;
  readonly paths: {
    readonly alerts: string;
    readonly recording: string;
    readonly dashboards: string;
    readonly slos: string;
    readonly registry: string;
    readonly alertmanager: string;
  };
  readonly alertmanager: { readonly version: string };
  readonly rules: {
    readonly outputs: readonly RuleOutput[];
    readonly operator: { readonly namespace?: string; readonly labels: Readonly<Record<string, string>> };
    readonly mimir: { readonly namespace?: string };
  };
  readonly dashboards: { readonly format: 'classic' | 'v2'; readonly provisioningPath: string };
  readonly policy: {
    readonly requiredAlertLabels: Readonly<Record<string, readonly string[]>>;
    readonly requiredAnnotations: readonly string[];
    readonly alertNamePattern?: string;
  };
  readonly lint: { readonly failOn: Severity; readonly checks: Readonly<Record<string, Severity | 'off'>> };
  readonly registry: {
    readonly unknownMetric: 'suggest' | 'error';
    readonly relabelledLabels: Readonly<Record<string, readonly string[]>>;
  };
  readonly load: { readonly timeoutMs: number };
  /** The config file that was loaded, if any (relative to root). */
  readonly file?: string;
}
