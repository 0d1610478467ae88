/** Shared, computed-once views of the project that checks read. */
import type { SourceLocation } from '../core/diagnostic.ts';
import type { Project, TextLocator } from '../collect/project.ts';
import type { CheckResult, Expr } from '../promql/index.ts';
import { exprText } from '../promql/template.ts';
import type { Target } from '../promql/target.ts';
import type { RecordingRule, Rule, RuleGroup } from '../rules/index.ts';
import { checkedExpression, precheckExpressions } from './expression-memo.ts';
import { locateInExpression } from './locate.ts';

export interface RuleEntry {
  readonly module: string;
  readonly group: RuleGroup;
  readonly rule: Rule;
  /** 1-based index of the rule in its group. */
  readonly index: number;
}

export interface CheckedExpression extends RuleEntry {
  readonly text: string;
  readonly result: CheckResult;
  /** Maps an offset in the expression to where the author wrote it; with `end`, the location spans to it. */
  locate(offset: number, end?: number): SourceLocation | undefined;
}

export interface RecordingRuleEntry extends RuleEntry {
  readonly rule: RecordingRule;
  /** The parsed expression (parsed on first use, once per run), if it parses. */
  expr(): Expr | undefined;
}

/** Check results by rule, shared by every view of one run, so no expression is parsed twice. */
export type ParseCache = Map<Rule, CheckResult>;

export function ruleEntries(project: Project): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const m of project.modules) {
    for (const group of m.groups) {
      group.rules.forEach((rule, i) => out.push({ module: m.module, group, rule, index: i + 1 }));
    }
  }
  return out;
}

function ruleText(rule: Rule): string {
  const expr = rule.expr as unknown;
  return typeof expr === 'string' || (typeof expr === 'object' && expr !== null && 'text' in expr)
    ? exprText(expr as string)
    : '';
}

/**
 * The rule's expression checked, from the rule cache, else from the session's memo by text (rules that
 * share an expression share one parse: 2,778 rules of 181 public rule files have 1,919 distinct
 * expressions, kube-prometheus's releases and per-cluster copies); its text is derived only when not
 * given and not cached.
 */
function checked(rule: Rule, target: Target, cache: ParseCache, text?: string): CheckResult {
  let r = cache.get(rule);
  if (!r) cache.set(rule, (r = checkedExpression(text ?? ruleText(rule), target)));
  return r;
}

export function recordingRuleEntries(
  entries: readonly RuleEntry[],
  target: Target,
  cache: ParseCache,
): RecordingRuleEntry[] {
  return entries.flatMap((e) => {
    if (e.rule.kind !== 'record') return [];
    const rule = e.rule;
    // Each field named: `{ ...e, rule }` gives every entry a hidden class of its own in V8 (see yaml-rules.ts).
    return [{ module: e.module, group: e.group, rule, index: e.index, expr: () => checked(rule, target, cache).expr }];
  });
}

export function checkedExpressions(
  entries: readonly RuleEntry[],
  target: Target,
  root: string,
  locator: TextLocator | undefined,
  cache: ParseCache,
): CheckedExpression[] {
  const texts = entries.map((e) => ruleText(e.rule));
  precheckExpressions(
    texts.filter((_, i) => !cache.has((entries[i] as RuleEntry).rule)),
    target,
  );
  return entries.map((e, i) => {
    const expr = e.rule.expr as unknown;
    const text = texts[i] as string;
    const result = checked(e.rule, target, cache, text);
    const exprSite =
      typeof expr === 'object' && expr !== null && 'site' in expr
        ? (expr as { site?: SourceLocation }).site
        : undefined;
    const at = (offset: number): SourceLocation | undefined =>
      locator
        ? (locator(e.rule.site, text, offset) ?? e.rule.site)
        : locateInExpression(root, exprSite ?? e.rule.site, text, offset, exprSite !== undefined);
    return {
      module: e.module,
      group: e.group,
      rule: e.rule,
      index: e.index,
      text,
      result,
      locate: (offset: number, end?: number) =>
        spanning(at(offset), end !== undefined && end > offset ? at(end) : undefined),
    };
  });
}

/** `from`, extended to end where `to` starts, when both were found in the same file and `to` lies after `from`. */
function spanning(from: SourceLocation | undefined, to: SourceLocation | undefined): SourceLocation | undefined {
  if (
    !from ||
    !to ||
    to.file !== from.file ||
    to.line < from.line ||
    (to.line === from.line && to.column <= from.column)
  )
    return from;
  return { file: from.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

export function ruleSubject(rule: Rule): string {
  return `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${JSON.stringify(rule.name)}`;
}
