/**
 * Whether two rule expressions can produce a series with the same labels: a label both results
 * keep, whose values each side's matchers confine to sets that do not meet (`code=~"5.."` and
 * `code=~"4.."`), keeps them apart. Only what is sure counts: a regex is compared through the
 * literal prefix of each top-level alternative, a value with RE2 (the matcher's own semantics).
 */
import { compileMatcherRegex, literalOf } from '../../../promql/regex.ts';
import type { Target } from '../../../promql/target.ts';
import type { Analysis } from '../../../promql/analyze.ts';

/** The values a matcher admits: exact values, or value prefixes of a regex (with the regex itself). */
export interface ValueSet {
  readonly exact: readonly string[];
  readonly prefixes: readonly string[];
  readonly matches?: (v: string) => boolean;
}

function topLevelAlternatives(re: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      out.push(re.slice(start, i));
      start = i + 1;
    }
  }
  out.push(re.slice(start));
  return depth === 0 ? out : undefined;
}

/** The literal characters a regex alternative must start with ('' when it could start with anything). */
function literalPrefix(alt: string): string {
  let out = '';
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i] ?? '';
    const next = alt[i + 1] ?? '';
    // A quantified character is not required.
    if ('?*{'.includes(c === '\\' ? (alt[i + 2] ?? '') : next)) return out;
    if (c === '\\') {
      if (next === '' || /[a-zA-Z0-9]/.test(next)) return out;
      out += next;
      i++;
    } else if ('.*+?()[]{}|^$'.includes(c)) return out;
    else out += c;
  }
  return out;
}

export function valueSet(op: string, value: string, target: Target): ValueSet | undefined {
  if (op === '=') return { exact: [value], prefixes: [] };
  if (op !== '=~') return undefined;
  const compiled = compileMatcherRegex(value, target);
  if (!compiled.ok) return undefined;
  const alts = topLevelAlternatives(value) ?? [value];
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const a of alts) {
    const lit = literalOf(a);
    if (lit !== undefined) exact.push(lit);
    else prefixes.push(literalPrefix(a));
  }
  return { exact, prefixes, matches: compiled.regex.matches };
}

function disjointSets(a: ValueSet, b: ValueSet): boolean {
  for (const x of a.exact) if (b.exact.includes(x) || (b.prefixes.length && (b.matches?.(x) ?? true))) return false;
  for (const y of b.exact) if (a.prefixes.length && (a.matches?.(y) ?? true)) return false;
  for (const p of a.prefixes) for (const q of b.prefixes) if (p.startsWith(q) || q.startsWith(p)) return false;
  return true;
}

/**
 * Per label, the value sets of an expression's selectors, for the labels every selector of it
 * confines (a selector without a matcher on the label admits any value).
 */
export function confinedLabels(analysis: Analysis, target: Target): Map<string, ValueSet[]> {
  const out = new Map<string, ValueSet[]>();
  const selectors = analysis.selectors;
  if (selectors.length === 0) return out;
  const names = new Set(selectors[0]!.matchers.map((m) => m.name));
  for (const name of names) {
    if (name === '__name__') continue;
    const sets: ValueSet[] = [];
    for (const s of selectors) {
      const ms = s.matchers
        .filter((m) => m.name === name)
        .map((m) => valueSet(m.op, m.value, target))
        .filter((v): v is ValueSet => v !== undefined);
      // Several matchers on one label: any one of them confines it.
      if (ms.length === 0) break;
      sets.push(ms[0]!);
    }
    if (sets.length === selectors.length) out.set(name, sets);
  }
  return out;
}

/** Whether the two expressions' results are apart on `label`: every value set of one misses every one of the other. */
export function disjointOn(a: readonly ValueSet[], b: readonly ValueSet[]): boolean {
  return a.every((x) => b.every((y) => disjointSets(x, y)));
}
