/**
 * Grafana template variables in dashboard queries (`$var`, `${var}`, `${var:format}`, `[[var]]`,
 * `$__rate_interval`, ...). Before checking, each is replaced by a placeholder of the same length
 * and of the type its position needs (a duration inside `[...]`, a number for `$__range_s`, a name
 * elsewhere, plain letters inside strings), so error offsets still point into the original query.
 */
import type { Span } from '../core/diagnostic.ts';

export type VariableKind = 'duration' | 'number' | 'name' | 'string';

export interface VariableUse extends Span {
  /** The variable's name (`job`, `__rate_interval`). */
  readonly name: string;
  /** The format in `${var:format}` / `[[var:format]]`, if any. */
  readonly format?: string;
  /** Grafana defines it itself (`$__interval`, `$__range`, ...). */
  readonly builtin: boolean;
  /** What kind of value the query needs there. */
  readonly kind: VariableKind;
}

export interface Substitution {
  readonly text: string;
  readonly variables: readonly VariableUse[];
}

/** Built-in variables Grafana substitutes in Prometheus queries, and what they expand to. */
const BUILTINS: Record<string, 'duration' | 'number' | 'string'> = {
  __interval: 'duration',
  __rate_interval: 'duration',
  __range: 'duration',
  __interval_ms: 'number',
  __rate_interval_ms: 'number',
  __range_s: 'number',
  __range_ms: 'number',
  __from: 'number',
  __to: 'number',
  __dashboard: 'string',
  __name: 'string',
  __org: 'string',
  __user: 'string',
  __timeFilter: 'string',
};

export function isBuiltinVariable(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name) || name.startsWith('__');
}

const VARIABLE =
  /\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?\}|\[\[([A-Za-z_][A-Za-z0-9_.]*)(?::([^\]]*))?\]\]/g;

/** Finds the string literals of a query (roughly as PromQL lexes them) so variables inside are known to be text. */
export function stringRanges(text: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    const q = text[i];
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== q && !(q !== '`' && text[j] === '\n'))
      j += q !== '`' && text[j] === '\\' ? 2 : 1;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/** Is `pos` inside `[...]` (a range or subquery) rather than in expression position? */
function inBrackets(text: string, pos: number, skip: readonly Span[]): boolean {
  let depth = 0;
  for (let i = 0; i < pos; i++) {
    const inSkipped = skip.find((s) => i >= s.start && i < s.end);
    if (inSkipped) {
      i = inSkipped.end - 1;
      continue;
    }
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']' && depth > 0) depth--;
  }
  return depth > 0;
}

function placeholder(kind: VariableKind, length: number): string {
  switch (kind) {
    // Padding with spaces keeps the value realistic (a huge duration would overflow) and the length equal.
    case 'duration':
      return length >= 2 ? `5m${' '.repeat(length - 2)}` : '1';
    case 'number':
      return `1${' '.repeat(length - 1)}`;
    case 'string':
      return 'x'.repeat(length);
    case 'name':
      return `v${'_'.repeat(length - 1)}`;
  }
}

const DURATION_VALUE = /^(\d+(ms|s|m|h|d|w|y))+$/;

/**
 * What a dashboard variable of `type` with these values expands to: an interval variable, or one
 * whose every value is a duration, a duration; every value a number (`topk($topk, ...)` with
 * $topk = 15), a number; else unknown (a label value, a name).
 */
export function variableKindOf(type: string, values: readonly string[]): VariableKind | undefined {
  if (type === 'interval' || (values.length > 0 && values.every((x) => DURATION_VALUE.test(x)))) return 'duration';
  if (values.length > 0 && values.every((x) => x.trim() !== '' && Number.isFinite(Number(x)))) return 'number';
  return undefined;
}

export interface SubstituteOptions {
  /** Kinds of dashboard variables, where known (e.g. an interval variable is a duration). */
  readonly kinds?: Readonly<Record<string, VariableKind>>;
}

export function substituteVariables(text: string, opts: SubstituteOptions = {}): Substitution {
  if (!text.includes('$') && !text.includes('[[')) return { text, variables: [] };
  const strings = stringRanges(text);
  // Brackets inside strings or `[[var]]` references are not ranges.
  const skip = [
    ...strings,
    ...[...text.matchAll(VARIABLE)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length })),
  ];
  const variables: VariableUse[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const name = (m[1] ?? m[2] ?? m[4] ?? '').split('.')[0] ?? '';
    const format = m[3] ?? m[5];
    const end = start + raw.length;
    const builtinKind = BUILTINS[name];
    let kind: VariableKind;
    if (strings.some((s) => start > s.start && start < s.end)) kind = 'string';
    else if (builtinKind === 'number') kind = 'number';
    else if (inBrackets(text, start, skip)) kind = opts.kinds?.[name] === 'number' ? 'number' : 'duration';
    else if (builtinKind === 'duration') kind = 'duration';
    else kind = opts.kinds?.[name] ?? 'name';
    out += text.slice(last, start) + placeholder(kind, raw.length);
    last = end;
    variables.push({
      name,
      ...(format === undefined ? {} : { format }),
      builtin: isBuiltinVariable(name),
      kind,
      start,
      end,
    });
  }
  return { text: out + text.slice(last), variables };
}
