/**
 * Runs lint checks over definitions built in the test itself (no files), the RuleTester way:
 * `expectValid` / `expectInvalid` tables per check.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDiagnostics, type Diagnostic } from '../../dsl/core/diagnostic.ts';
import type { Project } from '../../dsl/collect/project.ts';
import type { Check, LintOptions, Policy } from '../../dsl/lint/check.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import type { RegistryData } from '../../dsl/registry/index.ts';
import type { RuleGroup } from '../../dsl/rules/index.ts';
import type { SecretScan } from '../../dsl/lint/secrets.ts';
import type { AlertmanagerConfig } from '../../dsl/alertmanager/index.ts';

export interface LintCase {
  /** Groups per module; a bare array means one module `alerts/test.ts`. */
  readonly modules: Record<string, readonly RuleGroup[]> | readonly RuleGroup[];
  readonly target?: string;
  readonly policy?: Partial<Policy>;
  /** Metric registries the registry checks read (none: they stay silent). */
  readonly registries?: readonly RegistryData[];
  readonly unknownMetric?: 'suggest' | 'error';
  /** What the secret scan found (see dsl/lint/secrets.ts; the build runs it before the checks). */
  readonly secrets?: SecretScan;
  readonly relabelledLabels?: Readonly<Record<string, readonly string[]>>;
  /** The project's Alertmanager configuration (module `alertmanager/index.ts`) and its target release. */
  readonly alertmanager?: AlertmanagerConfig;
  readonly alertmanagerVersion?: string;
}

/** The project a case describes. */
export function caseProject(c: LintCase): Project {
  const modules = Array.isArray(c.modules) ? { 'alerts/test.ts': c.modules } : (c.modules as Record<string, readonly RuleGroup[]>);
  return {
    root: process.cwd(),
    modules: Object.entries(modules).map(([module, groups]) => ({ module, groups, tests: [] })),
    diagnostics: [],
    ...(c.alertmanager ? { alertmanager: { module: 'alertmanager/index.ts', config: c.alertmanager } } : {}),
  };
}

export function lint(check: Check, c: LintCase): Diagnostic[] {
  const project = caseProject(c);
  const options: LintOptions = {
    target: mustParseTarget(c.target ?? '2.42'),
    policy: { requiredAlertLabels: {}, requiredAnnotations: [], ...c.policy },
    ...(c.alertmanagerVersion ? { alertmanager: { version: c.alertmanagerVersion } } : {}),
    ...(c.registries || c.unknownMetric ? { registry: { registries: c.registries ?? [], ...(c.unknownMetric ? { unknownMetric: c.unknownMetric } : {}), ...(c.relabelledLabels ? { relabelledLabels: c.relabelledLabels } : {}) } } : {}),
    ...(c.secrets ? { secrets: c.secrets } : {}),
  };
  return [...runChecks(project, [check], options).diagnostics];
}

export function expectValid(check: Check, c: LintCase): void {
  const ds = lint(check, c);
  expect(ds.map((d) => d.message)).toEqual([]);
}

/**
 * Asserts the check reports exactly the given problems: `ExpectedError`s (message id and exact
 * position, in location order), or, in the older form, message substrings or patterns in any order.
 */
export function expectInvalid(check: Check, c: LintCase, expected: readonly ExpectedError[]): Diagnostic[];
export function expectInvalid(check: Check, c: LintCase, messages: readonly (string | RegExp)[]): Diagnostic[];
export function expectInvalid(check: Check, c: LintCase, expected: readonly ExpectedError[] | readonly (string | RegExp)[]): Diagnostic[] {
  return expectMessages(check, lint(check, c), expected as readonly ExpectedError[]);
}

/** `ds`, what `check` reported, are exactly the expected problems (see expectInvalid). */
export function expectMessages(check: Check, ds: readonly Diagnostic[], expected: readonly ExpectedError[]): Diagnostic[];
export function expectMessages(check: Check, ds: readonly Diagnostic[], messages: readonly (string | RegExp)[]): Diagnostic[];
export function expectMessages(check: Check, ds: readonly Diagnostic[], expected: readonly ExpectedError[] | readonly (string | RegExp)[]): Diagnostic[] {
  if (expected.length > 0 && expected.every((e): e is ExpectedError => typeof e === 'object' && !(e instanceof RegExp))) {
    expectErrors(check, ds, expected);
    return [...ds];
  }
  const messages = expected as readonly (string | RegExp)[];
  if (process.env.CHECK_TABLE_UNPINNED) appendFileSync(process.env.CHECK_TABLE_UNPINNED, `${(new Error().stack ?? '').split('\n').find((l) => l.includes('.test.ts')) ?? ''}\n`);
  const got = ds.map((d) => d.message);
  expect(got, `diagnostics: ${JSON.stringify(got)}`).toHaveLength(messages.length);
  const unused = new Set(ds);
  const matched: [string | RegExp, Diagnostic][] = [];
  for (const m of messages) {
    const hit = [...unused].find((d) => (typeof m === 'string' ? d.message.includes(m) : m.test(d.message)));
    expect(hit, `no diagnostic matches ${String(m)} among ${JSON.stringify(got)}`).toBeDefined();
    if (hit) {
      unused.delete(hit);
      matched.push([m, hit]);
    }
  }
  for (const d of ds) expect(d.checkId).toBe(check.meta.id);
  if (process.env.CHECK_TABLE_RECORD) record(process.env.CHECK_TABLE_RECORD, matched);
  return [...ds];
}

