/**
 * The pieces of Go's strconv and fmt that text/template's parser leans on. Template errors quote
 * tokens with `%q` / `%#U` and take their wording from strconv (`invalid syntax`), and number
 * literals are valid exactly when strconv (or fmt.Sscan for complex ones) accepts them, so these
 * follow Go 1.19, the Go that promtool 2.42 is built with.
 */

import { goQuote, underscoreOK } from '../../core/go-format.ts';

export { goQuote, goQuoteShort, goUnicode, isGoPrint } from '../../core/go-format.ts';

// ---------------------------------------------------------------------------------------------
// Quoted strings and character constants.

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

interface Unquoted {
  /** UTF-8 bytes of the character (one byte for `\x` and octal escapes, as in Go). */
  readonly bytes: readonly number[];
  readonly rest: number;
}

function unhex(c: string): number {
  return /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1;
}

/** strconv.UnquoteChar over `s` from index `i`; undefined is strconv.ErrSyntax. */
export function unquoteChar(s: string, i: number, quote: string): Unquoted | undefined {
  if (i >= s.length) return undefined;
  const c = s[i] ?? '';
  if (c === quote && (quote === "'" || quote === '"')) return undefined;
  if (c !== '\\') {
    const cp = s.codePointAt(i) ?? 0;
    return { bytes: [...utf8.encode(String.fromCodePoint(cp))], rest: i + (cp > 0xffff ? 2 : 1) };
  }
  if (i + 1 >= s.length) return undefined;
  const e = s[i + 1] ?? '';
  let j = i + 2;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
  const known = simple[e];
  if (known !== undefined) return { bytes: [known], rest: j };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    if (s.length - j < n) return undefined;
    let v = 0;
    for (let k = 0; k < n; k++) {
      const d = unhex(s[j + k] ?? '');
      if (d < 0) return undefined;
      v = v * 16 + d;
    }
    j += n;
    if (e === 'x') return { bytes: [v], rest: j };
    if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
    return { bytes: [...utf8.encode(String.fromCodePoint(v))], rest: j };
  }
  if (e >= '0' && e <= '7') {
    let v = e.charCodeAt(0) - 48;
    if (s.length - j < 2) return undefined;
    for (let k = 0; k < 2; k++) {
      const d = (s.charCodeAt(j + k) || 0) - 48;
      if (d < 0 || d > 7) return undefined;
      v = v * 8 + d;
    }
    if (v > 255) return undefined;
    return { bytes: [v], rest: j + 2 };
  }
  if (e === "'" || e === '"') return e === quote ? { bytes: [e.charCodeAt(0)], rest: j } : undefined;
  return undefined;
}

