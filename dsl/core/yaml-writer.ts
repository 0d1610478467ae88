/**
 * A writer for the block-style YAML obs emits (maps, sequences, strings, finite numbers, booleans,
 * null), producing exactly what the `yaml` package's `stringify` produces with the options of
 * `stableYaml`, about ten times faster: rule files of tens of thousands of rules spent most of
 * their emit time in the general-purpose stringifier. Scalar style follows the package's own rules
 * (plain unless that would change meaning, then single quotes when the text has `"` and no `'`,
 * else JSON double quotes; multi-line text as `|-` literal blocks), and which plain texts would
 * read back as something else is asked of the package's own schema. Anything outside that subset
 * (a shape or a text the rules here do not settle) returns `undefined` and the caller uses the
 * package: the test suite holds the two to byte-identical output.
 *
 * Text with characters a YAML reader would not keep verbatim (see `needsEscapes`) is where the
 * writer departs from the package (which writes U+2028, DEL, NEL and BOM raw): it is written
 * double-quoted with every such character escaped, so Prometheus (Go's yaml.v3) reads back exactly
 * the string obs was given (see `ownQuoting`).
 */
import { Document } from 'yaml';

/** Plain scalars that the core schema would resolve to null, booleans or numbers. */
const NON_STRING_TESTS: readonly RegExp[] = new Document().schema.tags
  .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp)
  .map((t) => t.test as RegExp);

/** The package's plain-scalar rule, verbatim (stringifyString.js): indicators at the start, `: ` / ` #` inside, space or `:` at the end. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/**
 * Characters a YAML reader does not keep verbatim when written as they are: C0 controls but
 * newline (tab and CR included: YAML folds and normalises them), DEL and the C1 controls (yaml.v3
 * refuses them as input: "control characters are not allowed"; NEL U+0085 is a YAML 1.1 line break,
 * read back as a space), U+2028/U+2029 (line breaks in YAML 1.1), the BOM U+FEFF and the
 * non-characters U+FFFE/U+FFFF (outside YAML's printable set), and surrogates (a lone one has no
 * UTF-8 form at all; the lint check output/unencodable-text refuses those before anything is written).
 */
const AWKWARD =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What JSON.stringify leaves raw of AWKWARD (it escapes the C0 controls and lone surrogates itself). */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** Whether `text` must be written as a double-quoted scalar with escapes to be read back verbatim. */
export function needsEscapes(text: string): boolean {
  return AWKWARD.test(text);
}

/**
 * Whether the writer quotes `text` its own way rather than as the `yaml` package would: text that
 * needs escapes, and multi-line text with whitespace at either end.
 */
export function ownQuoting(text: string): boolean {
  return AWKWARD.test(text) || (text.includes('\n') && (/^\s/.test(text) || /\s$/.test(text)));
}

/**
 * `text` double-quoted, every AWKWARD character as a `\uXXXX` escape: YAML 1.1, 1.2 and Go's
 * yaml.v3 decode those (and the `\t`, `\n`, `\r`, `\b`, `\f` of JSON) to the very code point.
 * Valid surrogate pairs (emoji) stay raw UTF-8.
 */
export function escapedDoubleQuoted(text: string): string {
  return JSON.stringify(text).replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class Unsupported extends Error {}

function scalarLine(value: string, implicitKey: boolean): string {
  if (AWKWARD.test(value)) return escapedDoubleQuoted(value);
  // `---` / `...` / `%` mark documents only at the start of a line: a value follows `key: ` or `- `.
  if (implicitKey && DOCUMENT_MARKER.test(value)) throw new Unsupported();
  if (!NOT_PLAIN.test(value) && !NON_STRING_TESTS.some((t) => t.test(value))) return value;
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  if (implicitKey && value.includes('\n')) throw new Unsupported();
  return JSON.stringify(value);
}

/** A `|-` block for multi-line text whose first line starts with text and whose end has no whitespace. */
function literalBlock(value: string, indent: string): string | undefined {
  // Its lines are indented, so none can read as a document marker.
  if (/^\s/.test(value) || /\s$/.test(value)) return undefined;
  const lines = value.split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|-\n${lines.join('\n')}`;
}

function scalar(value: unknown, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Unsupported();
    return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  }
  if (typeof value !== 'string') throw new Unsupported();
  if (!value.includes('\n') || AWKWARD.test(value)) return scalarLine(value, false);
  // Multi-line text a `|-` block cannot carry as is (leading or trailing whitespace) is written
  // double-quoted, `\n` escaped: the package's `|+` / indentation-indicator blocks are not needed.
  return literalBlock(value, indent) ?? escapedDoubleQuoted(value);
}

function isMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function key(k: string): string {
  if (k.includes('\n') || k.length > 1024) throw new Unsupported();
  return scalarLine(k, true);
}

function entries(m: Record<string, unknown>): [string, unknown][] {
  return Object.entries(m).filter(([, v]) => v !== undefined);
}

/** `head` is what precedes the node on its first line (`key:` or `-`). */
function node(out: string[], head: string, value: unknown, indent: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push(`${head} []`);
    out.push(head);
    seq(out, value, indent);
  } else if (isMap(value)) {
    if (entries(value).length === 0) return void out.push(`${head} {}`);
    out.push(head);
    map(out, value, indent);
  } else {
    out.push(`${head} ${scalar(value, indent)}`);
  }
}

function map(out: string[], m: Record<string, unknown>, indent: string): void {
  for (const [k, v] of entries(m)) node(out, `${indent}${key(k)}:`, v, `${indent}  `);
}

function seq(out: string[], items: readonly unknown[], indent: string): void {
  for (const item of items) {
    if (item === undefined || Array.isArray(item)) throw new Unsupported();
    if (isMap(item)) {
      const es = entries(item);
      if (es.length === 0) {
        out.push(`${indent}- {}`);
        continue;
      }
      // The first entry shares the dash's line; the rest align under it.
      const first = out.length;
      map(out, item, `${indent}  `);
      out[first] = `${indent}- ${(out[first] ?? '').slice(indent.length + 2)}`;
    } else {
      out.push(`${indent}- ${scalar(item, `${indent}  `)}`);
    }
  }
}

/** The document body, or `undefined` when the value is outside what this writer settles. */
export function writeBlockYaml(value: unknown): string | undefined {
  try {
    const out: string[] = [];
    if (Array.isArray(value)) {
      if (value.length === 0) return undefined;
      seq(out, value, '');
    } else if (isMap(value)) {
      if (entries(value).length === 0) return undefined;
      map(out, value, '');
    } else {
      return undefined;
    }
    return `${out.join('\n')}\n`;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
