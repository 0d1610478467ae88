/**
 * A seeded, deterministic generator of PromQL expressions for the differential test against
 * promtool (`differential.test.ts`). Two sources, mixed:
 *
 *  a. random expressions from a (type-aware) grammar of PromQL, where every choice point has a small
 *     chance of taking a wrong turn (wrong type, wrong arity, bad duration, bad regex, bad escape,
 *     misplaced modifier, syntax newer than 2.42, ...), so that a good share of the output is valid
 *     and the invalid share is invalid in one or two interesting ways rather than in twenty;
 *  b. mutations (character and token edits, truncation, wrapping, splicing) of a corpus of realistic
 *     alerting and dashboard expressions.
 *
 * The only things never generated are inputs promtool cannot receive as a one-line recording rule:
 * line breaks (`\n`, `\r`, U+2028, U+2029: YAML folds them) and unpaired surrogates (not UTF-8).
 */
import { FUNCTION_ROWS } from '../../dsl/promql/function-table.ts';
import { mulberry32 } from '../helpers/prng.ts';
export { mulberry32 };

// ---------------------------------------------------------------------------------------------
// PRNG


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[this.int(xs.length)] as T;
  }
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of choices) {
      r -= w;
      if (r < 0) return v;
    }
    return (choices[choices.length - 1] as readonly [number, T])[1];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

type Ty = 'vector' | 'scalar' | 'matrix' | 'string';

const METRIC_NAMES = [
  'up', 'foo', 'bar', 'x', 'http_requests_total', 'http_request_duration_seconds_bucket', 'node_cpu_seconds_total',
  'node_memory_MemAvailable_bytes', 'node_filesystem_avail_bytes', 'container_memory_working_set_bytes',
  'kube_pod_container_status_restarts_total', 'job:http_requests:rate5m', 'instance_path:requests:rate5m',
  'process_start_time_seconds', 'go_goroutines', 'a_b_c', '_x', '__name__', 'X1', 'foo:bar', ':foo',
];
/** Names that the lexer turns into keywords, or that look like keywords/functions/numbers. */
const KEYWORD_NAMES = [
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values',
  'by', 'without', 'offset', 'start', 'end', 'and', 'or', 'unless', 'atan2', 'bool', 'on', 'ignoring',
  'group_left', 'group_right', 'limitk', 'limit_ratio', 'step', 'range', 'smoothed', 'anchored', 'fill',
  'inf', 'Inf', 'nan', 'NaN', 'rate', 'time', 'vector', 'scalar', 'SUM', 'By', 'OFFSET', 'e', 'x1e3', 'Infinity',
];
const BAD_NAMES = ['1abc', 'a-b', 'a.b', 'é', 'foo.bar', 'µs', '"foo"', '"foo.bar"', '`foo`'];

const LABEL_NAMES = ['job', 'instance', 'le', 'code', 'method', 'mode', 'namespace', 'pod', 'container', 'cpu', 'device', 'mountpoint', 'quantile', 'a', '_', '__name__', 'L1'];
const KEYWORD_LABELS = ['by', 'on', 'sum', 'offset', 'bool', 'and', 'or', 'inf', 'nan', 'start', 'end', 'group_left', 'without', 'count_values', 'limitk', 'step', 'atan2', 'unless'];
const BAD_LABELS = ['1x', 'a-b', 'a.b', '"a.b"', '"job"', 'a:b', 'é', '`x`', "'job'"];

const PLAIN_VALUES = ['', 'x', 'api', '5..', '200', 'GET', '/metrics', 'node-exporter', 'kube-system', 'a b', 'idle', '0.99', 'éé', '💥', 'tmpfs|overlay'];
const GOOD_REGEXES = ['.*', '.+', '5..', 'api|web', '(?i)get', '[a-z]+', 'x{2,3}', '^foo$', '\\\\d+', '\\\\.', 'a(b|c)*', '(?:x)', '[[:alpha:]]+', '\\\\pL', 'tmpfs|overlay|squashfs', ''];
const BAD_REGEXES = ['(', '[', '*', 'a**', 'x{2,1}', '(?<n>x)', '(?=x)', '\\\\', 'a\\\\', '\\\\8', '[z-a]', 'x{1001}', '(?P<>x)', '+', '\\\\C', '\\\\Q', '(?z)', '[[:foo:]]', 'a{,3}', '\\\\b+'];

const GOOD_DURATIONS = ['5m', '1m', '30s', '1h', '1d', '1w', '1y', '100ms', '1h30m', '2d3h', '1m30s', '90s', '15s', '10m', '6h', '1d12h', '500ms', '1s500ms', '3w', '24h'];
const BAD_DURATIONS = ['0s', '0m', '1h1h', '5M', '1.5m', '300', '5mins', '1s1m', '1', '0', '-5m', '1H', '5min', 'm', '5m5', '1ms1s', '1.0s', '$__rate_interval', '5 m', '0x5m', '1e3s', '1y1y', '5m ', ' 5m'];
const NEWER_RANGE_SYNTAX = ['5m+1m', '2*5m', 'step()', '1h-5m', '(5m)', '5m*2', 'range()'];

