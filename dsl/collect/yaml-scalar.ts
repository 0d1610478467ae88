/**
 * Where each character of a YAML string value stands in the YAML source. The `yaml` package gives
 * a scalar's source range but not how folding, escapes and indentation moved its characters, so an
 * error at offset 40 of a multi-line `expr: |` would land on the wrong line. This re-decodes the
 * scalar's source the way YAML 1.2 does, recording the source offset of every decoded character,
 * and keeps the result only if it decodes to exactly the value the parser produced.
 */

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface Decoded {
  text: string;
  offsets: number[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Lines of [start, end) as [lineStart, lineEnd) pairs, the end before any `\r\n`/`\n`. */
function linesOf(src: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let s = start;
  for (;;) {
    let nl = src.indexOf('\n', s);
    if (nl < 0 || nl >= end) nl = end;
    const e = nl > s && src[nl - 1] === '\r' && nl < end ? nl - 1 : nl;
    out.push([s, e]);
    if (nl >= end) return out;
    s = nl + 1;
  }
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

export function decodeFlow(src: string, start: number, end: number, style: ScalarStyle): Decoded {
  const quoted = style !== 'PLAIN';
  const lines = linesOf(src, quoted ? start + 1 : start, quoted ? end - 1 : end);
  // The text is built by runs (slices of the source); the offsets one per UTF-16 unit.
  let text = '';
  const offsets: number[] = [];
  const emit = (s: string, at: number): void => {
    text += s;
    for (let k = 0; k < s.length; k++) offsets.push(at);
  };
  /** The source's characters [from, to) as they are. */
  const copy = (from: number, to: number): void => {
    text += src.slice(from, to);
    for (let k = from; k < to; k++) offsets.push(k);
  };
  // The one character that is not itself in a line of this style (a quote doubled, an escape).
  const special = style === 'QUOTE_SINGLE' ? "'" : style === 'QUOTE_DOUBLE' ? '\\' : '';
  let empties: number[] = [];
  let prevBreak = -1;
  let escapedBreak = false;
  const last = lines.length - 1;
  lines.forEach(([ls, le], li) => {
    let a = ls;
    if (li > 0) while (a < le && isBlank(src[a])) a++;
    if (li > 0 && li < last && a >= le) {
      empties.push(ls);
      return;
    }
    if (li > 0 && !escapedBreak) {
      if (empties.length === 0) emit(' ', prevBreak);
      else for (const e of empties) emit('\n', e);
    }
    empties = [];
    let b = le;
    escapedBreak = false;
    if (li < last) {
      if (style === 'QUOTE_DOUBLE' && trailingBackslashes(src, a, le) % 2 === 1) {
        escapedBreak = true;
        b = le - 1;
      } else while (b > a && isBlank(src[b - 1])) b--;
    }
    for (let i = a; i < b; i++) {
      const next = special ? src.indexOf(special, i) : -1;
      if (next < 0 || next >= b) {
        copy(i, b);
        break;
      }
      copy(i, next);
      i = next;
      if (style === 'QUOTE_SINGLE') {
        // A doubled quote is one quote (a lone one cannot be inside the scalar).
        emit("'", i);
        if (src[i + 1] === "'") i++;
      } else {
        const k = src[i + 1] ?? '';
        const simple = SIMPLE_ESCAPES[k];
        const hex = HEX_ESCAPES[k];
        if (simple !== undefined) emit(simple, i);
        else if (hex !== undefined) {
          emit(String.fromCodePoint(parseInt(src.slice(i + 2, i + 2 + hex), 16)), i);
          i += hex;
        } else emit(k, i);
        i++;
      }
    }
    prevBreak = le;
  });
  return { text, offsets };
}

function trailingBackslashes(src: string, from: number, to: number): number {
  let n = 0;
  while (to - n - 1 >= from && src[to - n - 1] === '\\') n++;
  return n;
}

/** The content lines of a block scalar and the indentation of its first non-empty line (-1: none). */
function blockLines(
  src: string,
  start: number,
  end: number,
): { lines: [number, number][]; firstIndent: number; explicit: boolean } {
  const headerEnd = src.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { lines: [], firstIndent: -1, explicit: false };
  const explicit = /^[|>][+-]?[1-9]/.test(src.slice(start, start + 3));
  const lines = linesOf(src, headerEnd + 1, end);
  for (const [ls, le] of lines) {
    let a = ls;
    while (a < le && src[a] === ' ') a++;
    if (a < le) return { lines, firstIndent: a - ls, explicit };
  }
  return { lines, firstIndent: -1, explicit };
}

function decodeBlock(src: string, lines: readonly [number, number][], indent: number, folded: boolean): Decoded {
  if (indent < 0) return { text: '', offsets: [] };
  const out: string[] = [];
  const offsets: number[] = [];
  let empties: number[] = [];
  let prev: { more: boolean; end: number } | undefined;
  for (const [ls, le] of lines) {
    const a = ls + indent;
    if (a >= le) {
      empties.push(ls);
      continue;
    }
    const more = isBlank(src[a]);
    if (prev) {
      if (folded && !more && !prev.more && empties.length === 0) {
        out.push(' ');
        offsets.push(prev.end);
      } else {
        // The break ending the previous line folds away between two normal lines of folded text.
        const breaks = folded && !more && !prev.more ? empties : [prev.end, ...empties];
        for (const e of breaks) {
          out.push('\n');
          offsets.push(e);
        }
      }
    } else {
      for (const e of empties) {
        out.push('\n');
        offsets.push(e);
      }
    }
    empties = [];
    for (let i = a; i < le; i++) {
      out.push(src[i] as string);
      offsets.push(i);
    }
    prev = { more, end: le };
  }
  return { text: out.join(''), offsets };
}

/** The text of a block scalar's content lines (without the final line break chomping adds). */
export function decodeBlockText(
  src: string,
  lines: readonly [number, number][],
  indent: number,
  folded: boolean,
): string {
  return decodeBlock(src, lines, indent, folded).text;
}

/**
 * For a scalar `value` parsed from `src[start, end)` in `style`: the source offset of each of its
 * characters, plus one past the last; undefined when the source does not decode to `value`
 * (an explicit indentation indicator, or YAML we do not model), so callers fall back to the scalar's start.
 */
export function scalarOffsets(
  src: string,
  style: ScalarStyle,
  start: number,
  end: number,
  value: string,
): number[] | undefined {
  const block = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
  // Chomping (`|-`, `|+`) only decides how many trailing newlines the value keeps.
  const same = (d: Decoded): boolean =>
    block ? d.text.replace(/\n+$/, '') === value.replace(/\n+$/, '') : d.text === value;
  let d: Decoded | undefined;
  if (block) {
    const b = blockLines(src, start, end);
    d = decodeBlock(src, b.lines, b.firstIndent, style === 'BLOCK_FOLDED');
    // An explicit indentation indicator (`|2`) counts from the parent's indentation, which we do
    // not know: try the possible indentations, the decoded text tells which one it was.
    for (let indent = b.firstIndent - 1; b.explicit && !same(d) && indent >= 1; indent--)
      d = decodeBlock(src, b.lines, indent, style === 'BLOCK_FOLDED');
  } else d = decodeFlow(src, start, end, style);
  if (!same(d)) return undefined;
  const offsets = d.offsets.slice(0, value.length);
  const lastOffset = offsets[offsets.length - 1];
  while (offsets.length < value.length) offsets.push(lastOffset ?? start);
  offsets.push(lastOffset === undefined ? start : lastOffset + 1);
  return offsets;
}
