/**
 * A port of Prometheus's PromQL lexer (`promql/parser/lex.go`), in the flavour of the target version.
 *
 * Why we lex ourselves although lezer-promql parses: lezer's tokenizer is deliberately loose (it is
 * built for an editor) and differs from Prometheus in what a number, duration, string or keyword is.
 * Lexing first with Prometheus's own rules gives us Prometheus's lexical errors verbatim, and a token
 * stream from which we hand lezer a same-length canonical text (see `canonical.ts`), so lezer only has
 * to decide structure.
 */
import { goQuote, goQuoteRune, goUnicode } from '../core/go-format.ts';

export type TokenType =
  | 'EOF'
  | 'COMMENT'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'EQL'
  | 'COLON'
  | 'AT'
  | 'SUB'
  | 'ADD'
  | 'MUL'
  | 'MOD'
  | 'DIV'
  | 'EQLC'
  | 'NEQ'
  | 'LTE'
  | 'LSS'
  | 'GTE'
  | 'GTR'
  | 'EQL_REGEX'
  | 'NEQ_REGEX'
  | 'POW'
  | 'TRIM_UPPER'
  | 'TRIM_LOWER'
  | 'KEYWORD';

export interface Token {
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
  /** The source text of the token. */
  readonly text: string;
  /** For KEYWORD tokens: the lower-cased keyword (`sum`, `by`, `offset`, `and`, `start`, ...). */
  readonly keyword?: string;
}

export interface LexError {
  readonly message: string;
  readonly start: number;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly error?: LexError;
  readonly hasComments: boolean;
}

const OPERATOR_KEYWORDS = ['and', 'or', 'unless', 'atan2'];
const AGGREGATORS = [
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
];
const MODIFIER_KEYWORDS = [
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'start',
  'end',
];
const DURATION_KEYWORDS = new Set(['step', 'range', 'max_of', 'min_of']);

export const AGGREGATOR_KEYWORDS: ReadonlySet<string> = new Set([...AGGREGATORS, 'limitk', 'limit_ratio']);

/**
 * How the lexer of a given Prometheus version behaves. Prometheus changed its lexer in 2.54
 * (numbers as durations, `1_000`, `limitk`) and 3.4 (arithmetic inside `[...]`), and added keywords
 * in 3.6, 3.7, 3.10 and 3.11.
 */
export interface LexOptions {
  /** 2.54+: numeric durations, underscores in numbers. */
  readonly modernNumbers: boolean;
  /** 3.4+: the inside of `[...]` is a duration expression. */
  readonly durationExpressions: boolean;
  /** 3.11+: the `</` and `>/` operators. */
  readonly trimOperators: boolean;
  readonly keywords: ReadonlySet<string>;
}

