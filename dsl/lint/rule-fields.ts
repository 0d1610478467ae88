/** The fields each definition kind has, shared by the checks that must agree on them. */
import type { Rule, RuleGroup } from '../rules/index.ts';

export const ALERT_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'site',
  'name',
  'expr',
  'for',
  'keepFiringFor',
  'labels',
  'annotations',
  'suppress',
]);
export const RECORD_FIELDS: ReadonlySet<string> = new Set(['kind', 'site', 'name', 'expr', 'labels', 'suppress']);
export const GROUP_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'site',
  'name',
  'interval',
  'limit',
  'queryOffset',
  'labels',
  'rules',
  'suppress',
]);

export function unknownFields(def: Rule | RuleGroup): string[] {
  const known = def.kind === 'alert' ? ALERT_FIELDS : def.kind === 'record' ? RECORD_FIELDS : GROUP_FIELDS;
  return Object.keys(def).filter((k) => !known.has(k));
}