/** strconv.Unquote of a `"..."` or `` `...` `` literal the lexer produced; undefined on ErrSyntax. */
export function goUnquote(literal: string): string | undefined {
  const quote = literal[0];
  if (quote === '`') return literal.slice(1, -1).replace(/\r/g, '');
  if (quote !== '"') return undefined;
  const bytes: number[] = [];
  let i = 1;
  while (i < literal.length - 1) {
    if (literal[i] === '\n') return undefined;
    const u = unquoteChar(literal, i, '"');
    if (!u) return undefined;
    bytes.push(...u.bytes);
    i = u.rest;
  }
  return i === literal.length - 1 ? utf8Decoder.decode(new Uint8Array(bytes)) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Numbers: parse.(*Tree).newNumber and the strconv functions it calls.

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_CUTOFF = 1n << 63n;

/** strconv.ParseUint(s, 0, 64). */
function parseUint(s0: string): bigint | undefined {
  if (s0 === '') return undefined;
  let s = s0;
  let base = 10;
  if (s[0] === '0') {
    const p = (s[1] ?? '').toLowerCase();
    if (s.length >= 3 && (p === 'b' || p === 'o' || p === 'x')) {
      base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : /[a-zA-Z]/.test(c) ? c.toLowerCase().charCodeAt(0) - 87 : 99;
    if (d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  if (underscores && !underscoreOK(s0)) return undefined;
  return n;
}

/** strconv.ParseInt(s, 0, 64). */
function parseInt64(s: string): bigint | undefined {
  if (s === '') return undefined;
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const u = parseUint(body);
  if (u === undefined) return undefined;
  if (!neg && u >= INT64_CUTOFF) return undefined;
  if (neg && u > INT64_CUTOFF) return undefined;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64) for the characters a template number can hold. */
function readFloat(s: string): number | 'syntax' | 'range' {
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  const isHex = i + 2 < s.length && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X');
  if (isHex) i += 2;
  let underscores = false;
  let sawdot = false;
  let sawdigits = false;
  let intDigits = '';
  let fracDigits = '';
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawdot) break;
      sawdot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (isHex && /[a-fA-F]/.test(c))) {
      sawdigits = true;
      if (sawdot) fracDigits += c;
      else intDigits += c;
      continue;
    }
    break;
  }
  if (!sawdigits) return 'syntax';
  let exp = 0;
  const expChar = isHex ? 'p' : 'e';
  if (i < s.length && (s[i] ?? '').toLowerCase() === expChar) {
    i++;
    if (i >= s.length) return 'syntax';
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (i >= s.length || !/[0-9]/.test(s[i] ?? '')) return 'syntax';
    let e = 0;
    for (; i < s.length && /[0-9_]/.test(s[i] ?? ''); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (e < 100000) e = e * 10 + (s.charCodeAt(i) - 48);
    }
    exp = e * esign;
  } else if (isHex) {
    return 'syntax';
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return 'syntax';
  if (i !== s.length) return 'syntax';
  let v: number;
  if (isHex) {
    const mant = BigInt(`0x${intDigits || '0'}${fracDigits}`);
    v = Number(mant) * 2 ** (exp - 4 * fracDigits.length);
  } else {
    v = Number(`${intDigits || '0'}.${fracDigits || '0'}e${exp}`);
  }
  if (!Number.isFinite(v)) return 'range';
  return neg ? -v : v;
}

/** strconv.ParseFloat(s, 64); undefined on any error. */
export function parseFloat64(s: string): number | undefined {
  const r = readFloat(s);
  return typeof r === 'number' ? r : undefined;
}

/** fmt.Sscan of a complex128, as newNumber does for `1+2i`; returns the error text or undefined. */
function scanComplex(text: string): string | undefined {
  let pos = 0;
  const accept = (set: string): boolean => {
    const c = text[pos];
    if (c !== undefined && set.includes(c)) {
      pos++;
      return true;
    }
    return false;
  };
  const floatToken = (): string => {
    const start = pos;
    if (accept('nN') && accept('aA') && accept('nN')) return text.slice(start, pos);
    accept('+-');
    if (accept('iI') && accept('nN') && accept('fF')) return text.slice(start, pos);
    let digits = '0123456789_';
    let exponent = 'eEpP';
    if (accept('0') && accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_';
      exponent = 'pP';
    }
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept(exponent)) {
      accept('+-');
      while (accept('0123456789_'));
    }
    return text.slice(start, pos);
  };
  const complexError = 'syntax error scanning complex number';
  const parens = accept('(');
  const real = floatToken();
  const signAt = pos;
  if (!accept('+-')) return complexError;
  const imag = text[signAt] + floatToken();
  if (!accept('i')) return complexError;
  if (parens && !accept(')')) return complexError;
  for (const part of [real, imag]) {
    const p = part.indexOf('p');
    const isHexPart = /^[+-]?0[xX]/.test(part);
    if (p >= 0 && !isHexPart) {
      if (parseFloat64(part.slice(0, p)) === undefined)
        return `strconv.ParseFloat: parsing ${goQuote(part)}: invalid syntax`;
      if (!/^[+-]?[0-9]+$/.test(part.slice(p + 1))) return `strconv.Atoi: parsing ${goQuote(part)}: invalid syntax`;
      continue;
    }
    const r = readFloat(part);
    if (r === 'syntax') return `strconv.ParseFloat: parsing ${goQuote(part)}: invalid syntax`;
    if (r === 'range') return `strconv.ParseFloat: parsing ${goQuote(part)}: value out of range`;
  }
  return undefined;
}

export type NumberKind = 'number' | 'char' | 'complex';

/** The error text parse.(*Tree).newNumber gives for a literal, or undefined when it is a valid number. */
export function checkNumberLiteral(text: string, kind: NumberKind): string | undefined {
  if (kind === 'char') {
    const u = unquoteChar(text, 1, "'");
    if (!u) return 'invalid syntax';
    if (text.slice(u.rest) !== "'") return `malformed character constant: ${text}`;
    return undefined;
  }
  if (kind === 'complex') return scanComplex(text);
  if (text.endsWith('i') && parseFloat64(text.slice(0, -1)) !== undefined) return undefined;
  if (parseUint(text) !== undefined || parseInt64(text) !== undefined) return undefined;
  if (parseFloat64(text) !== undefined) {
    return /[.eEpP]/.test(text) ? undefined : `integer overflow: ${goQuote(text)}`;
  }
  return `illegal number syntax: ${goQuote(text)}`;
}
