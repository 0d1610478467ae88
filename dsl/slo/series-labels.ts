/**
 * Label sets for made-up test series: ones a selector's matchers select, and ones that a second
 * selector does not (a request that is counted in the total but is not an error). An absent label
 * is the empty value, as in Prometheus.
 */
import { resolveTarget } from '../promql/index.ts';
import { compileMatcherRegex } from '../promql/regex.ts';
import { regexExample } from './regex-example.ts';
import type { Matcher } from './selector.ts';

export type Labels = Readonly<Record<string, string>>;

/** Tried when the matchers name no value: realistic first (a status code, a method), then neutral. */
const FALLBACKS = ['200', '500', 'GET', 'ok', 'obs-test', '0', 'x'];

export function matches(m: Matcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  const re = compileMatcherRegex(m.value, resolveTarget(undefined));
  if (!re.ok) return false;
  return m.op === '=~' ? re.regex.matches(value) : !re.regex.matches(value);
}

export function selects(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => matches(m, labels[m.name] ?? ''));
}

function candidates(onLabel: readonly Matcher[]): string[] {
  const out: string[] = [];
  for (const m of onLabel) {
    if (m.op === '=') out.push(m.value);
    if (m.op === '=~') {
      const ex = regexExample(m.value);
      if (ex !== undefined) out.push(ex);
    }
  }
  return [...out, '', ...FALLBACKS];
}

/** A value for one label that all `keep` matchers accept and (when given) `reject` does not. */
function valueFor(keep: readonly Matcher[], reject?: Matcher): string | undefined {
  const pool = reject ? [...FALLBACKS, ...candidates(keep)] : candidates(keep);
  return pool.find((v) => keep.every((m) => matches(m, v)) && (!reject || !matches(reject, v)));
}

/** Labels that every matcher accepts, or undefined when no value is found for some label. */
export function satisfying(matchers: readonly Matcher[], base: Labels = {}): Labels | undefined {
  const out: Record<string, string> = { ...base };
  const names = [...new Set(matchers.map((m) => m.name))].filter((n) => !(n in base));
  for (const name of names) {
    const v = valueFor(matchers.filter((m) => m.name === name));
    if (v === undefined) return undefined;
    if (v !== '') out[name] = v;
  }
  return selects(matchers, out) ? out : undefined;
}

/** Labels that `keep` selects and `reject` does not, or undefined. */
export function satisfyingNot(
  keep: readonly Matcher[],
  reject: readonly Matcher[],
  base: Labels = {},
): Labels | undefined {
  for (const r of reject) {
    if (r.name in base) continue;
    const v = valueFor(
      keep.filter((m) => m.name === r.name),
      r,
    );
    if (v === undefined) continue;
    const labels = satisfying(
      keep.filter((m) => m.name !== r.name),
      v === '' ? base : { ...base, [r.name]: v },
    );
    if (labels && selects(keep, labels) && !selects(reject, labels)) return labels;
  }
  return undefined;
}