const GOOD_NUMBERS = ['0', '1', '2', '10', '42', '100', '0.5', '0.99', '1.5', '3.14', '1e3', '1E3', '1e-3', '2.5e+2', '.5', '1.', '0x1F', '0X1F', '0xff', 'Inf', 'inf', 'NaN', 'nan', '+Inf', '017', '08', '09.5', '0.0', '1e308', '1e309', '000', '0755'];
const BAD_NUMBERS = ['1_000', '1__0', '0x', '1e', '1.2.3', '0b101', '1e+', '5m', '1h30m', '0xg', '1x', '..5', '1_', '0o17', '1,5', '1e3e3'];

const STRING_BODIES = ['', 'x', 'foo', 'hello world', 'a"b', "a'b", 'éé', '💥', 'a`b', '$1', '${1}', '(.*)', 'a,b', 'tab\there'];
const GOOD_ESCAPES = ['\\n', '\\t', '\\\\', '\\a', '\\b', '\\f', '\\v', '\\r', '\\x41', '\\101', '\\u00e9', '\\U0001F600', '\\377', '\\xFF'];
const BAD_ESCAPES = ['\\d', '\\q', '\\x4', '\\u12', '\\400', '\\8', '\\U00110000', '\\ud800', '\\.', '\\ ', '\\x', '\\u', '\\0', '\\s', '\\w', '\\z', '\\U1'];

const AGG_SIMPLE = ['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar'];
const AGG_PARAM = ['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio'];
const ALL_AGGS = [...AGG_SIMPLE, ...AGG_PARAM, 'count_values'];

const ARITH_OPS = ['+', '-', '*', '/', '%', '^', 'atan2'];
const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='];
const SET_OPS = ['and', 'or', 'unless'];
const BAD_OPS = ['=', '===', '<>', '!', '**', '&&', '||', '=>', '=<', '</', '>/', 'AND', 'Or', 'xor', '~'];
const MATCH_OPS = ['=', '!=', '=~', '!~'];
const BAD_MATCH_OPS = ['==', '=!', '~', '<', '~=', '!', ':', '!=~'];

/** Unusual but single-line whitespace (Prometheus accepts only space and tab here). */
const WEIRD_SPACES = ['\t', '  ', '\t\t', '\u00a0', '\f', '\v', '\u3000', '\u200b', '\u0085', '\ufeff'];

const FUNCTIONS = FUNCTION_ROWS;
const FUNCTION_NAMES = [...new Set(FUNCTIONS.map((f) => f.name))];
const FAKE_FUNCTIONS = ['rae', 'Rate', 'RATE', 'sum_over', 'histogram', 'foo', 'now', 'label_set', 'rate5m', 'count_values_over_time'];

// ---------------------------------------------------------------------------------------------
// Random expressions from the grammar

class GrammarGen {
  constructor(private readonly r: Rng, private readonly err: number) {}

  /** Is this choice point taking a wrong turn? */
  private bad(scale = 1): boolean {
    return this.r.chance(this.err * scale);
  }

  private sp(): string {
    const r = this.r;
    if (r.chance(0.75)) return '';
    if (r.chance(0.8)) return ' ';
    if (this.bad(2)) return r.pick(WEIRD_SPACES);
    return r.pick(['  ', '\t', ' \t ']);
  }

  /** A required separator between words. */
  private ws(): string {
    return this.bad(0.5) ? this.r.pick(WEIRD_SPACES) : this.r.chance(0.9) ? ' ' : this.r.pick(['  ', '\t']);
  }

  metricName(): string {
    const r = this.r;
    if (this.bad(0.3)) return r.pick(BAD_NAMES);
    if (r.chance(0.12)) return r.pick(KEYWORD_NAMES);
    return r.pick(METRIC_NAMES);
  }

  labelName(): string {
    const r = this.r;
    if (this.bad(0.3)) return r.pick(BAD_LABELS);
    if (r.chance(0.1)) return r.pick(KEYWORD_LABELS);
    return r.pick(LABEL_NAMES);
  }

