/**
 * Positions inside YAML strings: every character of a parsed string value maps back to where it
 * stands in the YAML source, in every scalar style (plain and quoted, multi-line, block `|` and
 * `>` with chomping), so an error at offset N of an expression is reported at the right line:column.
 */
import { parseDocument, Scalar, stringify, isScalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scalarOffsets, type ScalarStyle } from '../../dsl/collect/yaml-scalar.ts';

function offsetsOf(src: string, path: string[]): { value: string; offsets: number[] | undefined; style: string } {
  const doc = parseDocument(src, { schema: 'failsafe' });
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) throw new Error('not a scalar');
  const value = String(node.value);
  return { value, style: String(node.type), offsets: scalarOffsets(src, node.type as ScalarStyle, node.range[0], node.range[1], value) };
}

/** Each character that is written as itself in the source maps to that character. */
function expectExact(src: string, path: string[]): void {
  const { value, offsets, style } = offsetsOf(src, path);
  expect(offsets, `${style} decoded`).toBeDefined();
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === ' ' || c === '\n' || c === "'" || c === '"' || c === '\\') continue;
    // An escape (`\t`, `\u00e9`) stands for its character: it maps to the backslash.
    if (src[offsets?.[i] ?? -1] === '\\' && style === 'QUOTE_DOUBLE') continue;
    expect(src[offsets?.[i] ?? -1], `${style}: character ${i} ${JSON.stringify(c)}`).toBe(c);
  }
}

const EXPRS = [
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05',
  'sum by (job) (\n  rate(x[5m])\n)\n  / on (job)\nsum(y) > 1',
  'a\n\n\nb  and  c\n  more\n    indented\nend',
  "label_replace(up, 'x', '$1', 'instance', '(.*):.*')",
  'x\ty # tab',
  'unicode{name="Grüße 😀"} > 1',
  '   leading spaces',
];

describe('YAML scalar positions', () => {
  for (const [i, expr] of EXPRS.entries()) {
    for (const style of ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const) {
      it(`expression ${i} written as ${style}`, () => {
        const s = new Scalar(expr);
        s.type = style;
        const src = stringify({ groups: [{ name: 'g', rules: [{ alert: 'A', expr: s }] }] }, { lineWidth: 20, minContentWidth: 10 });
        const { value } = offsetsOf(src, ['groups', '0', 'rules', '0', 'expr']);
        // The yaml printer cannot write leading spaces as a folded scalar; nothing to map then.
        if (style === 'BLOCK_FOLDED' && expr.startsWith(' ')) return;
        expect(value).toBe(expr);
        expectExact(src, ['groups', '0', 'rules', '0', 'expr']);
      });
    }
  }

  it('handles hand-written forms: chomping, folded more-indented lines, escaped line breaks, CRLF', () => {
    const cases = [
      'expr: |-\n  sum(x)\n    > 1\n',
      'expr: |+\n  sum(x)\n\n',
      'expr: >-\n  sum by (job)\n  (rate(x[5m]))\n\n  and\n    more indented\n  back\n',
      'expr: "sum(\\\n    rate(x[5m]))\\t> 1 \\"q\\" \\u00e9"\n',
      "expr: 'it''s\n  folded\n\n  twice'\n",
      'expr: plain\n  continued   here\n\n  and here # comment\n',
      'expr: |\r\n  sum(x)\r\n    > 1\r\n',
      'expr: |2\n    indented\n  by two\n',
      'a:\n  expr: >\n    deep\n    fold\n',
    ];
    for (const src of cases) expectExact(src, src.startsWith('a:') ? ['a', 'expr'] : ['expr']);
  });

  it('refuses (undefined) rather than guess when the source does not decode to the value', () => {
    expect(scalarOffsets('expr: abc\n', 'PLAIN', 6, 9, 'abd')).toBeUndefined();
  });
});
