/** The job a selector names with `job="..."`: registries listing it answer for its series. */
export function selectorJob(s: { readonly matchers: readonly { readonly name: string; readonly op: string; readonly value: string }[] }): string | undefined {
  return s.matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
}
