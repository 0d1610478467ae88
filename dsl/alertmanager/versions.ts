/**
 * Which fields exist in which Alertmanager release, for the fields the DSL writes. Sources: the
 * release notes and `config/config.go` / `config/notifiers.go` of prometheus/alertmanager (summary
 * in docs/alertmanager.md); 0.25 verified with Debian's amtool 0.25.
 */

/** The oldest release the DSL writes for: `matchers` (route and inhibit rule) arrived in 0.22. */
export const MIN_ALERTMANAGER = '0.22';
export const DEFAULT_ALERTMANAGER = '0.25';

/** Field (in the YAML's words) → first release that reads it. */
export const FIELD_SINCE: Readonly<Record<string, string>> = {
  'global.slack_api_url_file': '0.22',
  'slack_configs.api_url_file': '0.22',
  'global.opsgenie_api_key_file': '0.24',
  'opsgenie_configs.api_key_file': '0.24',
  'route.active_time_intervals': '0.24',
  time_intervals: '0.24',
  'time_intervals.location': '0.25',
  'global.smtp_auth_password_file': '0.25',
  'email_configs.auth_password_file': '0.25',
  'pagerduty_configs.routing_key_file': '0.25',
  'pagerduty_configs.service_key_file': '0.25',
  'webhook_configs.url_file': '0.26',
  msteams_configs: '0.26',
  'msteams_configs.webhook_url_file': '0.27',
};

/** `0.25` → [0, 25]; `0.25.1` → [0, 25, 1]; undefined when it is no version. */
export function parseVersion(v: string): number[] | undefined {
  return /^\d+(\.\d+){1,2}$/.test(v) ? v.split('.').map(Number) : undefined;
}

export function versionAtLeast(version: string, min: string): boolean {
  const a = parseVersion(version) ?? [];
  const b = parseVersion(min) ?? [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Whether the target release reads `field` (a key of FIELD_SINCE; unknown fields always exist). */
export function hasField(version: string, field: string): boolean {
  const since = FIELD_SINCE[field];
  return since === undefined || versionAtLeast(version, since);
}
