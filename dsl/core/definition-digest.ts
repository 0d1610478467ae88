/**
 * The digest of a definition (a rule group, a dashboard entry, a registry, the Alertmanager
 * configuration): a hash of every field, with what JSON would lose spelt out, and the files its
 * call sites name. Results computed from a definition alone (its checks, its emitted files) are
 * kept between the runs of a session under a key made of digests (lint/check-units.ts,
 * emit/index.ts), so they are reused only while every field is what it was.
 *
 * A definition holding a function other than the helpers obs's factories attach, a symbol or a
 * class instance has no digest (it may close over, or hide, anything): what is computed from it
 * is computed again on every run.
 *
 * Each object's digest is computed once per run (a session's run cache, by identity): an object
 * met again inside another definition (a group inside a test, a dashboard a link points to) is
 * written as its digest, so a definition is serialized once however many keys name it.
 */
import { createHash } from 'node:crypto';
import { cacheKey, runCache } from './session.ts';

export interface Digest {
  /** sha256 (hex) of the definition's fields. */
  readonly hash: string;
  /** The `file` of every call site in it (problems about it may be located there). */
  readonly files: ReadonlySet<string>;
}

class NoDigest extends Error {}

/** The helpers obs's factories attach: a promql fragment's `toString`, a registry's `sel` and `series`. */
const FACTORY_METHODS = new Set(['toString', 'sel', 'series']);

/** Digests of this run, by object (null: the object has none). */
const DIGESTS = cacheKey('core/definition-digests', () => new WeakMap<object, Digest | null>());
/** Objects named this run (see `nameObject`). */
const NAMES = cacheKey('core/definition-names', () => new WeakMap<object, string>());

/**
 * Names `value` for the rest of the run: met inside another definition, it is written as its name,
 * not its fields (a link to a project's dashboard: what the link's file says is that dashboard's
 * uid, the name). Call before anything that holds it is digested.
 */
export function nameObject(value: object, name: string): void {
  runCache(NAMES).set(value, name);
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** JSON of `value` with what JSON drops spelt out; nested objects already digested this run written as their digest. */
function definitionJson(
  value: unknown,
  files: Set<string>,
  digests: WeakMap<object, Digest | null>,
  names: WeakMap<object, string>,
): string {
  const top = value;
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    if (typeof v === 'function') {
      // Helpers are no data a check or an emitter reads; any other function may close over anything.
      if (FACTORY_METHODS.has(key)) return `$${key}`;
      throw new NoDigest();
    }
    if (v === undefined) return this !== null && typeof this === 'object' && key in this ? '$undefined' : v;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
      return `$number:${Object.is(v, -0) ? '-0' : v}`;
    if (typeof v === 'bigint') return `$bigint:${v}`;
    if (typeof v === 'symbol') throw new NoDigest();
    if (typeof v === 'string' && v.startsWith('$')) return `$${v}`;
    if (typeof v === 'object' && v !== null && v !== top) {
      const name = names.get(v);
      if (name !== undefined) return `$named:${name}`;
      const known = digests.get(v);
      if (known === null) throw new NoDigest();
      if (known !== undefined) {
        for (const f of known.files) files.add(f);
        return `$digest:${known.hash}`;
      }
    }
    if (v instanceof Map) return { $map: [...v] };
    if (v instanceof Set) return { $set: [...v] };
    if (v instanceof RegExp) return `$regexp:${String(v)}`;
    if (typeof v === 'object' && v !== null) {
      const proto = Object.getPrototypeOf(v) as unknown;
      // A class instance may keep state JSON cannot see (private fields, getters).
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) throw new NoDigest();
      if (Object.getOwnPropertySymbols(v).length) throw new NoDigest();
      const site = v as { file?: unknown; line?: unknown };
      if (typeof site.file === 'string' && typeof site.line === 'number') files.add(site.file);
    }
    return v;
  });
}

/**
 * The digest of `value`; undefined when it has none. In a session, computed once per run for an
 * object; outside any session, every call computes it.
 */
export function definitionDigest(value: unknown): Digest | undefined {
  const digests = runCache(DIGESTS);
  const cached = typeof value === 'object' && value !== null ? digests.get(value) : undefined;
  if (cached !== undefined) return cached ?? undefined;
  let digest: Digest | null;
  try {
    const files = new Set<string>();
    digest = { hash: sha256(definitionJson(value, files, digests, runCache(NAMES))), files };
  } catch (e) {
    // A cycle (two dashboards that link to each other by object) has no JSON: no digest either.
    if (!(e instanceof NoDigest) && !(e instanceof TypeError)) throw e;
    digest = null;
  }
  if (typeof value === 'object' && value !== null) digests.set(value, digest);
  return digest ?? undefined;
}

/** The digest of several values together (each digested on its own, so each is reused); undefined when one has none. */
export function digestOfAll(values: readonly unknown[]): Digest | undefined {
  const h = createHash('sha256');
  const files = new Set<string>();
  for (const v of values) {
    const d = definitionDigest(v);
    if (!d) return undefined;
    h.update(d.hash).update('\u0000');
    for (const f of d.files) files.add(f);
  }
  return { hash: h.digest('hex'), files };
}
