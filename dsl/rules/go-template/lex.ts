/**
 * A port of Go's text/template lexer (text/template/parse/lex.go as of Go 1.19, which promtool 2.42
 * is built with). It is a state machine over the input that yields items one at a time; the parser
 * pulls them with `nextItem()`. Mirroring Go state for state keeps the odd corners identical:
 * `{{-3}}` is a number but `{{- 3}}` trims, `$x+1` is "bad character U+002B '+'", a comment must
 * hug its delimiters, newlines are spaces inside actions (Go 1.16+), and line numbers advance the
 * way Go counts them (they appear in promtool's messages).
 *
 * Offsets are UTF-16 indices into the text (what JS strings and editors use), where Go has bytes.
 */
import { goQuote, goUnicode, isGoPrint } from './go-strconv.ts';

export enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords come after all the rest.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

const KEYWORDS: ReadonlyMap<string, ItemType> = new Map([
  ['block', ItemType.Block],
  ['break', ItemType.Break],
  ['continue', ItemType.Continue],
  ['define', ItemType.Define],
  ['else', ItemType.Else],
  ['end', ItemType.End],
  ['if', ItemType.If],
  ['range', ItemType.Range],
  ['nil', ItemType.Nil],
  ['template', ItemType.Template],
  ['with', ItemType.With],
]);

export interface Item {
  readonly type: ItemType;
  /** Offset of the item's first character. */
  readonly start: number;
  readonly end: number;
  /** The item's text, or the message for an error item. */
  readonly val: string;
  /** Go's line number for the item; promtool prints it. */
  readonly line: number;
  /** Delimiters: whether a trim marker (`{{- `, ` -}}`) is attached. */
  readonly trim?: boolean;
}

/** Go's item.String(), which "unexpected %s in %s" messages print. */
export function itemString(item: Item): string {
  if (item.type === ItemType.EOF) return 'EOF';
  if (item.type === ItemType.Error) return item.val;
  if (item.type > ItemType.Keyword) return `<${item.val}>`;
  const runes = Array.from(item.val);
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(item.val);
}

/** The item Go's lexer hands out after its channel is closed (after EOF or an error). */
const CLOSED: Item = { type: ItemType.Error, start: 0, end: 0, val: '', line: 0 };

const EOF = -1;
const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2;
const SPACE_CHARS = ' \t\r\n';

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

function isAlphaNumeric(r: number): boolean {
  // ASCII without the Unicode test (every character of every identifier, field and variable).
  if (r < 0x80) return r === 0x5f || (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === '-' && isSpace(s.charCodeAt(i + 1));
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s.charCodeAt(i)) && s[i + 1] === '-';
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

type StateFn = (l: Lexer) => StateFn | null;

export interface LexOptions {
  /** `break`/`continue` are keywords unless a function of that name exists (Go 1.18+). */
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

export class Lexer {
  readonly input: string;
  readonly options: LexOptions;
  pos = 0;
  start = 0;
  width = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;
  /** Where the current action's `{{` and open parentheses start, to point unclosed-errors at them. */
  actionStart = 0;
  readonly parenStarts: number[] = [];
  private readonly queue: Item[] = [];
  private state: StateFn | null = lexText;

  constructor(input: string, options: LexOptions = { breakOK: true, continueOK: true }) {
    this.input = input;
    this.options = options;
  }

  nextItem(): Item {
    while (this.queue.length === 0 && this.state) this.state = this.state(this);
    return this.queue.shift() ?? CLOSED;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? 0;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    if (r === 10) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
    if (this.width === 1 && this.input.charCodeAt(this.pos) === 10) this.line--;
  }

  emit(type: ItemType, extra?: { trim: boolean }): void {
    this.queue.push({
      type,
      start: this.start,
      end: this.pos,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
      ...extra,
    });
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** Go emits no comment items in promtool's mode, so ours leave positions and line counts alone. */
  queueComment(start: number, end: number, text: string): void {
    this.queue.push({ type: ItemType.Comment, start, end, val: text, line: this.startLine });
  }

  errorf(message: string, span?: { start: number; end: number }): null {
    this.queue.push({
      type: ItemType.Error,
      start: span?.start ?? this.start,
      end: span?.end ?? this.pos,
      val: message,
      line: this.startLine,
    });
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + TRIM_MARKER_LEN))
      return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  /**
   * Whether the next rune may end an identifier, field or variable (breaks `.X.Y` into pieces).
   * Only a whole `}}` ends one: `{{ x}y }}` is "bad character U+007D '}'".
   */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e:
      case 0x2c:
      case 0x7c:
      case 0x3a:
      case 0x29:
      case 0x28:
        return true;
    }
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      // A leading 0 does not mean octal in floats.
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function rightTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && SPACE_CHARS.includes(s[s.length - 1 - n] ?? '')) n++;
  return n;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && SPACE_CHARS.includes(s[i] ?? '')) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn | null {
  l.width = 0;
  const x = l.input.indexOf(LEFT_DELIM, l.pos);
  if (x >= 0) {
    l.pos = x;
    const trimLength = hasLeftTrimMarker(l.input, x + LEFT_DELIM.length)
      ? rightTrimLength(l.input.slice(l.start, x))
      : 0;
    l.pos -= trimLength;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      l.emit(ItemType.Text);
    }
    l.pos += trimLength;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    l.emit(ItemType.Text);
  }
  l.emit(ItemType.EOF);
  return null;
}