  /** A string literal with the given content (already escaped as needed) and a random quote. */
  quoted(body: string, quote?: string): string {
    const q = quote ?? this.r.weighted([[6, '"'], [3, "'"], [1, '`']] as const);
    if (q === '`') return `\`${body.replace(/`/g, '')}\``;
    // escape our own quote character unless a wrong turn
    const escaped = this.bad(0.3) ? body : body.replace(new RegExp(q, 'g'), `\\${q}`);
    return `${q}${escaped}${q}`;
  }

  stringLit(): string {
    const r = this.r;
    if (this.bad(0.6)) {
      const k = r.int(4);
      if (k === 0) return `"${r.pick(STRING_BODIES)}${r.pick(BAD_ESCAPES)}"`;
      if (k === 1) return `'${r.pick(BAD_ESCAPES)}${r.pick(STRING_BODIES)}'`;
      if (k === 2) return r.pick(['"abc', "'abc", '`abc', '"a\\"', "'", '"']);
      return `"${r.pick(STRING_BODIES)}${r.pick(BAD_ESCAPES)}${r.pick(GOOD_ESCAPES)}"`;
    }
    let body = r.pick(STRING_BODIES);
    const q = r.weighted([[6, '"'], [3, "'"], [1, '`']] as const);
    if (q !== '`' && r.chance(0.3)) body += r.pick(GOOD_ESCAPES);
    if (q === '`' && r.chance(0.3)) body += r.pick(['\\d', '\\q', '\\', '"', "'"]); // raw strings keep backslashes
    if (q !== '`') body = body.replace(/\t/g, r.chance(0.5) ? '\\t' : '\t');
    return this.quoted(body, q);
  }

  numberLit(): string {
    if (this.bad(0.5)) return this.r.pick(BAD_NUMBERS);
    return this.r.pick(GOOD_NUMBERS);
  }

  duration(): string {
    const r = this.r;
    if (this.bad(1)) return r.pick(r.chance(0.8) ? BAD_DURATIONS : NEWER_RANGE_SYNTAX);
    return r.pick(GOOD_DURATIONS);
  }

  matcher(): string {
    const r = this.r;
    const name = this.labelName();
    let op = r.pick(MATCH_OPS);
    if (this.bad(0.3)) op = r.pick(BAD_MATCH_OPS);
    let value: string;
    if (op === '=~' || op === '!~') {
      const re = this.bad(1.5) ? r.pick(BAD_REGEXES) : r.pick(GOOD_REGEXES);
      // The regexes are written for a double-quoted string; in a raw string, un-double the backslashes.
      const q = r.weighted([[6, '"'], [2, "'"], [2, '`']] as const);
      value = q === '"' ? `"${re}"` : q === "'" ? `'${re}'` : `\`${re.replace(/\\\\/g, '\\')}\``;
    } else if (this.bad(0.3)) {
      value = r.pick([this.numberLit(), 'foo', '', this.stringLit()]);
    } else {
      value = this.quoted(r.pick(PLAIN_VALUES));
    }
    return `${name}${this.sp()}${op}${this.sp()}${value}`;
  }

  vectorSelector(): string {
    const r = this.r;
    const shape = r.weighted([[5, 'name'], [5, 'name{}'], [2, '{}'], [1, 'name{__name__}']] as const);
    const matchers = (min: number): string => {
      const n = min + r.int(3);
      const ms: string[] = [];
      for (let i = 0; i < n; i++) ms.push(this.matcher());
      if (ms.length > 0 && r.chance(0.1)) ms.push(''); // trailing comma
      if (this.bad(0.2)) ms.push(''); // empty element / double comma
      return `{${this.sp()}${ms.join(`,${this.sp()}`)}${this.sp()}}`;
    };
    if (shape === 'name') return this.metricName();
    if (shape === 'name{}') return `${this.metricName()}${this.sp()}${matchers(this.bad(0.3) ? 0 : r.int(2))}`;
    if (shape === '{}') {
      if (r.chance(0.4)) return `{__name__${r.pick(['=', '=~', '!='])}"${r.pick(METRIC_NAMES.concat(KEYWORD_NAMES, ['', '.+', 'x.*']))}"${r.chance(0.5) ? `, ${this.matcher()}` : ''}}`;
      if (this.bad(0.5)) return r.pick(['{}', '{x=""}', '{x=~".*"}', '{x!=""}', '{x=~""}', '{x!~".+"}', '{"foo"}', '{"foo", x="y"}']);
      return matchers(1);
    }
    return `${this.metricName()}{__name__=${this.quoted(r.pick(METRIC_NAMES))}${r.chance(0.5) ? `, ${this.matcher()}` : ''}}`;
  }

  modifiers(): string {
    const r = this.r;
    let out = '';
    const offset = (): string => {
      const d = this.bad(1) ? r.pick([...BAD_DURATIONS, '-0s', '- 5m', '+5m', '"5m"']) : `${r.chance(0.2) ? '-' : ''}${r.pick(GOOD_DURATIONS)}`;
      return `${this.ws()}${r.chance(0.1) ? 'OFFSET' : 'offset'}${this.ws()}${d}`;
    };
    const at = (): string => {
      const v = this.bad(1)
        ? r.pick(['5m', '"1"', 'Inf', '-Inf', 'NaN', 'time()', 'start', 'end()()', 'start ()', '1e300', 'foo', '( 1 )', '-1h'])
        : r.pick(['1609746000', '1609746000.5', '1.6e9', '-100', '0', '0x10', 'start()', 'end()', 'start( )', '+5', '100', '-0']);
      return `${this.sp()}@${this.sp()}${v}`;
    };
    const k = r.int(10);
    if (k < 5) return '';
    if (k < 7) out += offset();
    else if (k < 8) out += at();
    else if (k < 9) out += r.chance(0.5) ? offset() + at() : at() + offset();
    else out += this.bad(5) ? r.pick([offset() + offset(), at() + at()]) : offset();
    return out;
  }

  /** Range `[d]` or subquery `[d:]`, `[d:s]`. */
  private rangeBracket(subquery: boolean): string {
    const r = this.r;
    if (!subquery) return `[${this.sp()}${this.duration()}${this.sp()}]`;
    const step = r.chance(0.4) ? '' : this.duration();
    return `[${this.sp()}${this.duration()}${this.sp()}:${this.sp()}${step}${this.sp()}]`;
  }

  matrix(depth: number): string {
    const r = this.r;
    if (depth <= 0 || r.chance(0.7)) {
      const sel = this.vectorSelector();
      // a range on a selector, the modifiers after it (or, wrongly, before it)
      const mods = this.modifiers();
      if (this.bad(0.5) && mods) return `${sel}${mods}${this.rangeBracket(false)}`;
      let s = `${sel}${this.sp()}${this.rangeBracket(false)}${mods}`;
      if (this.bad(0.3)) s += this.rangeBracket(r.chance(0.5)); // range of a range
      return s;
    }
    // subquery
    const inner = this.bad(0.5) ? this.expr(r.pick(['matrix', 'scalar', 'string'] as const), depth - 1) : this.expr('vector', depth - 1);
    const needParens = !/^[A-Za-z_:][\w:]*(\{[^}]*\})?$/.test(inner) && !/^\w+\(.*\)$/.test(inner);
    const body = needParens && !this.bad(0.5) ? `(${inner})` : inner;
    return `${body}${this.sp()}${this.rangeBracket(true)}${this.modifiers()}`;
  }

  private args(types: readonly string[], variadic: number, depth: number): string[] {
    const r = this.r;
    const out: string[] = [];
    let n = types.length;
    if (variadic > 0) n += r.int(variadic + 1);
    if (variadic < 0) n += r.int(3);
    if (this.bad(1.5)) n = Math.max(0, n + r.pick([-1, 1, 2, -2]));
    for (let i = 0; i < n; i++) {
      const ty = (types[Math.min(i, types.length - 1)] ?? 'vector') as Ty;
      out.push(this.expr(this.bad(1.5) ? r.pick(['vector', 'scalar', 'matrix', 'string'] as const) : ty, depth - 1));
    }
    return out;
  }

  call(depth: number, want?: Ty): string {
    const r = this.r;
    let name: string;
    let types: readonly string[] = [];
    let variadic = 0;
    if (this.bad(0.3)) {
      name = r.pick(FAKE_FUNCTIONS);
      types = ['vector'];
    } else {
      let cands = FUNCTIONS.filter((f) => !want || f.returns === want);
      if (cands.length === 0) cands = [...FUNCTIONS];
      // prefer functions 2.42 has, but keep newer ones (mad_over_time, sort_by_label, info, ...)
      if (r.chance(0.8)) {
        const old = cands.filter((f) => f.since[0] === 2 && f.since[1] <= 42);
        if (old.length > 0) cands = old;
      }
      const f = r.pick(cands);
      name = f.name;
      types = f.args;
      variadic = f.variadic;
    }
    // Special shapes whose string arguments matter.
    if (name === 'label_replace' && !this.bad(1)) {
      const v = this.expr('vector', depth - 1);
      const re = this.bad(1) ? r.pick(BAD_REGEXES) : r.pick(['(.*)', '(.+):\\\\d+', '', '.*', '(?P<x>.*)']);
      return `label_replace(${v}, ${this.quoted(r.pick(['dst', 'instance', 'host', '__name__', '1bad', 'a-b', '']))}, "$1", ${this.quoted(r.pick(['instance', 'src', 'a-b', '']))}, "${re}")`;
    }
    if (name === 'label_join' && !this.bad(1)) {
      const v = this.expr('vector', depth - 1);
      const srcs = Array.from({ length: r.int(3) }, () => this.quoted(r.pick(LABEL_NAMES.concat(['a-b', '']))));
      return `label_join(${[v, this.quoted(r.pick(['dst', 'foo', '1bad', '', '__name__'])), this.quoted(r.pick([',', '-', ''])), ...srcs].join(', ')})`;
    }
    const args = this.args(types, variadic, depth);
    const fname = this.bad(0.2) ? name.toUpperCase() : name;
    const between = this.bad(0.2) ? ' ' : '';
    const trailing = args.length > 0 && this.bad(0.3) ? ',' : '';
    return `${fname}${between}(${this.sp()}${args.join(`,${this.sp()}`)}${trailing}${this.sp()})`;
  }

  grouping(): string {
    const r = this.r;
    const n = r.int(4);
    const labels = Array.from({ length: n }, () => this.labelName());
    if (n > 0 && r.chance(0.1)) labels.push('');
    return `(${labels.join(`,${this.sp()}`)})`;
  }

  aggregation(depth: number): string {
    const r = this.r;
    let op = this.bad(0.3) ? r.pick(['SUM', 'Avg', 'median', 'countk', 'sum_over_time']) : r.pick(ALL_AGGS);
    if (r.chance(0.1)) op = op.toUpperCase();
    const lower = op.toLowerCase();
    const body: string[] = [];
    if (AGG_PARAM.includes(lower)) {
      body.push(this.bad(1) ? this.expr(r.pick(['vector', 'string'] as const), depth - 1) : r.chance(0.7) ? r.pick(['5', '10', '0.99', '0.5', '1', '0', '-1', '1.5']) : this.expr('scalar', depth - 1));
    } else if (lower === 'count_values') {
      body.push(this.bad(1) ? this.expr(r.pick(['scalar', 'vector'] as const), depth - 1) : this.quoted(r.pick(['value', 'version', 'le', '1bad', 'a-b', '', '__name__'])));
    }
    body.push(this.expr(this.bad(1) ? r.pick(['scalar', 'matrix', 'string'] as const) : 'vector', depth - 1));
    if (this.bad(0.7)) {
      if (body.length > 1) body.shift();
      else body.unshift('5');
    }
    const kw = r.pick(['by', 'without', 'BY', 'Without']);
    const grp = `${kw}${this.sp()}${this.grouping()}`;
    const call = `(${this.sp()}${body.join(`,${this.sp()}`)}${this.sp()})`;
    const where = r.weighted([[3, 'none'], [3, 'before'], [3, 'after'], [this.err * 10, 'both']] as const);
    if (where === 'none') return `${op}${this.sp()}${call}`;
    if (where === 'before') return `${op}${this.ws()}${grp}${this.sp()}${call}`;
    if (where === 'after') return `${op}${this.sp()}${call}${this.sp()}${grp}`;
    return `${op} ${grp} ${call} ${grp}`;
  }

  binary(want: Ty, depth: number): string {
    const r = this.r;
    const kind = r.weighted([[5, 'arith'], [3, 'cmp'], [2, 'set'], [this.err * 10, 'badop']] as const);
    let op: string;
    let lt: Ty;
    let rt: Ty;
    if (want === 'scalar') {
      lt = 'scalar';
      rt = 'scalar';
    } else {
      const shape = r.weighted([[5, 'vv'], [2, 'vs'], [2, 'sv']] as const);
      lt = shape === 'sv' ? 'scalar' : 'vector';
      rt = shape === 'vs' ? 'scalar' : 'vector';
    }
    if (this.bad(1)) {
      if (r.chance(0.5)) lt = r.pick(['matrix', 'string', 'scalar'] as const);
      else rt = r.pick(['matrix', 'string', 'scalar'] as const);
    }
    let mods = '';
    if (kind === 'arith') op = r.pick(ARITH_OPS);
    else if (kind === 'cmp') {
      op = r.pick(COMPARISON_OPS);
      if (want === 'scalar' ? !this.bad(2) : r.chance(0.3)) mods += `${this.ws()}bool`;
    } else if (kind === 'set') {
      op = r.pick(SET_OPS);
      if (want === 'scalar' || !this.bad(1)) {
        lt = 'vector';
        rt = 'vector';
      }
      if (r.chance(0.05)) op = op.toUpperCase();
    } else op = r.pick(BAD_OPS);
    if (this.bad(0.5) && !mods) mods += `${this.ws()}bool`;
    const vv = lt === 'vector' && rt === 'vector';
    if ((vv && r.chance(0.35)) || this.bad(0.5)) {
      mods += `${this.ws()}${r.pick(['on', 'ignoring', 'ON', 'Ignoring'])}${this.sp()}${this.grouping()}`;
      if (r.chance(0.4) || this.bad(0.5)) {
        mods += `${this.ws()}${r.pick(['group_left', 'group_right', 'GROUP_LEFT'])}`;
        if (r.chance(0.6)) mods += `${this.sp()}${this.grouping()}`;
      }
    } else if (this.bad(0.3)) {
      mods += `${this.ws()}${r.pick(['group_left', 'group_right'])}${r.chance(0.5) ? this.grouping() : ''}`;
    }
    const opSpace = /^[a-z]/i.test(op) ? this.ws() : this.sp();
    const left = this.expr(lt, depth - 1);
    const right = this.expr(rt, depth - 1);
    return `${left}${opSpace}${op}${mods}${opSpace}${right}`;
  }

  expr(want: Ty, depth: number): string {
    const r = this.r;
    // a wrong type, now and then
    if (this.bad(0.5)) want = r.pick(['vector', 'scalar', 'matrix', 'string'] as const);
    let s: string;
    if (want === 'string') {
      s = r.chance(0.9) ? this.stringLit() : `(${this.stringLit()})`;
    } else if (want === 'matrix') {
      s = this.matrix(depth);
    } else if (want === 'scalar') {
      const k = depth <= 0 ? r.weighted([[6, 'num'], [1, 'call']] as const) : r.weighted([[5, 'num'], [2, 'call'], [2, 'bin'], [1, 'paren'], [1, 'unary']] as const);
      if (k === 'num') s = this.numberLit();
      else if (k === 'call') s = this.call(depth, 'scalar');
      else if (k === 'bin') s = this.binary('scalar', depth);
      else if (k === 'paren') s = `(${this.sp()}${this.expr('scalar', depth - 1)}${this.sp()})`;
      else s = `${r.pick(['-', '+', '- ', '--', '-+'])}${this.expr('scalar', depth - 1)}`;
    } else {
      const k = depth <= 0
        ? r.weighted([[8, 'sel'], [1, 'call']] as const)
        : r.weighted([[4, 'sel'], [3, 'call'], [3, 'agg'], [4, 'bin'], [1, 'paren'], [1, 'unary']] as const);
      if (k === 'sel') s = `${this.vectorSelector()}${this.modifiers()}`;
      else if (k === 'call') s = this.call(depth, 'vector');
      else if (k === 'agg') s = this.aggregation(depth);
      else if (k === 'bin') s = this.binary('vector', depth);
      else if (k === 'paren') s = `(${this.sp()}${this.expr('vector', depth - 1)}${this.sp()})`;
      else s = `${r.pick(['-', '+', '-', '- ', '+-'])}${this.expr('vector', depth - 1)}`;
    }
    // Modifiers on things that are not selectors (subqueries and offsets of calls are wrong turns).
    if (this.bad(0.3) && want !== 'string') s = `${s}${this.ws()}offset${this.ws()}${this.duration()}`;
    // parentheses around a sub-expression, balanced or (rarely) not
    if (r.chance(0.08)) s = `(${s})`;
    if (this.bad(0.2)) s = r.chance(0.5) ? `(${s}` : `${s})`;
    return s;
  }

  top(): string {
    const r = this.r;
    const want = r.weighted([[12, 'vector'], [4, 'scalar'], [1, 'matrix'], [1, 'string']] as const);
    let s = `${this.sp()}${this.expr(want, 1 + r.int(4))}${this.sp()}`;
    if (r.chance(0.05)) s += `${r.pick([' ', '', '\t'])}# ${r.pick(['comment', 'rate(x[5m])', '', '"unterminated', ')', '# nested'])}`;
    if (r.chance(0.01)) s = `# just a comment ${s}`;
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// The corpus of realistic expressions and their mutations

/** Realistic alerting, recording and dashboard expressions, all valid in Prometheus 2.42. */
export const CORPUS: readonly string[] = [
  'up == 0',
  'absent(up{job="prometheus"})',
  'sum by (job) (rate(http_requests_total[5m]))',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))',
  'histogram_quantile(0.9, sum without (instance, pod) (rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT"}[5m]))) > 1',
  '100 - (avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100) > 90',
  '(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > 90',
  'node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay"} < 0.1',
  'predict_linear(node_filesystem_avail_bytes{fstype!=""}[6h], 4 * 3600) < 0',
  '(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 15 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 24*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)',
  'rate(node_network_receive_errs_total[2m]) / rate(node_network_receive_packets_total[2m]) > 0.01',
  'increase(kube_pod_container_status_restarts_total[1h]) > 5',
  'rate(kube_pod_container_status_restarts_total{job="kube-state-metrics"}[10m]) * 60 * 5 > 0',
  'sum by (namespace, pod) (max by (namespace, pod) (kube_pod_status_phase{job="kube-state-metrics", phase=~"Pending|Unknown"}) * on (namespace, pod) group_left(owner_kind) topk by (namespace, pod) (1, max by (namespace, pod, owner_kind) (kube_pod_owner{owner_kind!="Job"}))) > 0',
  'kube_deployment_spec_replicas{job="kube-state-metrics"} != kube_deployment_status_replicas_available{job="kube-state-metrics"}',
  'kube_statefulset_status_replicas_ready != kube_statefulset_status_replicas',
  'sum(namespace_cpu:kube_pod_container_resource_requests:sum{}) / sum(kube_node_status_allocatable{resource="cpu"}) > ((count(kube_node_status_allocatable{resource="cpu"}) > 1) - 1) / count(kube_node_status_allocatable{resource="cpu"})',
  'container_memory_working_set_bytes{container!="", image!=""} / on (namespace, pod, container) kube_pod_container_resource_limits{resource="memory"} > 0.9',
  'sum(rate(container_cpu_cfs_throttled_periods_total{container!=""}[5m])) by (container, pod, namespace) / sum(rate(container_cpu_cfs_periods_total[5m])) by (container, pod, namespace) > (25 / 100)',
  'avg_over_time(up[1h]) < 0.9',
  'max_over_time(probe_success{job="blackbox"}[5m]) == 0',
  'probe_ssl_earliest_cert_expiry - time() < 86400 * 14',
  'time() - process_start_time_seconds < 300',
  'count by (version) (prometheus_build_info)',
  'count(count by (version) (prometheus_build_info)) > 1',
  'topk(10, sum by (handler) (rate(prometheus_http_requests_total[5m])))',
  'bottomk(3, avg_over_time(node_load1[10m]))',
  'quantile(0.95, rate(node_disk_io_time_seconds_total[5m]))',
  'count_values("version", kube_node_info)',
  'sum(rate(http_requests_total[5m] offset 1w))',
  'rate(http_requests_total[5m]) / rate(http_requests_total[5m] offset 1d) > 2',
  'max_over_time(rate(http_requests_total[5m])[1h:1m])',
  'avg_over_time(sum by (job) (rate(http_requests_total[1m]))[30m:])',
  'deriv(process_resident_memory_bytes[30m]) > 0',
  'label_replace(up{job="api"}, "host", "$1", "instance", "(.*):\\\\d+")',
  'label_join(up, "endpoint", ":", "instance", "job")',
  'sort_desc(sum by (instance) (rate(node_network_transmit_bytes_total{device!~"lo|veth.*"}[5m])))',
  'clamp_max(rate(errors_total[5m]) / rate(requests_total[5m]), 1)',
  'clamp(node_load1 / count without (cpu, mode) (node_cpu_seconds_total{mode="idle"}), 0, 10)',
  'absent_over_time(up{job="important"}[15m])',
  'changes(kube_pod_container_status_restarts_total[15m]) > 3',
  'resets(process_cpu_seconds_total[1h]) > 0',
  'irate(node_context_switches_total[1m])',
  'delta(node_hwmon_temp_celsius[30m]) > 10',
  'holt_winters(node_load5[30m], 0.5, 0.5)',
  'round(avg(node_load1), 0.01)',
  'vector(1) unless on () up{job="x"}',
  'scalar(sum(up)) > bool 0',
  'sum(up{job="a"}) or vector(0)',
  'up{job="a"} and on (instance) up{job="b"}',
  'rate(http_requests_total[5m]) * on (instance) group_left (nodename) node_uname_info',
  'node_hwmon_temp_celsius * ignoring (label) group_right node_hwmon_sensor_label',
  'sum without (instance) (rate(grpc_server_handled_total{grpc_code!="OK"}[5m])) / ignoring (grpc_code) sum without (instance, grpc_code) (rate(grpc_server_handled_total[5m]))',
  'http_requests_total @ 1609746000',
  'sum(rate(http_requests_total[5m] @ end()))',
  'day_of_week() == 0 and hour() < 6',
  'timestamp(up) - time() > -60',
  'stddev_over_time(node_load1[1h]) > 2 * avg_over_time(node_load1[1h])',
  'quantile_over_time(0.99, rate(http_requests_total[1m])[1h:1m])',
  'sgn(delta(up[5m])) != 0',
  'ln(rate(foo[5m]) + 1) ^ 2 % 3',
  '-rate(foo[1m]) >= -1',
  'group by (cluster) (kube_node_info)',
  'min without (cpu) (node_cpu_seconds_total) atan2 max without (cpu) (node_cpu_seconds_total)',
  'sum by (job) (rate(http_requests_total{path=~"/api/.*", method="GET"}[5m])) # requests per job',
  'histogram_count(rate(http_request_duration_seconds[5m])) > histogram_sum(rate(http_request_duration_seconds[5m]))',
  'sum(1 - avg_over_time(probe_success[30d])) by (instance)',
];

