/**
 * The Prometheus the expressions are meant for. The verdict on an expression depends on it: functions
 * come and go, Prometheus 3 accepts `foo[300]` and quoted UTF-8 names, experimental syntax needs a flag.
 */
import { FUNCTION_ROWS, type FunctionSignature } from './function-table.ts';

/** Feature flags of `--enable-feature` that change what the PromQL parser accepts. */
export type PromQLFeature =
  | 'promql-experimental-functions'
  | 'promql-duration-expr'
  | 'promql-extended-range-selectors'
  | 'promql-binop-fill-modifiers';

export interface Target {
  readonly major: number;
  readonly minor: number;
  readonly features: ReadonlySet<PromQLFeature>;
}

/** Oldest and newest versions whose grammar and function set we model. */
export const OLDEST_VERSION = '2.42';
export const LATEST_VERSION = '3.15';
export const DEFAULT_VERSION = LATEST_VERSION;

const ALL_FEATURES: readonly PromQLFeature[] = [
  'promql-experimental-functions',
  'promql-duration-expr',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
];

export function isPromQLFeature(s: string): s is PromQLFeature {
  return (ALL_FEATURES as readonly string[]).includes(s);
}

export type TargetResult = { ok: true; target: Target } | { ok: false; error: string };

/** Parses `2.42`, `v3.5.1`, `3` into a target; rejects versions we do not model. */
export function parseTarget(version: string = DEFAULT_VERSION, features: readonly string[] = []): TargetResult {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(version.trim());
  if (!m)
    return {
      ok: false,
      error: `invalid Prometheus version ${JSON.stringify(version)}: expected MAJOR.MINOR such as 2.42 or 3.5`,
    };
  const major = Number(m[1]);
  const minor = m[2] === undefined ? (major === 3 ? Number(LATEST_VERSION.split('.')[1]) : 0) : Number(m[2]);
  const t: [number, number] = [major, minor];
  if (compareVersion(t, [2, 42]) < 0 || compareVersion(t, [3, 15]) > 0) {
    return {
      ok: false,
      error: `unsupported Prometheus version ${version}: supported are ${OLDEST_VERSION} to ${LATEST_VERSION}`,
    };
  }
  const unknown = features.filter((f) => !isPromQLFeature(f));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `unknown feature flag ${JSON.stringify(unknown[0])}: known are ${ALL_FEATURES.join(', ')}`,
    };
  }
  return { ok: true, target: { major, minor, features: new Set(features.filter(isPromQLFeature)) } };
}

export function mustParseTarget(version?: string, features: readonly string[] = []): Target {
  const r = parseTarget(version, features);
  if (!r.ok) throw new Error(r.error);
  return r.target;
}

export function compareVersion(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

export function atLeast(target: Target, major: number, minor: number): boolean {
  return compareVersion([target.major, target.minor], [major, minor]) >= 0;
}

export function formatTarget(target: Target): string {
  return `${target.major}.${target.minor}`;
}

/** Prometheus 3 changed the lexer and grammar (numeric durations, quoted names, duration arithmetic). */
export function isV3(target: Target): boolean {
  return target.major >= 3;
}

const byName = new Map<string, FunctionSignature[]>();
for (const row of FUNCTION_ROWS) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);

/** The function as the target version defines it, or undefined when that version has no such function. */
export function lookupFunction(name: string, target: Target): FunctionSignature | undefined {
  const v: [number, number] = [target.major, target.minor];
  return byName
    .get(name)
    ?.find((r) => compareVersion(v, r.since) >= 0 && (r.until === undefined || compareVersion(v, r.until) < 0));
}

export function functionNames(target: Target): string[] {
  return [...byName.keys()].filter((n) => lookupFunction(n, target) !== undefined).sort();
}
