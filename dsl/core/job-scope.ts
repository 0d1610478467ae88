/**
 * The jobs a selector is scoped to, as one string key that passes unchanged through every lookup:
 * one job, or several joined by NUL (`job=~"api|worker"`). Only the registry index splits it.
 */
export const JOB_SEPARATOR = '\u0000';

export function jobScope(jobs: readonly string[]): string | undefined {
  const unique = [...new Set(jobs)];
  return unique.length ? unique.join(JOB_SEPARATOR) : undefined;
}

export function jobsOf(scope: string): string[] {
  return scope.split(JOB_SEPARATOR);
}