type TokKind = 'ws' | 'str' | 'num' | 'ident' | 'op' | 'punct' | 'comment' | 'other';
interface Tok {
  readonly kind: TokKind;
  readonly text: string;
}

const TOKEN_RE = /(\s+)|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?)|(#.*)|(0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:ms|[smhdwy])*(?:\d+(?:ms|[smhdwy]))*)|([A-Za-z_:][A-Za-z0-9_:]*)|(=~|!~|==|!=|>=|<=|[-+*/%^<>=@])|([(){}[\],:])|(.)/gsu;

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  for (const m of s.matchAll(TOKEN_RE)) {
    const kinds: TokKind[] = ['ws', 'str', 'comment', 'num', 'ident', 'op', 'punct', 'other'];
    const idx = m.slice(1).findIndex((g) => g !== undefined);
    out.push({ kind: kinds[idx] ?? 'other', text: m[0] });
  }
  return out;
}

/** Replacement tokens, by what they replace. */
const REPLACEMENTS: Record<string, readonly string[]> = {
  ident: [...FUNCTION_NAMES, ...ALL_AGGS, ...KEYWORD_NAMES, ...METRIC_NAMES, ...LABEL_NAMES, ...FAKE_FUNCTIONS, 'without', 'by', 'offset', 'bool', 'on', 'ignoring', 'group_left', 'group_right'],
  op: [...ARITH_OPS, ...COMPARISON_OPS, ...SET_OPS, ...MATCH_OPS, ...BAD_OPS, '@', 'offset', 'bool'],
  num: [...GOOD_NUMBERS, ...BAD_NUMBERS, ...GOOD_DURATIONS, ...BAD_DURATIONS],
  str: ['""', '"x"', "'x'", '`x`', '"(.*)"', '"["', '"\\q"', '"\\d+"', '"\\\\d+"', '"a', "'", '"5.."', '"$1"'],
  punct: ['(', ')', '{', '}', '[', ']', ',', ':', '[5m]', '[5m:]', '[1h:1m]', '()', '{}', '[]'],
};

