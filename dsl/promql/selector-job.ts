import { jobScope } from '../core/job-scope.ts';
import { literalOf } from './regex.ts';

type Selector = {
  readonly matchers: readonly { readonly name: string; readonly op: string; readonly value: string }[];
};

/** The alternatives of a regex's top level (`a|b\|c` → `a`, `b\|c`); escapes kept. */
function alternatives(re: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < re.length; i++) {
    if (re[i] === '\\') i++;
    else if (re[i] === '|') {
      out.push(re.slice(start, i));
      start = i + 1;
    }
  }
  out.push(re.slice(start));
  return out;
}

/**
 * The jobs a selector names, as a job scope (see core/job-scope.ts): `job="api"`, or `job=~"api|worker"`
 * when every alternative is a plain value. Registries listing one of them answer for its series.
 * A pattern or a variable (`job=~"$job"`) names no job: the merged view applies.
 */
export function selectorJob(s: Selector): string | undefined {
  const eq = s.matchers.find((m) => m.name === 'job' && m.op === '=');
  if (eq) return eq.value;
  const re = s.matchers.find((m) => m.name === 'job' && m.op === '=~');
  if (!re) return undefined;
  const jobs = alternatives(re.value).map(literalOf);
  return jobs.every((j): j is string => j !== undefined && j !== '') ? jobScope(jobs) : undefined;
}
