/**
 * Go's `%q` and `%#U` formatting, so our messages quote text exactly as Prometheus (a Go program)
 * does: `unexpected character: '$'`, `unknown escape sequence U+0071 'q'`.
 */

function isGoPrintable(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp < 0xa0) return false;
  if (cp === 0xad) return false;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  if (cp > 0x10ffff) return false;
  // Unicode separators other than the ASCII space are not printable for Go's strconv.
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x00a0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) return false;
  if (cp === 0xfeff || cp === 0xfffd) return cp === 0xfffd;
  return true;
}

function escapeCodePoint(cp: number, quote: string): string {
  switch (cp) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
    case 0x5c: return '\\\\';
  }
  const ch = String.fromCodePoint(cp);
  if (ch === quote) return `\\${quote}`;
  if (isGoPrintable(cp)) return ch;
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Go `%q` of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0) ?? 0, '"');
  return `${out}"`;
}

/** Go `%q` of a rune. */
export function goQuoteRune(cp: number): string {
  return `'${escapeCodePoint(cp, "'")}'`;
}

/** Go `%#U` of a rune: `U+0071 'q'`. */
export function goUnicode(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrintable(cp) ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

/** Go `%.10q...`: the first ten runes quoted, used by Prometheus to shorten long tokens. */
export function goQuoteTruncated(s: string): string {
  const runes = Array.from(s);
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(s);
}