/** Characters a mutation may insert: PromQL's alphabet plus a few strangers (all single-line). */
const ALPHABET = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:(){}[],.+-*/%^=!~<>@"\'`\\# \t$|?;&éµ💥\u00a0\v\f');

class Mutator {
  constructor(private readonly r: Rng, private readonly g: GrammarGen) {}

  private charEdit(s: string): string {
    const r = this.r;
    const cps = Array.from(s);
    const i = r.int(cps.length + 1);
    const k = r.int(3);
    if (k === 0 && cps.length > 0) cps.splice(Math.min(i, cps.length - 1), 1);
    else if (k === 1) cps.splice(i, 0, r.pick(ALPHABET));
    else if (cps.length > 0) cps[Math.min(i, cps.length - 1)] = r.pick(ALPHABET);
    return cps.join('');
  }

  private tokenEdit(s: string): string {
    const r = this.r;
    const toks = tokenize(s);
    const meaningful = toks.map((t, i) => (t.kind === 'ws' ? -1 : i)).filter((i) => i >= 0);
    if (meaningful.length === 0) return s;
    const i = r.pick(meaningful);
    const t = toks[i] as Tok;
    const texts = toks.map((x) => x.text);
    const k = r.weighted([[3, 'replace'], [2, 'delete'], [2, 'dup'], [2, 'swap'], [1, 'insert']] as const);
    if (k === 'replace') {
      const pool = REPLACEMENTS[t.kind] ?? REPLACEMENTS.op ?? [];
      // sometimes take a replacement from another class (a number where a name was, ...)
      const from = r.chance(0.75) ? pool : r.pick(Object.values(REPLACEMENTS));
      texts[i] = r.pick(from);
    } else if (k === 'delete') {
      texts[i] = '';
    } else if (k === 'dup') {
      texts[i] = `${t.text}${r.chance(0.5) ? ' ' : ''}${t.text}`;
    } else if (k === 'swap') {
      const j = meaningful[meaningful.indexOf(i) + 1];
      if (j !== undefined) {
        const a = texts[i] as string;
        texts[i] = texts[j] as string;
        texts[j] = a;
      }
    } else {
      const pool = r.pick(Object.values(REPLACEMENTS));
      texts[i] = `${t.text} ${r.pick(pool)}`;
    }
    return texts.join('');
  }

