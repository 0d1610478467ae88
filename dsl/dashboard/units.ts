/**
 * Panel units, typed from the foundation SDK's unit constants: `unit: 'reqps'` compiles,
 * `unit: 'reqpz'` does not. Grafana's parameterised units (`suffix:req`, `currency:EUR`, ...) are
 * accepted by their prefix.
 */
import * as sdkUnits from '@grafana/grafana-foundation-sdk/units';

// The CommonJS namespace also carries `default` (the module object): keep only the string constants.
type SdkUnit = Extract<(typeof sdkUnits)[keyof typeof sdkUnits], string>;

/** Prefixes Grafana's value formatter parses itself (`getValueFormat`). */
export const UNIT_PREFIXES = ['suffix', 'prefix', 'si', 'count', 'currency', 'time'] as const;
export type ParameterisedUnit = `${(typeof UNIT_PREFIXES)[number]}:${string}`;

export type Unit = SdkUnit | ParameterisedUnit;

const KNOWN: ReadonlySet<string> = new Set(Object.values(sdkUnits).filter((v): v is SdkUnit => typeof v === 'string'));

/** Is this a unit Grafana knows (checks units that reached us untyped, e.g. through `extra`)? */
export function isKnownUnit(unit: string): boolean {
  if (KNOWN.has(unit)) return true;
  const colon = unit.indexOf(':');
  return colon > 0 && colon < unit.length - 1 && (UNIT_PREFIXES as readonly string[]).includes(unit.slice(0, colon));
}

export function knownUnits(): readonly string[] {
  return [...KNOWN].sort();
}
