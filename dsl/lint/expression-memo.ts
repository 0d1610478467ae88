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
  const key = `${targetKey(target)}\u0000${grafana === undefined ? '' : JSON.stringify(grafana)}\u0000${text}`;
  let r = memo.get(key);
  if (r === undefined) memo.set(key, (r = checkExpression(text, options)));
  return r;
}