export function lexOptionsFor(major: number, minor: number): LexOptions {
  const v = major * 1000 + minor;
  const keywords = new Set([...OPERATOR_KEYWORDS, ...AGGREGATORS, ...MODIFIER_KEYWORDS]);
  if (v >= 2054) ['limitk', 'limit_ratio'].forEach((k) => keywords.add(k));
  if (v >= 3006) DURATION_KEYWORDS.forEach((k) => keywords.add(k));
  if (v >= 3007) ['smoothed', 'anchored'].forEach((k) => keywords.add(k));
  if (v >= 3010) ['fill', 'fill_left', 'fill_right'].forEach((k) => keywords.add(k));
  return { modernNumbers: v >= 2054, durationExpressions: v >= 3004, trimOperators: v >= 3011, keywords };
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAlphaNumeric = (c: number): boolean => isAlpha(c) || isDigit(c);
const EOF = -1;
const DIGITS = '0123456789';

class Lexer {
  readonly tokens: Token[] = [];
  error: LexError | undefined;
  private pos = 0;
  private start = 0;
  private width = 0;
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  private gotDuration = false;
  private stringOpen = 0;
  private done = false;

  constructor(
    private readonly input: string,
    private readonly opts: LexOptions,
  ) {}

  run(): void {
    let state: (() => void) | undefined;
    while (!this.done && this.error === undefined) {
      state = this.braceOpen ? this.lexInsideBraces : this.lexStatements;
      state.call(this);
    }
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.charCodeAt(this.pos);
    const cp = c >= 0xd800 && c < 0xdc00 ? (this.input.codePointAt(this.pos) ?? c) : c;
    this.width = cp > 0xffff ? 2 : 1;
    this.pos += this.width;
    return cp;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    // Every set we accept from is ASCII, so comparing code units is enough (and far cheaper).
    if (r !== EOF && r < 128 && valid.indexOf(String.fromCharCode(r)) >= 0) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    if (valid === DIGITS) {
      while (this.pos < this.input.length && isDigit(this.input.charCodeAt(this.pos))) this.pos++;
      this.width = 0;
      return;
    }
    while (this.accept(valid));
  }

  private is(valid: string): boolean {
    const r = this.peek();
    return r !== EOF && valid.includes(String.fromCodePoint(r));
  }

  private emit(type: TokenType, keyword?: string): void {
    const text = this.input.slice(this.start, this.pos);
    // One object shape for every token keeps property access monomorphic in the parser.
    this.tokens.push({ type, start: this.start, end: this.pos, text, keyword });
    this.start = this.pos;
  }

  private ignore(): void {
    this.start = this.pos;
  }

  private fail(message: string): void {
    this.error = { message, start: this.start };
  }

  /** Prometheus's lexer sometimes emits a token and errors in the same step: the error replaces it. */
  private failReplacing(message: string): void {
    this.tokens.pop();
    this.fail(message);
  }

  private lexStatements(): void {
    if (this.input.startsWith('#', this.pos)) return this.lexLineComment();
    const r = this.next();
    switch (true) {
      case r === EOF:
        if (this.parenDepth !== 0) return this.fail('unclosed left parenthesis');
        if (this.bracketOpen) return this.fail('unclosed left bracket');
        this.emit('EOF');
        this.done = true;
        return;
      case r === 44:
        return this.emit('COMMA');
      case isSpace(r):
        return this.lexSpace();
      case r === 42:
        return this.emit('MUL');
      case r === 47:
        return this.emit('DIV');
      case r === 37:
        return this.emit('MOD');
      case r === 43:
        return this.emit('ADD');
      case r === 45:
        return this.emit('SUB');
      case r === 94:
        return this.emit('POW');
      case r === 61: {
        const t = this.peek();
        if (t === 61) {
          this.next();
          return this.emit('EQLC');
        }
        if (t === 126) return this.fail(`unexpected character after '=': ${goQuoteRune(t)}`);
        return this.emit('EQL');
      }
      case r === 33: {
        const t = this.next();
        if (t === 61) return this.emit('NEQ');
        return this.fail(`unexpected character after '!': ${goQuoteRune(t === EOF ? 0xfffd : t)}`);
      }
      case r === 60: {
        const t = this.peek();
        if (t === 61) {
          this.next();
          return this.emit('LTE');
        }
        if (this.opts.trimOperators && t === 47) {
          this.next();
          return this.emit('TRIM_UPPER');
        }
        return this.emit('LSS');
      }
      case r === 62: {
        const t = this.peek();
        if (t === 61) {
          this.next();
          return this.emit('GTE');
        }
        if (this.opts.trimOperators && t === 47) {
          this.next();
          return this.emit('TRIM_LOWER');
        }
        return this.emit('GTR');
      }
      case isDigit(r) || (r === 46 && isDigit(this.peek())):
        this.backup();
        return this.lexNumberOrDuration();
      case r === 34 || r === 39:
        this.stringOpen = r;
        return this.lexString();
      case r === 96:
        this.stringOpen = r;
        return this.lexRawString();
      case isAlpha(r) || r === 58:
        if (!this.bracketOpen) {
          this.backup();
          return this.lexKeywordOrIdentifier();
        }
        return this.opts.durationExpressions ? this.lexColonOrDurationKeyword(r) : this.lexColonV2();
      case r === 40:
        this.emit('LEFT_PAREN');
        this.parenDepth++;
        return;
      case r === 41:
        this.emit('RIGHT_PAREN');
        this.parenDepth--;
        if (this.parenDepth < 0) return this.failReplacing(`unexpected right parenthesis ${goQuoteRune(r)}`);
        return;
      case r === 123:
        this.emit('LEFT_BRACE');
        this.braceOpen = true;
        return;
      case r === 91:
        if (this.bracketOpen) return this.fail(`unexpected left bracket ${goQuoteRune(r)}`);
        this.gotColon = false;
        this.gotDuration = false;
        this.emit('LEFT_BRACKET');
        if (isSpace(this.peek())) this.skipSpaces();
        this.bracketOpen = true;
        if (this.opts.durationExpressions) return this.lexDurationExprLoop();
        return this.opts.modernNumbers ? this.lexNumberOrDuration() : this.lexDurationV2();
      case r === 93:
        if (!this.bracketOpen) return this.fail(`unexpected right bracket ${goQuoteRune(r)}`);
        this.emit('RIGHT_BRACKET');
        this.bracketOpen = false;
        return;
      case r === 64:
        return this.emit('AT');
      default:
        return this.fail(`unexpected character: ${goQuoteRune(r)}`);
    }
  }

  /** Before 3.4, Prometheus treats any letter inside brackets as the subquery colon (a quirk we reproduce). */
  private lexColonV2(): void {
    if (this.gotColon) return this.fail(`unexpected colon ${goQuoteRune(this.input.codePointAt(this.start) ?? 0)}`);
    this.emit('COLON');
    this.gotColon = true;
  }

  private lexColonOrDurationKeyword(r: number): void {
    if (r === 58) {
      if (this.gotColon) return this.fail(`unexpected colon ${goQuoteRune(r)}`);
      this.emit('COLON');
      this.gotColon = true;
      return;
    }
    if (this.isDurationKeywordStart(r) && this.scanDurationKeyword()) return;
    return this.fail(`unexpected character: ${goQuoteRune(r)}, expected ':'`);
  }

  private isDurationKeywordStart(r: number): boolean {
    const c = String.fromCodePoint(r).toLowerCase();
    return c === 's' || c === 'r' || c === 'm';
  }

  private scanDurationKeyword(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlpha(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos).toLowerCase();
      if (DURATION_KEYWORDS.has(word)) {
        this.emit('KEYWORD', word);
        return true;
      }
      return false;
    }
  }

  private lexInsideBraces(): void {
    if (this.input.startsWith('#', this.pos)) return this.lexLineComment();
    const r = this.next();
    switch (true) {
      case r === EOF:
        return this.fail('unexpected end of input inside braces');
      case isSpace(r):
        return this.lexSpace();
      case isAlpha(r):
        this.backup();
        return this.lexIdentifier();
      case r === 44:
        return this.emit('COMMA');
      case r === 34 || r === 39:
        this.stringOpen = r;
        return this.lexString();
      case r === 96:
        this.stringOpen = r;
        return this.lexRawString();
      case r === 61:
        if (this.next() === 126) return this.emit('EQL_REGEX');
        this.backup();
        return this.emit('EQL');
      case r === 33: {
        const nr = this.next();
        if (nr === 126) return this.emit('NEQ_REGEX');
        if (nr === 61) return this.emit('NEQ');
        return this.fail(`unexpected character after '!' inside braces: ${goQuoteRune(nr === EOF ? 0xfffd : nr)}`);
      }
      case r === 123:
        return this.fail(`unexpected left brace ${goQuoteRune(r)}`);
      case r === 125:
        this.emit('RIGHT_BRACE');
        this.braceOpen = false;
        return;
      default:
        return this.fail(`unexpected character inside braces: ${goQuoteRune(r)}`);
    }
  }

  private lexEscape(): boolean {
    let ch = this.next();
    let n: number;
    let base: number;
    let max: number;
    switch (ch) {
      case 97:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
      case 118:
      case 92:
      case this.stringOpen:
        return true;
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
        [n, base, max] = [3, 8, 255];
        break;
      case 120:
        ch = this.next();
        [n, base, max] = [2, 16, 255];
        break;
      case 117:
        ch = this.next();
        [n, base, max] = [4, 16, 0x10ffff];
        break;
      case 85:
        ch = this.next();
        [n, base, max] = [8, 16, 0x10ffff];
        break;
      case EOF:
        this.fail('escape sequence not terminated');
        return false;
      default:
        this.fail(`unknown escape sequence ${goUnicode(ch)}`);
        return false;
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(ch);
      if (d >= base) {
        if (ch === EOF) {
          this.fail('escape sequence not terminated');
          return false;
        }
        this.fail(`illegal character ${goUnicode(ch)} in escape sequence`);
        return false;
      }
      x = x * base + d;
      n--;
      if (n > 0) ch = this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) {
      this.fail('escape sequence is an invalid Unicode code point');
      return false;
    }
    return true;
  }

  private skipSpaces(): void {
    while (isSpace(this.peek())) this.next();
    this.ignore();
  }

  private lexString(): void {
    for (;;) {
      const r = this.next();
      if (r === 92) {
        if (!this.lexEscape()) return;
        continue;
      }
      // JS strings cannot hold invalid UTF-8; a lone surrogate is the analogue of Go's RuneError.
      if (r >= 0xd800 && r < 0xe000) return this.fail('invalid UTF-8 rune');
      if (r === EOF || r === 10) return this.fail('unterminated quoted string');
      if (r === this.stringOpen) break;
    }
    this.emit('STRING');
  }

  private lexRawString(): void {
    for (;;) {
      const r = this.next();
      if (r >= 0xd800 && r < 0xe000) return this.fail('invalid UTF-8 rune');
      if (r === EOF) return this.fail('unterminated raw string');
      if (r === this.stringOpen) break;
    }
    this.emit('STRING');
  }

  private lexSpace(): void {
    while (isSpace(this.peek())) this.next();
    this.ignore();
  }

  private lexLineComment(): void {
    this.pos += 1;
    let r = this.next();
    while (r !== 13 && r !== 10 && r !== EOF) r = this.next();
    this.backup();
    this.emit('COMMENT');
  }

  private lexDurationV2(): void {
    if (this.scanNumber()) return this.fail('missing unit character in duration');
    if (!this.acceptRemainingDuration())
      return this.fail(`bad duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    this.backup();
    this.emit('DURATION');
  }

  /** Prometheus 3 lexes the inside of `[...]` as a (possibly arithmetic) duration expression. */
  private lexDurationExprLoop(): void {
    while (this.error === undefined && this.bracketOpen) {
      const r = this.next();
      switch (true) {
        case r === EOF:
          return this.fail('unexpected end of input in duration expression');
        case r === 93:
          this.emit('RIGHT_BRACKET');
          this.bracketOpen = false;
          this.gotColon = false;
          return;
        case r === 58:
          this.emit('COLON');
          if (!this.gotDuration) return this.failReplacing('unexpected colon before duration in duration expression');
          if (this.gotColon) return this.failReplacing('unexpected repeated colon in duration expression');
          this.gotColon = true;
          break;
        case r === 40:
          this.emit('LEFT_PAREN');
          this.parenDepth++;
          break;
        case r === 41:
          this.emit('RIGHT_PAREN');
          this.parenDepth--;
          if (this.parenDepth < 0) return this.failReplacing(`unexpected right parenthesis ${goQuoteRune(r)}`);
          break;
        case isSpace(r):
          this.skipSpaces();
          break;
        case r === 43:
          this.emit('ADD');
          break;
        case r === 45:
          this.emit('SUB');
          break;
        case r === 42:
          this.emit('MUL');
          break;
        case r === 47:
          this.emit('DIV');
          break;
        case r === 37:
          this.emit('MOD');
          break;
        case r === 94:
          this.emit('POW');
          break;
        case r === 44:
          this.emit('COMMA');
          break;
        case this.isDurationKeywordStart(r) && isAlpha(r):
          if (!this.scanDurationKeyword())
            return this.fail(`unexpected character in duration expression: ${goQuoteRune(r)}`);
          break;
        case isDigit(r) || (r === 46 && isDigit(this.peek())):
          this.backup();
          this.gotDuration = true;
          this.lexNumberOrDuration();
          break;
        default:
          return this.fail(`unexpected character in duration expression: ${goQuoteRune(r)}`);
      }
    }
  }

  private lexNumberOrDuration(): void {
    if (this.scanNumber()) return this.emit('NUMBER');
    if (this.acceptRemainingDuration()) {
      this.backup();
      return this.emit('DURATION');
    }
    return this.fail(`bad number or duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
  }

  private acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept('0123456789')) {
      while (this.accept('0123456789'));
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlphaNumeric(this.next());
  }

  private scanNumber(): boolean {
    return this.opts.modernNumbers ? this.scanNumberV3() : this.scanNumberV2();
  }

  private scanNumberV2(): boolean {
    let digits = '0123456789';
    if (this.accept('0') && this.accept('xX')) digits = '0123456789abcdefABCDEF';
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789');
    }
    return !isAlphaNumeric(this.peek());
  }

  private scanNumberV3(): boolean {
    const initial = this.pos;
    let digits = '0123456789';
    if (this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digits = '0123456789abcdefABCDEF';
    }
    this.accept('.');
    this.accept(digits);
    let dot = false;
    let exponent = false;
    while (this.is(`${digits}._eE`)) {
      if (this.is('.') && dot) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exponent) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dot = true;
        if (this.accept('_.')) return false;
        if (digits.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponent = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      this.acceptRun(digits);
    }
    if (this.pos === initial) return false;
    return !isAlphaNumeric(this.peek());
  }

  private lexIdentifier(): void {
    while (isAlphaNumeric(this.next()));
    this.backup();
    this.emit('IDENTIFIER');
  }

  private lexKeywordOrIdentifier(): void {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r) || r === 58) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      // Keywords are case-insensitive; most words are long lower-case metric names, which skip the copy.
      const lower = word.length > 12 || !/[A-Z]/.test(word) ? word : word.toLowerCase();
      if (lower === 'inf' || lower === 'nan') return this.emit('NUMBER');
      if (this.opts.keywords.has(lower)) {
        if (lower.startsWith('fill') && !this.followedByLeftParen()) return this.emit('IDENTIFIER');
        return this.emit('KEYWORD', lower);
      }
      return this.emit(word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
    }
  }

  private followedByLeftParen(): boolean {
    for (let i = this.pos; i < this.input.length; i++) {
      const c = this.input.charCodeAt(i);
      if (!isSpace(c)) return c === 40;
    }
    return false;
  }
}

function digitVal(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 97 && ch <= 102) return ch - 97 + 10;
  if (ch >= 65 && ch <= 70) return ch - 65 + 10;
  return 16;
}

export function lex(input: string, opts: LexOptions): LexResult {
  const lexer = new Lexer(input, opts);
  lexer.run();
  const hasComments = input.includes('#') && lexer.tokens.some((t) => t.type === 'COMMENT');
  return lexer.error === undefined
    ? { tokens: lexer.tokens, hasComments }
    : { tokens: lexer.tokens, error: lexer.error, hasComments };
}