  private wrap(s: string): string {
    const r = this.r;
    const k = r.int(9);
    if (k === 0) return `(${s})`;
    if (k === 1) return `${r.pick(FUNCTION_NAMES)}(${s})`;
    if (k === 2) return `${r.pick(ALL_AGGS)}${r.chance(0.5) ? ` by (${r.pick(LABEL_NAMES)})` : ''}(${s})`;
    if (k === 3) return `-${s}`;
    if (k === 4) return `${s}[${this.g.duration()}${r.chance(0.5) ? `:${r.chance(0.5) ? this.g.duration() : ''}` : ''}]`;
    if (k === 5) return `${s} offset ${this.g.duration()}`;
    if (k === 6) return `${s} @ ${r.pick(['100', 'start()', 'end()', '5m'])}`;
    if (k === 7) return `${r.pick(['topk', 'quantile', 'histogram_quantile', 'clamp_min', 'round'])}(${r.pick(['0.5', '5', '"x"'])}, ${s})`;
    return `${s} ${r.pick([...ARITH_OPS, ...COMPARISON_OPS, ...SET_OPS, '> bool', '* on (job) group_left', '/ ignoring (code)'])} ${r.pick(CORPUS)}`;
  }

  private truncate(s: string): string {
    const cps = Array.from(s);
    return cps.slice(0, 1 + this.r.int(Math.max(1, cps.length - 1))).join('');
  }

