/**
 * The PromQL checker: parse + type-check an expression for a target Prometheus version, with the
 * same verdict as that version's `promtool check rules`.
 */
import type { Tree } from '@lezer/common';
import type { SourcePoint } from '../core/diagnostic.ts';
import { bytePointsAt } from '../core/position.ts';
import { analyze, type Analysis } from './analyze.ts';
import type { Expr, ValueType } from './ast.ts';
import { checkTypes } from './check.ts';
import { substituteVariables, type SubstituteOptions, type VariableUse } from './grafana.ts';
import { parsePromQL, type PromQLError } from './parse.ts';
import { DEFAULT_VERSION, parseTarget, type Target } from './target.ts';

export interface CheckOptions {
  /** Target Prometheus version (`2.42`, `3.5`) or a parsed target. Default: the latest we model. */
  readonly target?: string | Target;
  /** `--enable-feature` flags of the target server. */
  readonly features?: readonly string[];
  /** Substitute Grafana template variables first (dashboard queries). */
  readonly grafana?: boolean | SubstituteOptions;
}

/** An error with Prometheus's line:column (the column counts UTF-8 bytes, as promtool prints it); `start`/`end` are string offsets. */
export interface ExpressionError extends PromQLError, SourcePoint {}

export interface CheckResult {
  readonly valid: boolean;
  /** In Prometheus's order; the first is what promtool reports. Empty when valid. */
  readonly errors: readonly ExpressionError[];
  /** The AST, when the expression parsed (even if it then failed type checks). */
  readonly expr?: Expr;
  readonly type?: ValueType;
  /** Facts for later checks; present when the expression parsed (also with type errors). */
  readonly analysis?: Analysis;
  /** Grafana variables found, when `grafana` was set. */
  readonly variables: readonly VariableUse[];
}

/** Past this length a query is refused outright: no real query is this long, and it bounds the work. */
export const MAX_EXPRESSION_LENGTH = 4 * 1024 * 1024;

// Module-level, not in the session (core/session.ts): a pure function of its key, so no edit or project can make an entry wrong, and bounded
// by the Prometheus versions and feature sets a process checks for (one per build of this repository).
const targetCache = new Map<string, Target>();

export function resolveTarget(target: string | Target | undefined, features: readonly string[] = []): Target {
  if (target !== undefined && typeof target !== 'string') return target;
  const key = `${target ?? DEFAULT_VERSION}|${features.join(',')}`;
  let t = targetCache.get(key);
  if (!t) {
    const r = parseTarget(target ?? DEFAULT_VERSION, features);
    if (!r.ok) throw new Error(r.error);
    t = r.target;
    targetCache.set(key, t);
  }
  return t;
}

/** `ahead`: lezer's tree for `text` from `aheadTree` (parsed on another thread), when `grafana` is not set. */
export function checkExpression(text: string, options: CheckOptions = {}, ahead?: Tree): CheckResult {
  const target = resolveTarget(options.target, options.features);
  let source = text;
  let variables: readonly VariableUse[] = NO_VARIABLES;
  if (options.grafana) {
    const sub = substituteVariables(text, options.grafana === true ? {} : options.grafana);
    source = sub.text;
    variables = sub.variables;
  }
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return new Result(
      false,
      located(text, [{ message: `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, start: 0, end: 0 }]),
      undefined,
      undefined,
      variables,
    );
  }
  const parsed = parsePromQL(source, target, options.grafana ? undefined : ahead);
  if (parsed.errors.length > 0 || !parsed.expr)
    return new Result(false, located(text, parsed.errors), parsed.expr, undefined, variables);
  const checked = checkTypes(parsed.expr, source, target);
  if (checked.errors.length > 0)
    return new Result(false, located(text, checked.errors), parsed.expr, undefined, variables);
  return new Result(true, NO_ERRORS, parsed.expr, checked.type, variables);
}

const NO_ERRORS: readonly ExpressionError[] = Object.freeze([]);
const NO_VARIABLES: readonly VariableUse[] = Object.freeze([]);

function located(text: string, errors: readonly PromQLError[]): ExpressionError[] {
  const points = bytePointsAt(
    text,
    errors.map((e) => e.start),
  );
  return errors.map((e, i) => ({ ...e, ...(points[i] as SourcePoint) }));
}

/** A check result whose analysis is computed on first access: most callers only want the verdict. */
class Result implements CheckResult {
  #analysis: Analysis | undefined;

  constructor(
    readonly valid: boolean,
    readonly errors: readonly ExpressionError[],
    readonly expr: Expr | undefined,
    readonly type: ValueType | undefined,
    readonly variables: readonly VariableUse[],
  ) {}

  get analysis(): Analysis | undefined {
    if (!this.expr) return undefined;
    return (this.#analysis ??= analyze(this.expr));
  }

  toJSON(): object {
    return {
      valid: this.valid,
      errors: this.errors,
      expr: this.expr,
      type: this.type,
      analysis: this.analysis,
      variables: this.variables,
    };
  }
}

export { analyze, type Analysis } from './analyze.ts';
export * from './ast.ts';
export {
  substituteVariables,
  isBuiltinVariable,
  variableKindOf,
  type VariableUse,
  type VariableKind,
} from './grafana.ts';
export {
  parseTarget,
  formatTarget,
  lookupFunction,
  functionNames,
  DEFAULT_VERSION,
  LATEST_VERSION,
  OLDEST_VERSION,
  type Target,
  type PromQLFeature,
} from './target.ts';
export { quoteString, unquoteString } from './strings.ts';
export { selectorJob } from './selector-job.ts';
export type { PromQLError } from './parse.ts';
