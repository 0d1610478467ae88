/**
 * Suppressions obs writes into what it generates (an SLO's error-budget dashboard has no job or
 * instance variable, by design). The build lists every suppression an author wrote, with its
 * reason, so reviewers see what was silenced; obs's own are no author's decision and would only
 * repeat the same line for every SLO, so they are not listed. Kept by identity, so an author
 * cannot mark one of theirs as obs's.
 */
const generated = new WeakSet<object>();

export function generatedSuppression<S extends { readonly check: string; readonly reason: string }>(s: S): S {
  generated.add(s);
  return s;
}

export function isGeneratedSuppression(s: object): boolean {
  return generated.has(s);
}
