/**
 * `JSON.stringify(value, null, 2)`, byte for byte, as a sequence of pieces: a report of hundreds of
 * thousands of problems is written out piece by piece instead of being held as one string (with
 * the whole object tree behind it) while it is written. The long lists are given as `JsonItems`,
 * whose items are made and turned into text one at a time.
 */

/** A JSON array whose items are produced as the text is written (each item made, written, dropped). */
export class JsonItems<T> {
  constructor(
    readonly items: Iterable<T>,
    readonly toJson: (item: T) => unknown,
  ) {}
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Whether `v` holds a `JsonItems` somewhere (then it is written part by part). */
function streams(v: unknown): boolean {
  if (v instanceof JsonItems) return true;
  if (Array.isArray(v)) return v.some(streams);
  return isPlainObject(v) && Object.values(v).some(streams);
}

/** `JSON.stringify(v, null, 2)` as written at nesting depth `depth` (its lines indented to it). */
function indented(v: unknown, depth: number): string | undefined {
  const text = JSON.stringify(v, null, 2) as string | undefined;
  // A newline inside JSON text is always layout: strings hold it escaped.
  return text === undefined || depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * How many items of a JsonItems are turned into text by one JSON.stringify: few enough that a
 * chunk's text (and a write gathered from two of them) stays out of V8's large-object space
 * (strings past about 128 KB), which only a full collection frees: 256 items a chunk raised the
 * peak memory of 13,682 problems by 15 MB.
 */
const CHUNK = 64;

/**
 * The items of an array at nesting depth `depth`, as `JSON.stringify(v, null, 2)` writes them
 * there: from the first item's indentation to the end of the last, without the brackets. One native
 * JSON.stringify of the items wrapped `depth` objects deep puts them at their indentation (a
 * stringify and a newline replace per item took twice as long).
 */
function itemsText(items: readonly unknown[], depth: number): string {
  let wrapped: unknown = items;
  for (let d = 0; d < depth; d++) wrapped = { x: wrapped };
  const text = JSON.stringify(wrapped, null, 2);
  // After the array: a newline, its indentation and `]`, then each wrapper's newline, indentation and `}`.
  let tail = 2 + 2 * depth;
  for (let d = 0; d < depth; d++) tail += 2 + 2 * d;
  return text.slice(text.indexOf('[') + 2, text.length - tail);
}

function* pieces(v: unknown, depth: number): Generator<string> {
  const pad = '  '.repeat(depth);
  const inner = '  '.repeat(depth + 1);
  if (v instanceof JsonItems) {
    let first = true;
    let chunk: unknown[] = [];
    const text = (): string => `${first ? '[\n' : ',\n'}${itemsText(chunk, depth)}`;
    for (const item of v.items as Iterable<unknown>) {
      chunk.push(v.toJson(item));
      if (chunk.length < CHUNK) continue;
      yield text();
      first = false;
      chunk = [];
    }
    if (chunk.length > 0) {
      yield text();
      first = false;
    }
    yield first ? '[]' : `\n${pad}]`;
  } else if (Array.isArray(v) && streams(v)) {
    if (v.length === 0) return yield '[]';
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '[\n' : ',\n'}${inner}`;
      if (streams(v[i])) yield* pieces(v[i], depth + 1);
      else yield indented(v[i], depth + 1) ?? 'null';
    }
    yield `\n${pad}]`;
  } else if (isPlainObject(v) && streams(v)) {
    let first = true;
    for (const [key, value] of Object.entries(v)) {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      first = false;
      if (streams(value)) yield* pieces(value, depth + 1);
      else yield indented(value, depth + 1) ?? 'null';
    }
    yield first ? '{}' : `\n${pad}}`;
  } else yield indented(v, depth) ?? 'null';
}

/** The pieces of `JSON.stringify(value, null, 2)` followed by a newline, `JsonItems` written as arrays. */
export function jsonPieces(value: unknown): Iterable<string> {
  return (function* () {
    yield* pieces(value, 0);
    yield '\n';
  })();
}
