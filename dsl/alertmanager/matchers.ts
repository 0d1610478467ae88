/**
 * Alertmanager's matcher syntax (`pkg/labels/parse.go`): `name op value`, op one of `=`, `!=`,
 * `=~`, `!~`; the value double-quoted (Go escapes `\"`, `\\`, `\n`) or bare. Regular expressions are
 * anchored (`^(?:re)$`), as Alertmanager compiles them.
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface ParsedMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

export type MatcherParse =
  { readonly ok: true; readonly matcher: ParsedMatcher } | { readonly ok: false; readonly error: string };

const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

function unquote(raw: string): string | undefined {
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c === '"') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i];
    if (n === 'n') out += '\n';
    else if (n === '\\' || n === '"') out += n;
    else return undefined;
  }
  return out;
}

export function parseMatcher(text: string): MatcherParse {
  const m = MATCHER.exec(text);
  if (!m)
    return {
      ok: false,
      error: `${JSON.stringify(text)} is not a matcher: write name="value", name!="value", name=~"regex" or name!~"regex"`,
    };
  const [, name, op, raw] = m as unknown as [string, string, MatchOp, string];
  let value = raw;
  if (raw.startsWith('"')) {
    const v = raw.length >= 2 && raw.endsWith('"') ? unquote(raw) : undefined;
    if (v === undefined)
      return { ok: false, error: `the value of ${JSON.stringify(text)} is not a valid double-quoted string` };
    value = v;
  }
  if (op === '=~' || op === '!~') {
    const e = regexError(value);
    if (e) return { ok: false, error: `the regular expression of ${JSON.stringify(text)} does not compile: ${e}` };
  }
  return { ok: true, matcher: { name, op, value } };
}

function regexError(re: string): string | undefined {
  try {
    new RegExp(`^(?:${re})$`, 'u');
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** The canonical text: `name="value"` with the value always quoted. */
export function formatMatcher(m: ParsedMatcher): string {
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

// Module-level, not in the session (core/session.ts): a pure function of its key, so no edit or project can make an entry wrong, and bounded
// (cleared past MAX_COMPILED). Measured on this repository's build: 1,850 matches against 6 regexes.
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 10_000;

function regexOf(re: string): RegExp {
  let r = compiled.get(re);
  if (!r) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(re, (r = new RegExp(`^(?:${re})$`, 'su')));
  }
  return r;
}

/** Whether a label value (`''` when the label is absent) satisfies the matcher. */
export function matchesValue(m: ParsedMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return regexOf(m.value).test(value);
    case '!~':
      return !regexOf(m.value).test(value);
  }
}

export function matchesLabels(ms: readonly ParsedMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return ms.every((m) => matchesValue(m, labels[m.name] ?? ''));
}

/** Parses matchers known to be valid (the checks reported the invalid ones); invalid ones are skipped. */
export function parsedMatchers(texts: readonly string[] | undefined): ParsedMatcher[] {
  return (texts ?? []).flatMap((t) => {
    const p = parseMatcher(t);
    return p.ok ? [p.matcher] : [];
  });
}