  private splice(s: string): string {
    // the head of one expression and the tail of another
    const other = Array.from(this.r.pick(CORPUS));
    const cps = Array.from(s);
    return cps.slice(0, this.r.int(cps.length + 1)).join('') + other.slice(this.r.int(other.length)).join('');
  }

  mutate(s: string): string {
    const r = this.r;
    const n = r.weighted([[6, 1], [3, 2], [1, 3]] as const);
    let out = s;
    for (let i = 0; i < n; i++) {
      const k = r.weighted([[4, 'char'], [6, 'token'], [1, 'truncate'], [2, 'wrap'], [1, 'splice']] as const);
      if (k === 'char') out = this.charEdit(out);
      else if (k === 'token') out = this.tokenEdit(out);
      else if (k === 'truncate') out = this.truncate(out);
      else if (k === 'wrap') out = this.wrap(out);
      else out = this.splice(out);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------

/** What promtool cannot receive as a one-line recording rule: line breaks and unpaired surrogates. */
function receivable(s: string): boolean {
  if (s.trim() === '') return false;
  if (/[\n\r\u2028\u2029]/.test(s)) return false;
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/**
 * `count` distinct one-line expressions, deterministic for a seed: about half from the grammar (at
 * varying error rates), half mutations of the realistic corpus (plus the corpus itself).
 */
export function generateExpressions(seed: number, count: number): string[] {
  const r = new Rng(seed);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (s: string): void => {
    if (out.length < count && receivable(s) && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  const grammars = [0.01, 0.03, 0.06, 0.12].map((e) => new GrammarGen(r, e));
  const mutator = new Mutator(r, grammars[1] as GrammarGen);
  for (const c of CORPUS) if (r.chance(0.5)) add(c);
  let attempts = 0;
  while (out.length < count && attempts < count * 50) {
    attempts++;
    if (r.chance(0.5)) add(r.pick(grammars).top());
    else add(mutator.mutate(r.chance(0.85) ? r.pick(CORPUS) : r.pick(grammars).top()));
  }
  return out;
}
