/**
 * Panel units, typed from the foundation SDK's unit constants: `unit: 'reqps'` compiles,
 * `unit: 'reqpz'` does not. Grafana's parameterised units (`suffix:req`, `currency:EUR`, ...) are
 * accepted by their prefix.
 */
import { createRequire } from 'node:module';
import type * as sdkUnits from '@grafana/grafana-foundation-sdk/units';

// The CommonJS namespace also carries `default` (the module object): keep only the string constants.
type SdkUnit = Extract<(typeof sdkUnits)[keyof typeof sdkUnits], string>;

/** Prefixes Grafana's value formatter parses itself (`getValueFormat`). */
export const UNIT_PREFIXES = ['suffix', 'prefix', 'si', 'count', 'currency', 'time'] as const;
export type ParameterisedUnit = `${(typeof UNIT_PREFIXES)[number]}:${string}`;

export type Unit = SdkUnit | ParameterisedUnit;

// The SDK's constants, read when a unit is first checked: the module is large, and linting rule
// files (no panel, no unit) should not load it at start-up. A constant, not state: loaded once.
let known: ReadonlySet<string> | undefined;
function knownSet(): ReadonlySet<string> {
  known ??= new Set(
    Object.values(
      createRequire(import.meta.url)('@grafana/grafana-foundation-sdk/units') as Record<string, unknown>,
    ).filter((v): v is SdkUnit => typeof v === 'string'),
  );
  return known;
}

/** Is this a unit Grafana knows (checks units that reached us untyped, e.g. through `extra`)? */
export function isKnownUnit(unit: string): boolean {
  if (knownSet().has(unit)) return true;
  const colon = unit.indexOf(':');
  return colon > 0 && colon < unit.length - 1 && (UNIT_PREFIXES as readonly string[]).includes(unit.slice(0, colon));
}

export function knownUnits(): readonly string[] {
  return [...knownSet()].sort();
}
