/**
 * The map from a character of an expression to where the author wrote it in a TS module, through
 * escapes, line continuations, `${...}` substitutions and the `promql` tag's dedent: the build
 * (dsl/lint/locate.ts) and the editor place problems with it. Each case pins line:column and the
 * source character found there.
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../dsl/collect/line-index.ts';
import { literalIndex } from '../../dsl/collect/ts-literals.ts';
import { dedent } from '../../dsl/promql/template.ts';

interface Case {
  readonly name: string;
  /** The module's source lines. */
  readonly src: readonly string[];
  /** The expression as the build has it (the literal's value, substitutions filled in). */
  readonly value: string;
  /** The character of `value` asked about (its length: the end). */
  readonly at: string | number;
  /** 1-based line and column the answer must be, and the source text starting there. */
  readonly line: number;
  readonly column: number;
  readonly text: string;
  /** 1-based line of the call site the search starts from (default 1). */
  readonly from?: number;
}

const cases: Case[] = [
  {
    name: "a single-quoted string with \\' escapes",
    src: [`alert({ name: 'A', expr: 'up{job=\\'a\\'} == bogus' });`],
    value: "up{job='a'} == bogus",
    at: 'bogus',
    line: 1, column: 44, text: 'bogus',
  },
  {
    name: "the character of an escaped quote is its backslash",
    src: [`alert({ name: 'A', expr: 'up{job=\\'a\\'} == 0' });`],
    value: "up{job='a'} == 0",
    at: 7,
    line: 1, column: 34, text: "\\'a",
  },
  {
    name: 'a double-quoted string with \\" escapes',
    src: [`alert({ name: 'A', expr: "rate(x_total{code=\\"5..\\", job=\\"a\\"}[5m]) > x" });`],
    value: 'rate(x_total{code="5..", job="a"}[5m]) > x',
    at: 'job',
    line: 1, column: 54, text: 'job=\\"a',
  },
  {
    name: '\\n and \\t escapes',
    src: [`record({ name: 'r', expr: 'sum by (job) (\\n\\trate(x[5m])\\n)' });`],
    value: 'sum by (job) (\n\trate(x[5m])\n)',
    at: 'rate',
    line: 1, column: 46, text: 'rate(x',
  },
  {
    name: '\\u{...}, \\u.... and \\x.. escapes',
    src: [`alert({ expr: 'up{job="\\u{61}\\u0062\\x63"} == nope' });`],
    value: 'up{job="abc"} == nope',
    at: 'nope',
    line: 1, column: 46, text: 'nope',
  },
  {
    name: 'a line continuation adds nothing',
    src: [`alert({ expr: 'sum(rate(x[5m])) \\`, `> bad' });`],
    value: 'sum(rate(x[5m])) > bad',
    at: 'bad',
    line: 2, column: 3, text: "bad'",
  },
  {
    name: 'an untagged template with ${} substitutions: text after them',
    src: [`const job = 'api';`, 'alert({ expr: `rate(x_total{job="${job}", code=~"${codes.join(\'|\')}"}[5m]) > oops` });'],
    value: 'rate(x_total{job="api", code=~"500|503"}[5m]) > oops',
    at: 'oops',
    line: 2, column: 78, text: 'oops',
  },
  {
    name: 'a character inside a substitution is placed at its ${',
    src: [`const job = 'api';`, 'alert({ expr: `rate(x_total{job="${job}"}[5m])` });'],
    value: 'rate(x_total{job="api"}[5m])',
    at: 'pi',
    line: 2, column: 34, text: '${job}',
  },
  {
    name: 'a promql template over several lines: its dedent undone',
    src: [
      'alert({',
      '  expr: promql`',
      '    sum by (job) (',
      '      rate(x_total{job=${job}}[5m])',
      '    ) > nope',
      '  `,',
      '});',
    ],
    value: 'sum by (job) (\n  rate(x_total{job="api"}[5m])\n) > nope',
    at: 'nope',
    line: 5, column: 9, text: 'nope',
  },
  {
    name: 'a promql template with tabs and an escaped backtick',
    src: ['x = promql`', '\tfoo{a="\\`"} +', '\tbar`;'],
    value: 'foo{a="`"} +\nbar',
    at: 'bar',
    line: 3, column: 2, text: 'bar',
  },
  {
    name: 'the end of the expression is the closing quote',
    src: [`alert({ expr: 'sum(rate(x[5m])' });`],
    value: 'sum(rate(x[5m])',
    at: 15,
    line: 1, column: 31, text: "'",
  },
  {
    name: 'CRLF line ends',
    src: ['alert({ expr: promql`up\r', '  == no` });'],
    value: 'up\n  == no',
    at: 'no',
    line: 2, column: 6, text: 'no',
  },
  {
    name: 'literals before the call site are not it, nor a later one of another value',
    src: [`const e = 'up == zero';`, `alert({ name: 'Zero', expr: 'up == zero' }); x = 'up == zero';`],
    value: 'up == zero',
    at: 'zero',
    from: 2,
    line: 2, column: 36, text: "zero'",
  },
];

describe('literalIndex: where a character of an expression is written', () => {
  it.each(cases)('$name', (c) => {
    const source = c.src.join('\n');
    const lines = lineIndex(source);
    const index = literalIndex('alerts/x.ts', source);
    const offset = typeof c.at === 'number' ? c.at : c.value.indexOf(c.at);
    expect(offset).toBeGreaterThanOrEqual(0);
    // Start at the call (`alert(`/`record(`/`x =`) of the given line, as a rule's site does.
    const from = lines.offsetOf(c.from ?? 1, 1);
    const at = index.after(c.value, offset, from);
    expect(at).toBeDefined();
    expect(lines.pointAt(at!)).toEqual({ line: c.line, column: c.column });
    expect(source.slice(at!, at! + c.text.length)).toBe(c.text);
  });

  it('follows the promql tag\'s dedent exactly (what the tag builds is what is matched)', () => {
    const body = '\n\t  a +\n\t    b\n  ';
    const source = `x = promql\`${body}\`;`;
    const index = literalIndex('x.ts', source);
    const value = dedent(body);
    expect(index.after(value, value.indexOf('b'), 0)).toBe(source.indexOf('b'));
  });

  it('says nothing when no literal after the call site has the value', () => {
    const source = `alert({ expr: 'up == 1' });`;
    expect(literalIndex('x.ts', source).after('up == 2', 0, 0)).toBeUndefined();
    // A value built by code (`'up' + ' == 1'`) is not any one literal's.
    expect(literalIndex('x.ts', `alert({ expr: 'up' + ' == 1' });`).after('up == 1', 0, 0)).toBeUndefined();
  });

  it("prefers the call's own literal, the innermost call at the site", () => {
    const source = [
      `const dup = 'up{job=\\'a\\'} > 1';`,
      `ruleGroup({ rules: [alert({ expr: 'up{job=\\'a\\'} > 1' }), alert({ expr: 'x' })] });`,
    ].join('\n');
    const index = literalIndex('x.ts', source);
    const second = source.indexOf('alert(');
    // From the first alert's `alert`: its own literal, though the same value is written before it.
    expect(index.inCall("up{job='a'} > 1", 0, second)).toBe(source.indexOf("'up", second) + 1);
    // The second alert's call has no such literal; the rule group around both has, but is not the innermost.
    expect(index.inCall("up{job='a'} > 1", 0, source.indexOf('alert(', second + 1))).toBeUndefined();
    expect(index.inCall('x', 0, source.indexOf('alert(', second + 1))).toBe(source.lastIndexOf("'x'") + 1);
  });
});
