/**
 * Turns Prometheus tokens into a text of exactly the same length that lezer-promql tokenizes the same
 * way. Lezer then only decides structure; values (numbers, durations, names) are read from our tokens.
 * Equal length keeps every offset valid in both texts, so no position mapping is needed.
 */
import type { Token } from './lexer.ts';

/** Function names lezer-promql's grammar knows, by length, to stand in for ones it lacks (e.g. `holt_winters` in 2.x). */
const LEZER_FUNCTIONS = [
  'abs',
  'absent',
  'absent_over_time',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'avg_over_time',
  'ceil',
  'changes',
  'clamp',
  'clamp_max',
  'clamp_min',
  'cos',
  'cosh',
  'count_over_time',
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'deg',
  'delta',
  'deriv',
  'exp',
  'first_over_time',
  'floor',
  'histogram_avg',
  'histogram_count',
  'histogram_fraction',
  'histogram_quantile',
  'histogram_quantiles',
  'histogram_stddev',
  'histogram_stdvar',
  'histogram_sum',
  'double_exponential_smoothing',
  'hour',
  'idelta',
  'increase',
  'info',
  'irate',
  'label_replace',
  'label_join',
  'last_over_time',
  'ln',
  'log10',
  'log2',
  'mad_over_time',
  'max_over_time',
  'min_over_time',
  'ts_of_first_over_time',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
  'ts_of_last_over_time',
  'minute',
  'month',
  'pi',
  'predict_linear',
  'present_over_time',
  'quantile_over_time',
  'rad',
  'rate',
  'resets',
  'round',
  'scalar',
  'sgn',
  'sin',
  'sinh',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'start_timestamp',
  'sqrt',
  'stddev_over_time',
  'stdvar_over_time',
  'sum_over_time',
  'tan',
  'tanh',
  'timestamp',
  'time',
  'vector',
  'year',
] as const;

export const LEZER_FUNCTION_SET: ReadonlySet<string> = new Set(LEZER_FUNCTIONS);

const standInByLength = new Map<number, string>();
for (const f of LEZER_FUNCTIONS) if (!standInByLength.has(f.length)) standInByLength.set(f.length, f);

/** Token types after which an expression has ended (so a following `offset` is the modifier). */
const EXPRESSION_END = new Set([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'NUMBER',
  'DURATION',
  'STRING',
  'RIGHT_PAREN',
  'RIGHT_BRACE',
  'RIGHT_BRACKET',
]);

export interface CanonicalOptions {
  /**
   * Start offsets of `offset` keywords to read as a metric name. An `offset` right after another
   * keyword (`sum offset 5m` is the metric `sum`, offset by 5m) or after `)` (which may close a
   * `by (...)` list: `x + ignoring(a) offset`) can be either; we try the modifier reading first.
   */
  readonly nameOffsets?: ReadonlySet<number>;
}

/** The `offset` tokens that may be a metric name as well as the modifier. */
export function ambiguousOffsets(tokens: readonly Token[]): number[] {
  const out: number[] = [];
  let prev: Token | undefined;
  for (const t of tokens) {
    if (t.type === 'COMMENT') continue;
    if (t.type === 'KEYWORD' && t.keyword === 'offset' && (prev?.type === 'KEYWORD' || prev?.type === 'RIGHT_PAREN'))
      out.push(t.start);
    prev = t;
  }
  return out;
}

/** lezer-promql's own number token; anything else Prometheus lexes as a number is respelled. */
const LEZER_NUMBER = /^(?:(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?|0x[0-9a-fA-F]+|inf|nan)$/i;

/** lezer-promql's duration token: units in order, each at most once. */
const LEZER_DURATION = /^(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m(?!s))?(?:\d+s)?(?:\d+ms)?$/;

export function canonicalText(input: string, tokens: readonly Token[], opts: CanonicalOptions): string {
  // Most expressions need no respelling at all; only build a new string once something changes.
  let out: string[] | undefined;
  let pos = 0;
  let prev: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'EOF') break;
    const text = canonicalToken(t, prev, tokens[i + 1], opts);
    if (text !== t.text) {
      out ??= [];
      out.push(input.slice(pos, t.start), text);
      pos = t.end;
    }
    if (t.type !== 'COMMENT') prev = t;
  }
  if (!out) return input;
  out.push(input.slice(pos));
  return out.join('');
}

function canonicalToken(t: Token, prev: Token | undefined, next: Token | undefined, opts: CanonicalOptions): string {
  const n = t.end - t.start;
  switch (t.type) {
    case 'COMMENT':
      return ' '.repeat(n);
    // A respelled literal must not start with a digit when Prometheus's token starts with `.`, or it
    // would merge with a name glued before it (`x.5` is two tokens, `x11` would be one).
    // A respelled literal glued to the next token is padded with spaces instead of digits, so the two
    // cannot merge (`1.` then `.2` must stay two numbers); otherwise it keeps its full width.
    case 'NUMBER': {
      if (LEZER_NUMBER.test(t.text) && !/^0X/.test(t.text)) return t.text;
      const head = t.text.startsWith('.') ? '.1' : '1';
      return glued(t, next) ? head.padEnd(n, ' ') : head.padEnd(n, '1');
    }
    case 'DURATION': {
      if (LEZER_DURATION.test(t.text)) return t.text;
      if (t.text.startsWith('.')) return glued(t, next) ? '.1'.padEnd(n, ' ') : '.1'.padEnd(n, '1');
      if (n < 2 || !/^\d/.test(t.text)) return '1'.padEnd(n, glued(t, next) ? ' ' : '1');
      return glued(t, next) ? '1s'.padEnd(n, ' ') : `${'1'.repeat(n - 1)}s`;
    }
    case 'COLON':
      return ':';
    case 'IDENTIFIER':
      // Prometheus parses any `name(` as a call and rejects unknown names afterwards; lezer knows only
      // its own function names. A known name of the same length keeps lezer's tree shaped like
      // Prometheus's (the name itself is read from our token).
      if (next?.type === 'LEFT_PAREN' && !LEZER_FUNCTION_SET.has(t.text)) return standInByLength.get(n) ?? t.text;
      return t.text;
    case 'KEYWORD':
      // `offset` is a valid metric name where no expression precedes it; lezer always reads it as the modifier.
      if (t.keyword === 'offset') {
        if (opts.nameOffsets?.has(t.start)) return '_'.repeat(n);
        if (prev?.type === 'KEYWORD') return t.text;
        if (!prev || !EXPRESSION_END.has(prev.type)) return '_'.repeat(n);
      }
      return t.text;
    default:
      return t.text;
  }
}

function glued(t: Token, next: Token | undefined): boolean {
  return next !== undefined && next.start === t.end && next.type !== 'EOF';
}

/** The lezer-known function name used in place of `name`, if lezer lacks `name`. */
export function standInFor(name: string): string | undefined {
  return LEZER_FUNCTION_SET.has(name) ? undefined : standInByLength.get(name.length);
}
