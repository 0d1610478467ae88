/**
 * Checked expressions kept between the runs of one session (watch mode, an editor): a rebuild
 * after a save parses only the expressions the previous run did not check. `checkExpression` is a
 * pure function of the text and its options, so an entry can never be wrong, whatever was edited:
 * the key is the whole input. An entry the previous run did not use is dropped when a run starts,
 * so memory stays that of about two runs' expressions.
 */
import { cacheKey, Session } from '../core/session.ts';
import { checkExpression, type CheckOptions, type CheckResult } from '../promql/index.ts';
import type { Target } from '../promql/target.ts';

interface Generations {
  /** The run the `current` generation belongs to (a run cache's identity: new for every run). */
  run: object | undefined;
  current: Map<string, CheckResult>;
  previous: Map<string, CheckResult>;
}

const KEPT = cacheKey<Generations>('lint/expression-memo', () => ({
  run: undefined,
  current: new Map(),
  previous: new Map(),
}));
/** An object made once per run: tells the memo that a new run started. */
const RUN = cacheKey<object>('lint/expression-memo-run', () => ({}));

const targetKeys = new WeakMap<Target, string>();

function targetKey(t: Target): string {
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
  const g = session.keep(KEPT);
  const run = session.cache(RUN);
  if (g.run !== run) {
    g.run = run;
    g.previous = g.current;
    g.current = new Map();
  }
  const key = `${targetKey(target)}\u0000${grafana === undefined ? '' : JSON.stringify(grafana)}\u0000${text}`;
  let r = g.current.get(key);
  if (r === undefined) {
    r = g.previous.get(key) ?? checkExpression(text, options);
    g.current.set(key, r);
  }
  return r;
}
