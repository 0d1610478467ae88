/**
 * Checked expressions kept between the runs of one session (watch mode, an editor): a rebuild
 * after a save parses only the expressions the previous run did not check. `checkExpression` is a
 * pure function of the text and its options, so an entry can never be wrong, whatever was edited:
 * the key is the whole input. An entry the previous run did not use is dropped when a run starts,
 * so memory stays that of about two runs' expressions (see core/run-memo.ts).
 */
import { runMemo, runMemoKey, type RunMemo } from '../core/run-memo.ts';
import { cacheKey, Session } from '../core/session.ts';
import { checkExpression, type CheckOptions, type CheckResult } from '../promql/index.ts';
import type { Target } from '../promql/target.ts';

/**
 * By the expression's text, then by the options' key: [options, result, options, result, ...]
 * (nearly always one pair). The text itself is the key, not a string made of options and text for
 * every call: that string was hashed anew each time (20,000 rules, each expression asked for twice).
 */
type Results = (string | CheckResult)[];

const MEMO = runMemoKey<Results>('lint/expression-memo');

/** The session's memo as the current run sees it, made once per run (not a view per expression). */
const VIEW = cacheKey('lint/expression-memo/view', () => ({}) as { memo?: RunMemo<Results> });

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
  const view = session.cache(VIEW);
  const memo = (view.memo ??= runMemo(session, MEMO));
  const key = grafana === undefined ? targetKey(target) : `${targetKey(target)}\u0000${JSON.stringify(grafana)}`;
  const results = memo.get(text);
  if (results) for (let i = 0; i < results.length; i += 2) if (results[i] === key) return results[i + 1] as CheckResult;
  const r = checkExpression(text, options);
  if (results) results.push(key, r);
  else memo.set(text, [key, r]);
  return r;
}
