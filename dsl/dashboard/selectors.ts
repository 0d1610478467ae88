/** Label matchers for the helpers' generated queries. */
import { quoteString } from '../promql/strings.ts';

/** Label → regex value (may use variables, e.g. `$job`); every matcher is `=~`. */
export type Matchers = Readonly<Record<string, string>>;

/** `a=~"x", b=~"y"` in label order, plus any literal matchers given, e.g. `mode="idle"`. */
export function matcherList(m: Matchers, ...literal: string[]): string {
  const generated = Object.keys(m).sort().map((k) => `${k}=~${quoteString(m[k] ?? '')}`);
  return [...literal, ...generated].join(', ');
}

export function selector(metric: string, m: Matchers, ...literal: string[]): string {
  return `${metric}{${matcherList(m, ...literal)}}`;
}
