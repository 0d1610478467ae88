/**
 * The YAML of rule files as a small tree of maps, sequences and string scalars with their source
 * offsets (every scalar a string, as Go's rulefmt reads them). Two ways in:
 * - `fastYamlTree`, a reader for the block-style YAML that rule files are written in (`key: value`,
 *   `- item`, plain and quoted scalars (on one line or continued on more-indented lines), `|`/`>`
 *   block scalars (with `-` chomping and an indentation indicator), empty `[]`/`{}`, comments). It
 *   is about ten times faster than the `yaml` package on a 20,000-rule file, and gives up
 *   (undefined) on anything else: other flow collections, anchors, tags, `+` chomping,
 *   quoted keys over several lines, escaped line breaks,
 *   several documents, duplicate keys, tabs, CRLF;
 * - `yamlPackageTrees`, the `yaml` package's full parser, for everything else and for errors.
 * Both give the same tree for the same input (test/build/lint-yaml-tree.test.ts).
 */
import { Composer, isAlias, isMap, isScalar, isSeq, Parser, type Document, type Node } from 'yaml';
import { decodeFlow, decodeBlockText, type ScalarStyle } from './yaml-scalar.ts';

export type YNode =
  | { readonly kind: 'map'; readonly start: number; readonly items: readonly YPair[] }
  | { readonly kind: 'seq'; readonly start: number; readonly items: readonly YNode[] }
  | {
      readonly kind: 'scalar';
      readonly start: number;
      readonly end: number;
      readonly value: string;
      readonly style: ScalarStyle;
    }
  /** Anything rule files do not use (an alias, ...): reported as a value of the wrong kind. */
  | { readonly kind: 'other'; readonly start: number };

export interface YPair {
  readonly key: string;
  readonly keyStart: number;
  readonly value: YNode | null;
}

export interface YamlDocs {
  readonly docs: readonly (YNode | null)[];
  /** The first syntax error: its message and offset. */
  readonly error?: { readonly message: string; readonly offset: number };
}

/** Thrown inside the fast reader when the input leaves its subset. */
class NotInSubset extends Error {}

const giveUp = (): never => {
  throw new NotInSubset();
};

const DQ_ESCAPES = new Set([
  '0',
  'a',
  'b',
  't',
  '\t',
  'n',
  'v',
  'f',
  'r',
  'e',
  ' ',
  '"',
  '/',
  '\\',
  'N',
  '_',
  'L',
  'P',
  'x',
  'u',
  'U',
]);
/** Continuation lines of a plain scalar that the fast reader leaves to the yaml package. */
const PLAIN_LINE_BAD = /^(?:[-?:](?: |$)|---|\.\.\.)/;
const PLAIN_FIRST_BAD = new Set(['[', ']', '{', '}', '&', '*', '!', '%', '@', '`', ',', '?', '#', '|', '>', '"', "'"]);

/** A literal block scalar's text: its lines without the indentation, joined (no per-character work). */
function literalText(src: string, lines: readonly [number, number][], indent: number): string {
  const parts: string[] = [];
  let pending = 0;
  let started = false;
  for (const [ls, le] of lines) {
    if (ls + indent >= le) {
      pending++;
      continue;
    }
    if (started || pending) parts.push('\n'.repeat(pending + (started ? 1 : 0)));
    parts.push(src.slice(ls + indent, le));
    started = true;
    pending = 0;
  }
  return parts.join('');
}

