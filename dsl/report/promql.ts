/** Formats `obs promql` results: one JSON object per line, or a readable report with carets. */
import type { CheckResult } from '../promql/index.ts';
import { caretLines } from './caret.ts';

export interface PromQLReportItem {
  readonly expr: string;
  readonly result: CheckResult;
}

export interface PromQLJson {
  readonly expr: string;
  readonly valid: boolean;
  readonly errors: { message: string; line: number; column: number }[];
  readonly metrics: string[];
}

export function promqlJson(item: PromQLReportItem): PromQLJson {
  const { result } = item;
  return {
    expr: item.expr,
    valid: result.valid,
    errors: result.errors.slice(0, 1).map((e) => ({ message: e.message, line: e.line, column: e.column })),
    metrics: [...(result.analysis?.metrics ?? [])],
  };
}

export function formatPromQLText(items: readonly PromQLReportItem[], color: boolean): string {
  const red = (s: string): string => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const green = (s: string): string => (color ? `\x1b[32m${s}\x1b[0m` : s);
  const out: string[] = [];
  let invalid = 0;
  for (const { expr, result } of items) {
    const shown = expr.length > 200 ? `${expr.slice(0, 200)}…` : expr;
    if (result.valid) {
      out.push(`${green('ok')}      ${shown}`);
      continue;
    }
    invalid++;
    const e = result.errors[0];
    if (!e) continue;
    out.push(`${red('invalid')} ${shown}`);
    out.push(`  ${e.line}:${e.column}: ${e.message}`);
    for (const l of caretLines(expr, e.line, e.column, Math.max(1, e.end - e.start))) out.push(`  ${l}`);
  }
  out.push('');
  out.push(`${items.length} expression(s), ${invalid} invalid`);
  return `${out.join('\n')}\n`;
}