function lexLeftDelim(l: Lexer): StateFn | null {
  l.actionStart = l.pos;
  l.pos += LEFT_DELIM.length;
  const trim = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trim ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(ItemType.LeftDelim, { trim });
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  l.parenStarts.length = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += LEFT_COMMENT.length;
  const i = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (i < 0) return l.errorf('unclosed comment', { start: l.actionStart, end: l.input.length });
  l.pos = i + RIGHT_COMMENT.length;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter', { start: l.actionStart, end: l.pos });
  const commentEnd = l.pos;
  if (trim) l.pos += TRIM_MARKER_LEN;
  l.pos += RIGHT_DELIM.length;
  l.queueComment(l.actionStart, l.pos, l.input.slice(l.start, commentEnd));
  if (trim) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn | null {
  const trim = hasRightTrimMarker(l.input, l.pos);
  if (trim) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += RIGHT_DELIM.length;
  l.emit(ItemType.RightDelim, { trim });
  if (trim) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): StateFn | null {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    const open = l.parenStarts[l.parenStarts.length - 1] ?? l.pos;
    return l.errorf('unclosed left paren', { start: open, end: open + 1 });
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action', { start: l.actionStart, end: l.pos });
  if (isSpace(r)) {
    l.backup(); // Put the space back in case it starts " -}}".
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      l.emit(ItemType.Assign);
      return lexInsideAction;
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      l.emit(ItemType.Declare);
      return lexInsideAction;
    case 0x7c: // |
      l.emit(ItemType.Pipe);
      return lexInsideAction;
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.parenStarts.push(l.pos - 1);
      l.emit(ItemType.LeftParen);
      l.parenDepth++;
      return lexInsideAction;
    case 0x29: // )
      l.emit(ItemType.RightParen);
      l.parenStarts.pop();
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${goUnicode(r)}`, { start: l.pos - 1, end: l.pos });
      return lexInsideAction;
  }
  if (r === 0x2e) {
    // "." starts a field unless a digit follows, as in ".5".
    const c = l.input.charCodeAt(l.pos);
    if (l.pos < l.input.length && (c < 0x30 || c > 0x39)) return lexField;
  }
  if (r === 0x2e || r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && isGoPrint(r)) {
    l.emit(ItemType.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${goUnicode(r)}`);
}

/** A run of spaces; the first is known to be present. A trim-marked ` -}}` must stay whole. */
function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT_DELIM, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup(); // Before the space.
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(ItemType.Space);
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return badCharacter(l, r);
    const keyword = KEYWORDS.get(word);
    if (keyword !== undefined) {
      const demoted =
        (keyword === ItemType.Break && !l.options.breakOK) || (keyword === ItemType.Continue && !l.options.continueOK);
      l.emit(demoted ? ItemType.Identifier : keyword);
    } else if (word === 'true' || word === 'false') {
      l.emit(ItemType.Bool);
    } else {
      l.emit(ItemType.Identifier);
    }
    return lexInsideAction;
  }
}

/** Points at the offending rune rather than at the word before it. */
function badCharacter(l: Lexer, r: number): null {
  return l.errorf(`bad character ${goUnicode(r)}`, { start: l.pos, end: l.pos + (r > 0xffff ? 2 : 1) });
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, ItemType.Field);
}

function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) {
    l.emit(ItemType.Variable); // Just "$".
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, ItemType.Variable);
}

function lexFieldOrVariable(l: Lexer, type: ItemType): StateFn | null {
  if (l.atTerminator()) {
    l.emit(type === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
    return lexInsideAction;
  }
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return badCharacter(l, r);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 10) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 10) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  l.emit(ItemType.CharConstant);
  return lexInsideAction;
}

function lexNumber(l: Lexer): StateFn | null {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i')
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    l.emit(ItemType.Complex);
  } else {
    l.emit(ItemType.Number);
  }
  return lexInsideAction;
}

function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 10) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 10) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  l.emit(ItemType.String);
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  l.emit(ItemType.RawString);
  return lexInsideAction;
}