export function fastYamlTree(src: string): YNode | null | undefined {
  if (src.includes('\r') || src.includes('\t') || src.charCodeAt(0) === 0xfeff) return undefined;
  const starts: number[] = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  const n = starts.length;
  const lineEnd = (li: number): number => (li + 1 < n ? (starts[li + 1] as number) - 1 : src.length);
  // Per-line facts computed once: the reader asks for them several times per line.
  const indents = new Int32Array(n);
  const blankOrComment = new Uint8Array(n);
  for (let li = 0; li < n; li++) {
    const s = starts[li] as number;
    let i = s;
    while (src.charCodeAt(i) === 32) i++;
    indents[li] = i - s;
    blankOrComment[li] = i >= lineEnd(li) || src.charCodeAt(i) === 35 ? 1 : 0;
  }
  const indentOf = (li: number): number => indents[li] as number;
  const empty = (li: number): boolean => blankOrComment[li] === 1;
  const nextContent = (li: number): number => {
    while (li < n && empty(li)) li++;
    return li;
  };
  /** Whitespace or a comment from `at` to the end of the line. */
  const restIsEmpty = (at: number, end: number): boolean => {
    let i = at;
    while (i < end && src[i] === ' ') i++;
    return i >= end || (src[i] === '#' && i > at);
  };

  const blockScalar = (li: number, at: number, parentIndent: number): { node: YNode; next: number } => {
    const end = lineEnd(li);
    const folded = src[at] === '>';
    let i = at + 1;
    let strip = false;
    // An indentation indicator (`|2`, as pint's test rules write them) sets the content's
    // indentation to the entry's plus that many columns; the chomping indicator may go on either side.
    let explicit = 0;
    for (let k = 0; k < 2; k++) {
      const h = src.charCodeAt(i);
      if (h === 45 && !strip) strip = true;
      else if (h >= 49 && h <= 57 && !explicit) explicit = h - 48;
      else break;
      i++;
    }
    if (src[i] === '+' || /[0-9]/.test(src[i] ?? '')) giveUp();
    // Only a comment may follow the header, after a space.
    if (i < end && src[i] !== ' ') giveUp();
    if (!restIsEmpty(i, end)) giveUp();
    let contentIndent = explicit ? parentIndent + explicit : -1;
    let last = li;
    const lines: [number, number][] = [];
    for (let k = li + 1; k < n; k++) {
      const s = starts[k] as number;
      const e = lineEnd(k);
      const ind = indentOf(k);
      const blank = s + ind >= e;
      if (last === li) {
        if (blank) {
          lines.push([s, e]);
          continue;
        }
        if (ind <= parentIndent) break;
        if (explicit) {
          // Less indented than the indicator says: an error in YAML.
          if (ind < contentIndent) giveUp();
        } else contentIndent = ind;
        // A leading blank line longer than the content's indentation is an error in YAML (and
        // content after an indicator, kept as the yaml package keeps it: not modelled).
        if (lines.some(([a, b]) => b - a > contentIndent)) giveUp();
      } else if (!blank && ind < contentIndent) {
        if (explicit && ind > parentIndent) giveUp();
        break;
      }
      lines.push([s, e]);
      if (!blank) last = k;
    }
    if (last === li) {
      if (explicit) giveUp();
      return {
        node: { kind: 'scalar', start: at, end, value: '', style: folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL' },
        next: li + 1,
      };
    }
    // A blank line after the content but longer than its indentation is content to YAML: not modelled.
    for (let k = last - li; k < lines.length; k++) {
      const [a, b] = lines[k] as [number, number];
      if (b - a > contentIndent) giveUp();
    }
    const content = lines.slice(0, last - li);
    const text = folded ? decodeBlockText(src, content, contentIndent, true) : literalText(src, content, contentIndent);
    const value = strip || text === '' ? text : `${text}\n`;
    return {
      node: { kind: 'scalar', start: at, end: lineEnd(last), value, style: folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL' },
      next: last + 1,
    };
  };

  /** A quoted scalar that closes on its line: its end offset (after the closing quote). */
  const quotedEnd = (at: number, end: number): number => {
    const q = src[at];
    for (let i = at + 1; i < end; i++) {
      const c = src[i];
      if (q === '"' && c === '\\') {
        if (!DQ_ESCAPES.has(src[i + 1] ?? '')) giveUp();
        i++;
      } else if (c === q) {
        if (q === "'" && src[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return giveUp();
  };

  /**
   * The text of the quoted scalar `src[at, end)`: its inside as written when on one line without
   * escapes (most quoted values), else decoded (folded lines, escapes, doubled single quotes).
   */
  const quotedText = (at: number, end: number): string => {
    const double = src.charCodeAt(at) === 34;
    const inside = src.slice(at + 1, end - 1);
    if (!inside.includes('\n') && !inside.includes(double ? '\\' : "''")) return inside;
    return decodeFlow(src, at, end, double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE').text;
  };

  /**
   * A quoted value from offset `at` of line `li`: its end (after the closing quote) and the line
   * that holds it. It may go on over more-indented lines (kube-prometheus writes long descriptions
   * so); decodeFlow folds them. An escaped line break gives up, as a line not indented past the entry.
   */
  const quotedClose = (li: number, at: number, parentIndent: number): { end: number; line: number } => {
    const q = src[at];
    let end = lineEnd(li);
    for (let i = at + 1; ; i++) {
      if (i >= end) {
        li++;
        if (li >= n) giveUp();
        if ((starts[li] as number) + indentOf(li) < lineEnd(li) && indentOf(li) <= parentIndent) giveUp();
        i = starts[li] as number;
        end = lineEnd(li);
        if (i >= end) continue;
      }
      const c = src[i];
      if (q === '"' && c === '\\') {
        if (i + 1 >= end || !DQ_ESCAPES.has(src[i + 1] ?? '')) giveUp();
        i++;
      } else if (c === q) {
        if (q === "'" && src[i + 1] === "'") i++;
        else return { end: i + 1, line: li };
      }
    }
  };

  /** The value after `key:` or `- ` at offset `at` of line `li`; `parentIndent` is the entry's indentation. */
  const inlineValue = (
    li: number,
    at: number,
    parentIndent: number,
    inSeq: boolean,
  ): { node: YNode | null; next: number } => {
    const end = lineEnd(li);
    let i = at;
    while (i < end && src[i] === ' ') i++;
    if (i >= end || (src[i] === '#' && i > at)) {
      const nl = nextContent(li + 1);
      if (nl < n) {
        const ind = indentOf(nl);
        const c = src[(starts[nl] as number) + ind];
        const isItem = c === '-' && /[ \n]|$/.test(src[(starts[nl] as number) + ind + 1] ?? '');
        if (ind > parentIndent || (!inSeq && ind === parentIndent && isItem)) return block(nl, ind);
      }
      return {
        node: { kind: 'scalar', start: i >= end ? end : i, end: i >= end ? end : i, value: '', style: 'PLAIN' },
        next: li + 1,
      };
    }
    const c = src[i] as string;
    if (c === '|' || c === '>') return blockScalar(li, i, parentIndent);
    if (c === '"' || c === "'") {
      const close = quotedClose(li, i, parentIndent);
      const qe = close.end;
      if (!restIsEmpty(qe, lineEnd(close.line))) giveUp();
      const value = quotedText(i, qe);
      return {
        node: { kind: 'scalar', start: i, end: qe, value, style: c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE' },
        next: close.line + 1,
      };
    }
    // An empty flow collection (`rules: []`, as Prometheus's test data writes an empty group).
    if ((c === '[' || c === '{') && src[i + 1] === (c === '[' ? ']' : '}') && restIsEmpty(i + 2, end)) {
      const nl = nextContent(li + 1);
      if (nl < n && indentOf(nl) > parentIndent) giveUp();
      return {
        node: c === '[' ? { kind: 'seq', start: i, items: [] } : { kind: 'map', start: i, items: [] },
        next: li + 1,
      };
    }
    if (PLAIN_FIRST_BAD.has(c) || ((c === '-' || c === ':') && (src[i + 1] === ' ' || i + 1 >= end))) giveUp();
    // Searches stay inside the line: an unbounded indexOf would scan the rest of the file per line.
    let e = i;
    while (e < end && !(src.charCodeAt(e) === 35 && src.charCodeAt(e - 1) === 32)) e++;
    const commented = e < end;
    while (e > i && src[e - 1] === ' ') e--;
    const value = src.slice(i, e);
    if (value.includes(': ') || value.endsWith(':')) giveUp();
    // A more-indented line after a plain scalar continues it (a multi-line plain scalar).
    const nl = nextContent(li + 1);
    if (nl < n && indentOf(nl) > parentIndent) {
      if (commented) giveUp();
      return plainLines(li, i, e, value, parentIndent);
    }
    return { node: { kind: 'scalar', start: i, end: e, value, style: 'PLAIN' }, next: li + 1 };
  };

  /**
   * A plain scalar continued on the more-indented lines after line `li` (as kube-prometheus and
   * mixins write long expressions): each line trimmed, lines folded into one space, each blank
   * line between them kept as a line break. Gives up on a comment inside or after it (a comment
   * ends a plain scalar) and on a line that could begin something else.
   */
  const plainLines = (
    li: number,
    start: number,
    firstEnd: number,
    first: string,
    parentIndent: number,
  ): { node: YNode; next: number } => {
    const parts = [first];
    let end = firstEnd;
    let last = li;
    let blanks = 0;
    for (let k = li + 1; k < n; k++) {
      const s = (starts[k] as number) + indentOf(k);
      const le = lineEnd(k);
      if (s >= le) {
        blanks++;
        continue;
      }
      if (indentOf(k) <= parentIndent) break;
      if (src.charCodeAt(s) === 35) giveUp();
      let e = le;
      while (e > s && src[e - 1] === ' ') e--;
      const line = src.slice(s, e);
      if (line.includes(': ') || line.endsWith(':') || line.includes(' #') || PLAIN_LINE_BAD.test(line)) giveUp();
      parts.push(blanks ? '\n'.repeat(blanks) : ' ', line);
      blanks = 0;
      end = e;
      last = k;
    }
    return { node: { kind: 'scalar', start, end, value: parts.join(''), style: 'PLAIN' }, next: last + 1 };
  };

  /** `key:` at offset `at`: the key and the offset after the colon; undefined when the line holds no key. */
  const keyAt = (at: number, end: number): { key: string; after: number } | undefined => {
    const c = src[at] as string;
    if (c === '"' || c === "'") {
      const qe = quotedEnd(at, end);
      if (src[qe] !== ':' || !(qe + 1 >= end || src[qe + 1] === ' ')) giveUp();
      return { key: quotedText(at, qe), after: qe + 1 };
    }
    if (PLAIN_FIRST_BAD.has(c) || c === '-' || c === ':') return undefined;
    let k = at;
    while (k < end && !(src.charCodeAt(k) === 58 && (k + 1 >= end || src.charCodeAt(k + 1) === 32))) k++;
    if (k >= end) return undefined;
    const key = src.slice(at, k).trimEnd();
    if (key.includes(' #')) return undefined;
    return { key, after: k + 1 };
  };

  const map = (li: number, indent: number, firstAt: number): { node: YNode; next: number } => {
    const items: YPair[] = [];
    // Keys seen, for duplicates: the items themselves while few (not a Set for every rule, label
    // and annotation map), a Set past that.
    let seen: Set<string> | undefined;
    let first = true;
    for (;;) {
      if (!first) {
        li = nextContent(li);
        if (li >= n) break;
        const ind = indentOf(li);
        if (ind < indent) break;
        if (ind > indent) giveUp();
      }
      const at = first ? firstAt : (starts[li] as number) + indent;
      first = false;
      const end = lineEnd(li);
      const k = keyAt(at, end);
      if (!k) {
        // A `- item` at the map's own indentation ends it (it belongs to an outer sequence).
        if (src[at] === '-' && items.length > 0) break;
        giveUp();
        break;
      }
      if (seen) {
        if (seen.has(k.key)) giveUp();
        seen.add(k.key);
      } else {
        for (const p of items) if (p.key === k.key) giveUp();
        if (items.length >= 16) seen = new Set(items.map((p) => p.key)).add(k.key);
      }
      const v = inlineValue(li, k.after, indent, false);
      items.push({ key: k.key, keyStart: at, value: v.node });
      li = v.next;
    }
    return { node: { kind: 'map', start: firstAt, items }, next: li };
  };

  const seq = (li: number, indent: number): { node: YNode; next: number } => {
    const items: YNode[] = [];
    const start = (starts[li] as number) + indent;
    for (;;) {
      li = nextContent(li);
      if (li >= n) break;
      const ind = indentOf(li);
      if (ind < indent) break;
      if (ind > indent) giveUp();
      const s = (starts[li] as number) + indent;
      const end = lineEnd(li);
      if (src[s] !== '-' || !(s + 1 >= end || src[s + 1] === ' ')) break;
      let i = s + 1;
      while (i < end && src[i] === ' ') i++;
      if (i < end && src[i] !== '#') {
        if (src[i] === '-') giveUp();
        const k = keyAt(i, end);
        if (k) {
          const m = map(li, i - (starts[li] as number), i);
          items.push(m.node);
          li = m.next;
          continue;
        }
      }
      const v = inlineValue(li, s + 1, indent, true);
      items.push(v.node ?? { kind: 'scalar', start: s + 1, end: s + 1, value: '', style: 'PLAIN' });
      li = v.next;
    }
    return { node: { kind: 'seq', start, items }, next: li };
  };

  const block = (li: number, indent: number): { node: YNode; next: number } => {
    const s = (starts[li] as number) + indent;
    const end = lineEnd(li);
    if (src[s] === '-' && (s + 1 >= end || src[s + 1] === ' ')) return seq(li, indent);
    if (keyAt(s, end)) return map(li, indent, s);
    return giveUp();
  };

  try {
    for (let li = 0; li < n; li++) {
      const s = starts[li] as number;
      if (src.startsWith('---', s) || src.startsWith('...', s) || src[s] === '%') return undefined;
    }
    const first = nextContent(0);
    if (first >= n) return null;
    const root = block(first, indentOf(first));
    if (nextContent(root.next) < n) return undefined;
    return root.node;
  } catch (e) {
    if (e instanceof NotInSubset) return undefined;
    throw e;
  }
}

/** Past this many nodes reached through aliases, a document is refused (yaml.v3: "excessive aliasing"). */
const MAX_ALIASED_NODES = 1_000_000;

/**
 * The `yaml` package's node as our tree. Aliases (`labels: *l`) are resolved to their anchor's node
 * (converted once and shared) and merge keys (`<<: *l`, `<<: [*a, *b]`) are expanded, as Go's
 * yaml.v3, which promtool reads rule files with, does: keys written in the map win, then the
 * merged maps in order.
 */
function converter(doc: Document.Parsed): (node: unknown) => YNode | null {
  const done = new Map<unknown, YNode | null>();
  let aliased = 0;
  // Nodes a reader would visit under each node, aliases expanded (memoized: each node is sized once).
  const sizes = new Map<YNode, number>();
  const size = (n: YNode | null): number => {
    if (n === null || (n.kind !== 'map' && n.kind !== 'seq')) return 1;
    let total = sizes.get(n);
    if (total === undefined) {
      total = 1;
      for (const x of n.items) total += size('key' in x ? x.value : x);
      sizes.set(n, total);
    }
    return total;
  };
  const convert = (node: unknown): YNode | null => {
    if (node === null || node === undefined) return null;
    const n = node as Node;
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (!target) return { kind: 'other', start: n.range?.[0] ?? 0 };
      const out = convert(target);
      aliased += size(out);
      if (aliased > MAX_ALIASED_NODES) throw new ExcessiveAliasing(n.range?.[0] ?? 0);
      return out;
    }
    const hit = done.get(n);
    if (hit !== undefined) return hit;
    const out = convertNew(n);
    done.set(n, out);
    return out;
  };
  const convertNew = (n: Node): YNode | null => {
    const start = n.range?.[0] ?? 0;
    if (isScalar(n)) {
      return {
        kind: 'scalar',
        start,
        end: n.range?.[1] ?? start,
        value: typeof n.value === 'string' ? n.value : String(n.value ?? ''),
        style: (n.type ?? 'PLAIN') as ScalarStyle,
      };
    }
    if (isMap(n)) {
      const items: YPair[] = [];
      const merged: YPair[] = [];
      for (const p of n.items) {
        const key = isScalar(p.key) ? String(p.key.value ?? '') : '';
        const value = convert(p.value);
        if (
          key === '<<' &&
          isScalar(p.key) &&
          p.key.type === 'PLAIN' &&
          (isAlias(p.value) || isSeq(p.value) || isMap(p.value))
        ) {
          for (const m of value?.kind === 'seq' ? value.items : [value]) if (m?.kind === 'map') merged.push(...m.items);
          continue;
        }
        items.push({ key, keyStart: (p.key as Node | null)?.range?.[0] ?? start, value });
      }
      if (merged.length > 0) {
        const written = new Set(items.map((p) => p.key));
        for (const p of merged) {
          if (written.has(p.key)) continue;
          written.add(p.key);
          items.push(p);
        }
      }
      return { kind: 'map', start, items };
    }
    if (isSeq(n))
      return {
        kind: 'seq',
        start,
        items: n.items.map((x) => convert(x) ?? { kind: 'scalar', start, end: start, value: '', style: 'PLAIN' }),
      };
    return { kind: 'other', start };
  };
  return convert;
}

class ExcessiveAliasing extends Error {
  constructor(readonly offset: number) {
    super('document contains excessive aliasing');
  }
}

/** Deeper than this, YAML is no rule file (those nest about six levels) and is refused before any reader recurses into it. */
export const MAX_YAML_DEPTH = 100;

/**
 * Where `s` next occurs in `src` at or after `from`, or `end` when not before `end`; for a scan
 * that only moves forward. The last hit is kept, so the file is searched once per string, not from
 * every line to the next hit (a line without a `:` searched on through the rest of the file).
 */
function forwardSearch(src: string, s: string): (from: number, end: number) => number {
  let at = -2;
  return (from, end) => {
    if (at !== -1 && at < from) at = src.indexOf(s, from);
    return at < 0 || at >= end ? end : at;
  };
}

/**
 * Where `src` first nests deeper than `limit` (an upper bound: indentation levels, `- ` items on
 * one line, open flow brackets), in one pass without recursion; undefined when it does not.
 */
export function yamlTooDeep(src: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let blockIndent = -1;
  const nextDouble = forwardSearch(src, '"');
  const nextSingle = forwardSearch(src, "'");
  const nextEscape = forwardSearch(src, '\\');
  const nextColon = forwardSearch(src, ':');
  const nextComment = forwardSearch(src, ' #');
  for (let ls = 0; ls < src.length;) {
    let le = src.indexOf('\n', ls);
    if (le < 0) le = src.length;
    let i = ls;
    while (src.charCodeAt(i) === 32) i++;
    const indent = i - ls;
    const blank = i >= le || src[i] === '#' || src[i] === '\r';
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      ls = le + 1;
      continue;
    }
    blockIndent = -1;
    if (!blank && !quote && flow === 0) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
    }
    let depth = indents.length + flow;
    // Where a scalar or a collection may begin: quotes and brackets elsewhere are plain text.
    let valueStart = !quote;
    for (; i < le; i++) {
      // Runs that cannot change the state are skipped: inside quotes, up to the closing quote (or
      // an escape); in plain text outside brackets, up to a `:` or a ` #` comment.
      if (quote) {
        i = quote === '"' ? Math.min(nextDouble(i, le), nextEscape(i, le)) : nextSingle(i, le);
        if (i >= le) break;
      } else if (!valueStart && flow === 0) {
        i = Math.min(nextColon(i, le), nextComment(i - 1, le) + 1);
        if (i >= le) break;
      }
      const c = src[i];
      if (quote) {
        if (c === quote) {
          if (quote === "'" && src[i + 1] === "'") i++;
          else quote = '';
        } else if (c === '\\' && quote === '"') i++;
        continue;
      }
      if (c === ' ') continue;
      if (c === '#' && src[i - 1] === ' ') break;
      const next = src[i + 1];
      if (valueStart && (c === '"' || c === "'")) {
        quote = c;
        valueStart = false;
      } else if ((valueStart || flow > 0) && (c === '[' || c === '{')) {
        flow++;
        depth++;
      } else if (flow > 0 && (c === ']' || c === '}')) {
        flow--;
        valueStart = false;
      } else if (valueStart && flow === 0 && c === '-' && (next === ' ' || i + 1 === le)) {
        depth++;
      } else if (valueStart && flow === 0 && (c === '|' || c === '>')) {
        blockIndent = indent;
        break;
      } else {
        valueStart = (c === ':' && (next === ' ' || i + 1 === le)) || (flow > 0 && (c === ',' || c === ':'));
      }
      if (depth > limit) return i;
    }
    if (depth > limit) return ls + indent;
    ls = le + 1;
  }
  return undefined;
}

/**
 * Every document of `src` through the `yaml` package (failsafe schema: all scalars are strings),
 * stopping at the first error: the parser streams its tokens, and composing a whole document of
 * broken YAML (each line a new error) took minutes and gigabytes.
 */
export function yamlPackageTrees(src: string): YamlDocs {
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false });
  const docs: (YNode | null)[] = [];
  const take = (list: Iterable<Document.Parsed>): YamlDocs['error'] => {
    for (const d of list) {
      const e = d.errors[0];
      if (e) return { message: e.message, offset: e.pos[0] };
      try {
        docs.push(converter(d)(d.contents));
      } catch (x) {
        if (x instanceof ExcessiveAliasing) return { message: x.message, offset: x.offset };
        throw x;
      }
    }
    return undefined;
  };
  for (const token of new Parser().parse(src)) {
    const error = take(composer.next(token));
    if (error) return { docs: [], error };
    if (token.type === 'error') {
      // The document before it may hold an earlier error of its own.
      const earlier = take(composer.end(false, token.offset));
      return {
        docs: [],
        error: earlier && earlier.offset <= token.offset ? earlier : { message: token.message, offset: token.offset },
      };
    }
  }
  const error = take(composer.end(true, src.length));
  return error ? { docs: [], error } : { docs };
}

export function yamlTrees(src: string): YamlDocs {
  const deep = yamlTooDeep(src, MAX_YAML_DEPTH);
  if (deep !== undefined)
    return {
      docs: [],
      error: {
        message: `the YAML nests deeper than ${MAX_YAML_DEPTH} levels (a rule file needs about six)`,
        offset: deep,
      },
    };
  const fast = fastYamlTree(src);
  return fast === undefined ? yamlPackageTrees(src) : { docs: fast === null ? [] : [fast] };
}
