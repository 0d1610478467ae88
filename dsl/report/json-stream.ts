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
    /**
     * The item's text straight away: exactly `JSON.stringify(toJson(item), null, 2)` with its lines
     * after the first indented by `pad` (a report's problems are many and of one known shape).
     */
    readonly toText?: (item: T, pad: string) => string,
  ) {}
}

/**
 * An object's text as `JSON.stringify(o, null, 2)` gives it, its lines after the first indented by
 * `pad`, built from its fields' texts in order: `key` is already a JSON string with its quotes, a
 * field whose text is undefined is left out (as JSON.stringify leaves out an undefined value).
 */
export class JsonObjectText {
  #text = '';
  readonly #pad: string;

  constructor(pad: string) {
    this.#pad = pad;
  }

  field(key: string, text: string | undefined): this {
    if (text !== undefined) this.#text += `${this.#text ? ',' : '{'}\n${this.#pad}  ${key}: ${text}`;
    return this;
  }

  get text(): string {
    return this.#text ? `${this.#text}\n${this.#pad}}` : '{}';
  }
}

/** An array's text as `JSON.stringify(a, null, 2)` gives it from its items' texts (each made at `pad` + 2 spaces). */
export function jsonArrayText(items: readonly string[], pad: string): string {
  return items.length ? `[\n${pad}  ${items.join(`,\n${pad}  `)}\n${pad}]` : '[]';
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

function* pieces(v: unknown, depth: number): Generator<string> {
  const pad = '  '.repeat(depth);
  const inner = '  '.repeat(depth + 1);
  if (v instanceof JsonItems) {
    let first = true;
    for (const item of v.items as Iterable<unknown>) {
      const text = v.toText ? v.toText(item, inner) : (indented(v.toJson(item), depth + 1) ?? 'null');
      yield `${first ? '[\n' : ',\n'}${inner}${text}`;
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
