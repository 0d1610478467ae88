/**
 * Factories stamp the kind and the author's call site and freeze; the build's checks validate, so
 * every problem of a run is reported at once at its TS line.
 */
import { captureCallSite } from '../core/call-site.ts';
import type {
  AlertmanagerConfig,
  AlertmanagerConfigSpec,
  InhibitRule,
  InhibitRuleSpec,
  NotificationTemplate,
  NotificationTemplateSpec,
  Receiver,
  ReceiverSpec,
  Route,
  RouteSpec,
  RoutingTest,
  RoutingTestSpec,
  SecretFile,
  SecretPlaceholder,
  TimeInterval,
  TimeIntervalSpec,
} from './types.ts';

function stamp<K extends string, S extends object>(
  kind: K,
  spec: S,
): S & { kind: K; site?: ReturnType<typeof captureCallSite> } {
  const site = captureCallSite();
  return Object.freeze({ ...spec, kind, ...(site ? { site } : {}) });
}

/** The whole Alertmanager configuration: one per project, in the alertmanager/ folder. */
export function alertmanagerConfig(spec: AlertmanagerConfigSpec): AlertmanagerConfig {
  return stamp('alertmanager-config', spec);
}

/** A node of the route tree. */
export function route(spec: RouteSpec): Route {
  return stamp('am-route', spec);
}

/** A named set of notification integrations. */
export function receiver(spec: ReceiverSpec): Receiver {
  return stamp('am-receiver', spec);
}

export function inhibitRule(spec: InhibitRuleSpec): InhibitRule {
  return stamp('am-inhibit-rule', spec);
}

export function timeInterval(spec: TimeIntervalSpec): TimeInterval {
  return stamp('am-time-interval', spec);
}

export function notificationTemplate(spec: NotificationTemplateSpec): NotificationTemplate {
  return stamp('am-template', spec);
}

/** A routing test: these alert labels reach exactly these receivers. */
export function routingTest(spec: RoutingTestSpec): RoutingTest {
  return stamp('am-routing-test', spec);
}

/** A secret Alertmanager reads from a file on its host (the `*_file` fields). */
export function secretFile(path: string): SecretFile {
  return stamp('secret-file', { path });
}

/** A secret the deployment substitutes: written as `${NAME}` (e.g. for envsubst). */
export function secretPlaceholder(name: string): SecretPlaceholder {
  return stamp('secret-placeholder', { name });
}

export function isAlertmanagerConfig(v: unknown): v is AlertmanagerConfig {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'alertmanager-config';
}

export function isSecret(v: unknown): v is SecretFile | SecretPlaceholder {
  const k = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return k === 'secret-file' || k === 'secret-placeholder';
}

export function receiverName(r: Receiver | string | undefined): string | undefined {
  return typeof r === 'string' ? r : r?.name;
}

export function intervalName(t: TimeInterval | string): string {
  return typeof t === 'string' ? t : t.name;
}
