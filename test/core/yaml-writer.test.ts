/**
 * The fast block-YAML writer must produce byte for byte what the `yaml` package produces with the
 * options of stableYaml, or decline (undefined) so the caller falls back to the package. Text with
 * characters YAML does not keep verbatim is the exception: the writer escapes them (the package
 * writes some raw), and what it writes must read back to the very value, with none of them raw.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { needsEscapes, ownQuoting, writeBlockYaml } from '../../dsl/core/yaml-writer.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { REPO_ROOT } from '../helpers/fixture-project.ts';

const OPTIONS = {
  lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN',
  doubleQuotedAsJSON: true, aliasDuplicateObjects: false,
} as const;

function hasAwkwardText(v: unknown): boolean {
  if (typeof v === 'string') return ownQuoting(v);
  if (Array.isArray(v)) return v.some(hasAwkwardText);
  if (typeof v === 'object' && v !== null) return Object.entries(v).some(([k, x]) => ownQuoting(k) || hasAwkwardText(x));
  return false;
}

function agrees(value: unknown): 'fast' | 'declined' {
  const fast = writeBlockYaml(value);
  if (fast === undefined) return 'declined';
  if (hasAwkwardText(value)) {
    expect(parse(fast)).toEqual(value);
    expect(needsEscapes(fast.replace(/\n/g, '')), fast).toBe(false);
  } else {
    expect(fast).toBe(stringify(value, OPTIONS));
  }
  return 'fast';
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const TRICKY = [
  '', ' ', 'a', 'true', 'True', 'TRUE', 'false', 'null', 'Null', '~', 'yes', 'no', 'on', '0', '-1', '+1', '1.5', '.5', '1e3', '1.0e+3', '0x1F', '0o17', '.inf', '-.inf', '.nan',
  '5m', '1h30m', '99.9', '0.999', 'page', 'a b', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '- a', '-a', '-', '?', '? a', ':', 'a:', 'a ', ' a', '@a', '`a', '%a', '&a', '*a', '!a', '|a', '>a',
  '}a', '}', ']a', 'a}', '\ud800', 'a\udfffb', '😀', "'a'", '"a"', 'it\'s', 'say "hi"', 'it\'s "x"', '{a}', '[a]', 'a,b', 'a, b', '{{ $labels.job }} down', '{{ $value | humanizePercentage }}', 'p99 of {{ $labels.job }}',
  'up{job="api"} == 0', '{__name__=~"a.*"}', 'sum by (job) (rate(x[5m])) > 0.05', 'https://runbooks.example.com/a#b', 'a\tb', 'é ü 日本', '---', '--- a', '...', 'a\u2028b', 'a\u0085b', 'a\u007fb',
  'line1\nline2', 'line1\n\nline3', 'line1\n  indented\nline3', ' lead\nx', 'x\ntrail ', 'x\n', 'x\n\n', '\nx', 'a: b\nc #d', 'x\n   \ny', '--- a\nb', 'a\n---\nb', '"q"\nx', "'q'\nx", '# c\nx', 'a\r\nb',
];

describe('writeBlockYaml is byte-identical to yaml.stringify', () => {
  it('on every rule, test and provisioning file in out/', () => {
    const files = yamlFiles(join(REPO_ROOT, 'out'));
    expect(files.length).toBeGreaterThan(5);
    let fast = 0;
    for (const f of files) {
      const doc: unknown = parse(readFileSync(f, 'utf8'));
      if (agrees(doc) === 'fast') fast++;
    }
    // The writer must actually take the emitted shapes, not decline them all.
    expect(fast).toBe(files.length);
  });

  it.each(TRICKY.map((s) => [JSON.stringify(s), s]))('on the string %s as a value, a list item and a key', (_, s) => {
    agrees({ k: s });
    agrees({ groups: [{ name: 'g', rules: [{ alert: 'A', expr: s, labels: { [s]: s } }] }] });
    agrees([s, { a: [s] }]);
    agrees({ [s]: { b: s } });
  });

  it('on 3,000 random documents built from those strings, numbers, booleans, nulls, maps and lists', () => {
    const rnd = mulberry32(20261126);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.45) return pick<unknown>([...TRICKY, 0, -0, 1, 2.5, -3, 1e21, 1e-7, 42, true, false, null, undefined]);
      if (r < 0.75) {
        const m: Record<string, unknown> = {};
        for (let i = Math.floor(rnd() * 4); i > 0; i--) m[pick(TRICKY.filter((t) => !t.includes('\n')))] = value(depth + 1);
        return m;
      }
      return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    };
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const doc = { root: value(0), list: [value(1), value(1)] };
      if (agrees(doc) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(300);
  });
});
