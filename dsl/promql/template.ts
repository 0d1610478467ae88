/**
 * The `promql` tagged template: builds expression text from pieces, doing the quoting for the author.
 *
 *   promql`sum by (job) (rate(http_requests_total{job=${job}, code=~${'5..'}}[${window}]))`
 *
 * What an interpolated value becomes depends on where it stands:
 * - after `=`, `!=`, `=~`, `!~` (a matcher value): a quoted, escaped string literal;
 * - after `[`, `:` inside brackets, or `offset`: a duration, validated;
 * - a `promql` fragment: its text, parenthesized when it is an operator expression;
 * - a number: its shortest exact decimal form; a negative one (and -0, -Inf) parenthesized, since
 *   `-2 ^ 2` is -(2^2) in PromQL; NaN and +Inf as `NaN` and `Inf`;
 * - `name('...')` / `labelName('...')`: a validated metric / label name;
 * - anything else is refused, so a stray string cannot inject PromQL.
 */
import { captureCallSite } from '../core/call-site.ts';
import type { SourceLocation } from '../core/diagnostic.ts';
import { parseDuration } from '../core/duration.ts';
import { quoteString } from './strings.ts';

export interface PromQL {
  readonly kind: 'promql';
  readonly text: string;
  /** Where the `promql` template was written. */
  readonly site?: SourceLocation;
  toString(): string;
}

interface Name {
  readonly kind: 'promql-name';
  readonly text: string;
}

export type Interpolation = PromQL | Name | string | number;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export class PromQLTemplateError extends Error {}

/** A metric name to splice in unquoted, e.g. `${name(metric)}{job="x"}`. */
export function name(metric: string): Name {
  if (!METRIC_NAME.test(metric))
    throw new PromQLTemplateError(`invalid metric name ${JSON.stringify(metric)}: use [a-zA-Z_:][a-zA-Z0-9_:]*`);
  return { kind: 'promql-name', text: metric };
}

/** A label name to splice in unquoted, e.g. in `by (${labelName(l)})`. */
export function labelName(label: string): Name {
  if (!LABEL_NAME.test(label))
    throw new PromQLTemplateError(`invalid label name ${JSON.stringify(label)}: use [a-zA-Z_][a-zA-Z0-9_]*`);
  return { kind: 'promql-name', text: label };
}

/** Splices text in as it is. For fragments that cannot be expressed otherwise; prefer `promql`. */
export function raw(text: string): PromQL {
  return makePromQL(text, undefined);
}

function makePromQL(text: string, site: SourceLocation | undefined): PromQL {
  return Object.freeze({ kind: 'promql' as const, text, ...(site ? { site } : {}), toString: () => text });
}

export function isPromQL(v: unknown): v is PromQL {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'promql';
}

/** Text of an expression given as a string or a `promql` fragment. */
export function exprText(e: string | PromQL): string {
  return typeof e === 'string' ? e : e.text;
}

/** Shortest decimal that reads back as the same float; never exponent noise like 1e-7 surprises. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

/**
 * A number as spliced into an expression: unary minus binds looser than `^` in PromQL (`-2 ^ 2` is
 * -4), so a negative number is parenthesized, which keeps its meaning wherever it stands; -0 keeps
 * its sign (`1 / (-0)` is -Inf).
 */
export function spliceNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Inf';
  if (n === -Infinity) return '(-Inf)';
  if (Object.is(n, -0)) return '(-0)';
  return n < 0 ? `(${String(n)})` : String(n);
}

type Context = 'matcher' | 'duration' | 'other';

/** Whether the end of `text` is inside selector braces `{...}` (outside quoted strings). */
function insideBraces(text: string): boolean {
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (c === ')' || c === ']' || c === '}') open.pop();
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    }
  }
  return open[open.length - 1] === '{';
}

export function contextBefore(text: string): Context {
  const t = text.trimEnd();
  // A matcher operator only inside a selector's braces: outside, `!=`, `>=`, `<=`, `==` compare.
  if (/(=~|!~|!=|=)$/.test(t) && !/[=<>]=$/.test(t) && insideBraces(t)) return 'matcher';
  if (/\[$/.test(t) || /\boffset$/i.test(t)) return 'duration';
  if (/:$/.test(t)) {
    const open = t.lastIndexOf('[');
    if (open > t.lastIndexOf(']')) return 'duration';
  }
  return 'other';
}

/** Is this text an operator expression that must be parenthesized to keep its meaning when spliced? */
export function needsParens(text: string): boolean {
  let depth = 0;
  let quote = '';
  const t = text.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t[i] ?? '';
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0) {
      if ('+-*/%^<>=!'.includes(c) && i > 0) return true;
      if (/\s/.test(c) && /^\s+(and|or|unless|atan2|offset|@)\b/i.test(t.slice(i))) return true;
      if (c === '@') return true;
    }
  }
  return false;
}

function splice(value: Interpolation, context: Context): string {
  if (isPromQL(value))
    return context === 'other' && needsParens(value.text) ? `(${value.text.trim()})` : value.text.trim();
  if (typeof value === 'object' && value.kind === 'promql-name') return value.text;
  if (context === 'matcher') {
    if (typeof value !== 'string')
      throw new PromQLTemplateError(`a matcher value must be a string, got ${typeof value}`);
    return quoteString(value);
  }
  if (context === 'duration') {
    if (typeof value === 'number')
      throw new PromQLTemplateError(`a range or offset must be a duration string like '5m', got the number ${value}`);
    const d = parseDuration(value);
    if (!d.ok) throw new PromQLTemplateError(`invalid duration ${JSON.stringify(value)}: ${d.error}`);
    return value;
  }
  if (typeof value === 'number') return spliceNumber(value);
  throw new PromQLTemplateError(
    `cannot splice the string ${JSON.stringify(value)} here: wrap it in promql\`...\`, name(), labelName() or raw(), or put it after a matcher operator to quote it`,
  );
}

/**
 * Removes the indentation a multi-line template inherits from the TS code around it, and the
 * blank first/last lines, so the rule file shows the expression as the author laid it out.
 */
export function dedent(text: string): string {
  const lines = text.replace(/\t/g, '  ').split('\n');
  while (lines.length && lines[0]?.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd()).join('\n');
}

export function promql(strings: TemplateStringsArray, ...values: Interpolation[]): PromQL {
  let text = strings[0] ?? '';
  values.forEach((v, i) => {
    text += splice(v, contextBefore(text)) + (strings[i + 1] ?? '');
  });
  return makePromQL(dedent(text), captureCallSite());
}