/** Converting a test to pinned positions: where this assertion was called, and what each message matched. */
function record(file: string, matched: readonly [string | RegExp, Diagnostic][]): void {
  const frame = (new Error().stack ?? '').split('\n').find((l) => l.includes('/test/lint/checks/') && !l.includes('check-tester'));
  const m = frame && /(\/[^():]+\.test\.ts):(\d+):(\d+)/.exec(frame);
  if (!m) return;
  const order = [...matched].sort(([, a], [, b]) => compareDiagnostics(a, b));
  appendFileSync(file, `${JSON.stringify({ file: m[1], line: Number(m[2]), column: Number(m[3]), errors: order.map(([msg, d]) => ({ file: d.location?.file, pattern: typeof msg === 'string' ? msg : { source: msg.source, flags: msg.flags }, literal: dumped(d).replace(/ \/\/.*$/, '') })) })}\n`);
}

/** One expected problem of an invalid case: its message id and exact place, as typescript-eslint's RuleTester pins them. */
export interface ExpectedError {
  readonly messageId: string;
  /** A substring (or pattern) the formatted message must contain. */
  readonly message?: string | RegExp;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly severity?: Diagnostic['severity'];
  /** 1-based; required. `endLine` defaults to `line`; `endColumn` is required when the problem spans text. */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The file, when not this test's own (e.g. the module an Alertmanager problem falls back to). */
  readonly file?: string;
  /** The source text the span covers in the file (checked when the file can be read). */
  readonly text?: string;
}

export interface ValidCase extends LintCase {
  readonly name: string;
}

export interface InvalidCase extends LintCase {
  readonly name: string;
  /** Every problem the check reports, in the order of their location (file, line, column). */
  readonly errors: readonly ExpectedError[];
}

/** `ds`, what `check` reported, are exactly `errors`, in order, with their message ids and positions. */
export function expectErrors(check: Check, ds: readonly Diagnostic[], errors: readonly ExpectedError[]): void {
  const got = ds.map((d) => ({ messageId: d.messageId, message: d.message, location: d.location }));
  const shown = `diagnostics: ${JSON.stringify(got, null, 1)}`;
  expect(ds.length, shown).toBe(errors.length);
  errors.forEach((e, i) => {
    const d = ds[i] as Diagnostic;
    const at = `problem ${i + 1} of ${shown}`;
    expect(d.checkId, at).toBe(check.meta.id);
    expect(Object.keys(check.meta.messages), `${e.messageId} is not in ${check.meta.id}'s meta.messages`).toContain(e.messageId);
    expect(d.messageId, at).toBe(e.messageId);
    if (e.message !== undefined) {
      if (typeof e.message === 'string') expect(d.message, at).toContain(e.message);
      else expect(d.message, at).toMatch(e.message);
    }
    if (e.data) expect(d.data, at).toMatchObject(e.data);
    if (e.severity) expect(d.severity, at).toBe(e.severity);
    const loc = d.location;
    expect(loc, at).toBeDefined();
    if (!loc) return;
    if (e.file !== undefined) expect(loc.file, at).toBe(e.file);
    expect({ line: loc.line, column: loc.column }, at).toEqual({ line: e.line, column: e.column });
    if (loc.endColumn !== undefined || e.endColumn !== undefined) {
      expect({ endLine: loc.endLine, endColumn: loc.endColumn }, at).toEqual({ endLine: e.endLine ?? e.line, endColumn: e.endColumn });
    }
    if (e.text !== undefined) expect(spanText(loc), at).toBe(e.text);
  });
}

/** The text a located span covers (its first line, when it spans lines), or the word at a point. */
function spanText(loc: NonNullable<Diagnostic['location']>): string | undefined {
  const file = isAbsolute(loc.file) ? loc.file : join(process.cwd(), loc.file);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8').split('\n')[loc.line - 1] ?? '';
  // A point (no end): the word that starts there, e.g. `dashboard` of the call that defines it.
  if (loc.endColumn === undefined) return /^[\w$]+|^./.exec(line.slice(loc.column - 1))?.[0] ?? '';
  return line.slice(loc.column - 1, loc.endLine === loc.line ? loc.endColumn - 1 : line.length);
}

/**
 * A check's test table, typescript-eslint RuleTester style: every valid case reports nothing, every
 * invalid case exactly its errors (message id, line, column, end column), in location order.
 */
export function checkTable(check: Check, table: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase[] }): void {
  describe(`${check.meta.id} (table)`, () => {
    for (const c of table.valid) it(`valid: ${c.name}`, () => expectValid(check, c));
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, () => {
        const ds = lint(check, c);
        // When writing a table: CHECK_TABLE_DUMP=1 prints what the check reports, to read (and check) before pinning it.
        if (process.env.CHECK_TABLE_DUMP) console.log(`${c.name}:\n${ds.map(dumped).join('\n')}`);
        expectErrors(check, ds, c.errors);
      });
    }
  });
}

function dumped(d: Diagnostic): string {
  const l = d.location;
  const end = l?.endColumn !== undefined ? `${l.endLine !== l.line ? `, endLine: ${l.endLine}` : ''}, endColumn: ${l.endColumn}` : '';
  const text = l ? spanText(l) : undefined;
  return `{ messageId: '${d.messageId}', line: ${l?.line}, column: ${l?.column}${end}${text !== undefined ? `, text: ${JSON.stringify(text)}` : ''} }, // ${d.message}`;
}
