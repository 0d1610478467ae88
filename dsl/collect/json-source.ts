/**
 * JSON parsed with the source offsets of every value, so a problem in a dashboard query can be
 * reported at the dashboard file's line:column. `JSON.parse` keeps no positions.
 */

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number }
  | { readonly kind: 'literal'; readonly start: number; readonly end: number; readonly value: boolean | null };

export interface JsonEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Recursion depth is bounded so a hostile file gets an error, not a stack overflow.
/** Deeper JSON is refused with a located error (a Grafana dashboard nests about ten levels). */
export const MAX_JSON_DEPTH = 500;
const MAX_DEPTH = MAX_JSON_DEPTH;

export function parseJsonWithPositions(text: string): JsonNode {
  let i = 0;
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(
      i >= text.length
        ? `unexpected end of JSON, expected ${what}`
        : `unexpected ${JSON.stringify(text[i])}, expected ${what}`,
      i,
    );
  };
  const str = (): { value: string; start: number; end: number } => {
    const start = i;
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) throw new JsonSyntaxError('unterminated string', start);
      const c = text[i] as string;
      if (c === '"') break;
      if (c < ' ') throw new JsonSyntaxError('control character in string', i);
      if (c !== '\\') {
        i++;
        continue;
      }
      out += text.slice(run, i);
      const k = text[i + 1] ?? '';
      if (k === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('bad \\u escape', i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (ESCAPES[k] !== undefined) {
        out += ESCAPES[k];
        i += 2;
      } else throw new JsonSyntaxError(`bad escape \\${k}`, i);
      run = i;
    }
    out += text.slice(run, i);
    i++;
    return { value: out, start, end: i };
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nested deeper than ${MAX_DEPTH} levels`, i);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: JsonEntry[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a string key');
        const key = str();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        entries.push({ key: key.value, keyStart: key.start, value: value(depth + 1) });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { kind: 'object', start, end: i, entries };
        } else fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { kind: 'array', start, end: i, items };
        } else fail('"," or "]"');
      }
    }
    if (c === '"') return { kind: 'string', ...str() };
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'literal', start, end: i, value: v };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return { kind: 'number', start, end: i, value: Number(m[0]) };
    }
    return fail('a value');
  };
  const root = value(0);
  ws();
  if (i < text.length) fail('the end of the JSON');
  return root;
}

/** The source offset of each character of the string literal starting at `start` (its `"`), plus one past the last. */
export function jsonStringOffsets(text: string, start: number): number[] {
  const out: number[] = [];
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') {
      out.push(i);
      i += text[i + 1] === 'u' ? 6 : 2;
    } else out.push(i++);
  }
  out.push(i);
  return out;
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let k = node.entries.length - 1; k >= 0; k--) if (node.entries[k]?.key === key) return node.entries[k]?.value;
  return undefined;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

/** The offset where `text` first nests deeper than `limit` arrays and objects, in one pass; undefined when it does not. */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
