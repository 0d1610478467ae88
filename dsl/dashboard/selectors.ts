/** Label matchers for the helpers' generated queries. */
import { literalOf } from '../promql/regex.ts';
import { quoteString } from '../promql/strings.ts';

/**
 * Label → value: a pattern or a variable (`$job`) is matched with `=~`, a plain string with `=`
 * (`{ job: 'node-exporter' }` is `job="node-exporter"`: regex-equality would flag `=~` on it).
 */
export type Matchers = Readonly<Record<string, string>>;

/** `a="x", b=~"y.+"` in label order, after any literal matchers given, e.g. `mode="idle"`. */
export function matcherList(m: Matchers, ...literal: string[]): string {
  const generated = Object.keys(m)
    .sort()
    .map((k) => {
      const value = m[k] ?? '';
      const plain = literalOf(value);
      return plain !== undefined ? `${k}=${quoteString(plain)}` : `${k}=~${quoteString(value)}`;
    });
  return [...literal, ...generated].join(', ');
}

export function selector(metric: string, m: Matchers, ...literal: string[]): string {
  return `${metric}{${matcherList(m, ...literal)}}`;
}
