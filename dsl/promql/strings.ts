/**
 * The value of a PromQL string literal, decoded the way Go's strconv (via Prometheus's
 * `strutil.Unquote`) does. The lexer has already rejected bad escapes, so this only decodes.
 * `\x` and octal escapes are bytes, not code points, so we decode to UTF-8 bytes first.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function unquoteString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`' || !body.includes('\\')) return body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      const cp = body.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      bytes.push(...encoder.encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = body[++i] ?? '';
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case 'x':
        bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'u':
        bytes.push(...encoder.encode(String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16))));
        i += 4;
        break;
      case 'U':
        bytes.push(...encoder.encode(String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16))));
        i += 8;
        break;
      default:
        if (e >= '0' && e <= '7') {
          bytes.push(parseInt(body.slice(i, i + 3), 8));
          i += 2;
        } else {
          bytes.push(...encoder.encode(e));
        }
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** Quotes a value as a PromQL double-quoted string literal that unquotes back to it. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default: {
        const cp = ch.codePointAt(0) ?? 0;
        out += cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : ch;
      }
    }
  }
  return `${out}"`;
}
