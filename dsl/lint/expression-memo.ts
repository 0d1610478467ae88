/**
 * Checked expressions kept between the runs of one session (watch mode, an editor): a rebuild
 * after a save parses only the expressions the previous run did not check. `checkExpression` is a
 * pure function of the text and its options, so an entry can never be wrong, whatever was edited:
 * the key is the whole input. An entry the previous run did not use is dropped when a run starts,
 * so memory stays that of about two runs' expressions (see core/run-memo.ts).
 */
import { runMemo, runMemoKey } from '../core/run-memo.ts';
import { Session } from '../core/session.ts';
import { checkExpression, type CheckOptions, type CheckResult } from '../promql/index.ts';
import type { Target } from '../promql/target.ts';
import { checkWithParseWorker, parallelParseApplies } from './parallel-parse.ts';

const MEMO = runMemoKey<CheckResult>('lint/expression-memo');

const targetKeys = new WeakMap<Target, string>();

/** A target as a key: its version and features. */
export function targetKey(t: Target): string {
  let k = targetKeys.get(t);
  if (k === undefined) targetKeys.set(t, (k = `${t.major}.${t.minor}|${[...t.features].sort().join(',')}`));
  return k;
}

/**
 * `checkExpression(text, { target, grafana })`, from the session's memo when a session is current
 * (outside any session, computed).
 */
export function checkedExpression(text: string, target: Target, grafana?: CheckOptions['grafana']): CheckResult {
  const session = Session.current();
  const options: CheckOptions = grafana === undefined ? { target } : { target, grafana };
  if (!session) return checkExpression(text, options);
  const memo = runMemo(session, MEMO);
  const key = memoKey(target, grafana, text);
  let r = memo.get(key);
  if (r === undefined) memo.set(key, (r = checkExpression(text, options)));
  return r;
}

function memoKey(target: Target, grafana: CheckOptions['grafana'], text: string): string {
  return `${targetKey(target)}\u0000${grafana === undefined ? '' : JSON.stringify(grafana)}\u0000${text}`;
}

/**
 * Checks ahead, with a parse worker when there is enough text (`parallel-parse.ts`), the
 * expressions of `texts` the session's memo lacks, so that `checkedExpression` then finds them
 * there. Outside a session, or for less text, nothing is done here: they are checked when asked for.
 */
export function precheckExpressions(texts: readonly string[], target: Target): void {
  const session = Session.current();
  // All of `texts` bound the distinct ones the memo lacks: most runs stop here, before a key is made.
  if (!session || !parallelParseApplies(texts)) return;
  const memo = runMemo(session, MEMO);
  const missing = new Map<string, string>();
  for (const text of texts) {
    const key = memoKey(target, undefined, text);
    if (!missing.has(key) && memo.get(key) === undefined) missing.set(key, text);
  }
  const list = [...missing.values()];
  if (!parallelParseApplies(list)) return;
  const results = checkWithParseWorker(list, target);
  let i = 0;
  for (const key of missing.keys()) memo.set(key, results[i++] as CheckResult);
}
