/**
 * Results kept between the runs of one session (watch mode, an editor), under a key that holds
 * everything the result was computed from, so an entry is right whatever changed since. An entry
 * the previous run did not use is dropped when a run starts: memory stays that of about two runs.
 */
import { cacheKey, type CacheKey, type Session } from './session.ts';

interface Generations<T> {
  /** The run the `current` generation belongs to (a run cache's identity: new for every run). */
  run: object | undefined;
  current: Map<string, T>;
  previous: Map<string, T>;
}

export interface RunMemo<T> {
  /** The entry under `key`; one that `usable` refuses (it depends on more than the key holds) counts as absent. */
  get(key: string, usable?: (value: T) => boolean): T | undefined;
  set(key: string, value: T): void;
}

/** Names one memo of a session (one per kind of result). */
export interface RunMemoKey<T> {
  readonly kept: CacheKey<Generations<T>>;
  readonly run: CacheKey<object>;
}

export function runMemoKey<T>(name: string): RunMemoKey<T> {
  return {
    kept: cacheKey<Generations<T>>(name, () => ({ run: undefined, current: new Map(), previous: new Map() })),
    run: cacheKey<object>(`${name}/run`, () => ({})),
  };
}

/** The session's memo named by `key`, as the current run sees it. */
export function runMemo<T>(session: Session, key: RunMemoKey<T>): RunMemo<T> {
  const g = session.keep(key.kept);
  const run = session.cache(key.run);
  if (g.run !== run) {
    g.run = run;
    g.previous = g.current;
    g.current = new Map();
  }
  return {
    get: (k, usable) => {
      let v = g.current.get(k);
      if (v === undefined) {
        v = g.previous.get(k);
        if (v !== undefined) g.current.set(k, v);
      }
      return v === undefined || !usable || usable(v) ? v : undefined;
    },
    set: (k, v) => {
      g.current.set(k, v);
    },
  };
}
