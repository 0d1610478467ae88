/** The checks catalogue (docs/checks.md), generated from the checks' own metadata. */
import type { Check } from './check.ts';

export function checksMarkdown(checks: readonly Check[]): string {
  const sorted = [...checks].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const lines = [
    '# Checks',
    '',
    'Generated from `dsl/lint/checks` by `npx tsx scripts/gen-check-docs.ts`; do not edit.',
    'Severities can be changed per check in `obs.config.ts` (`lint.checks`), and a finding can be',
    'suppressed on one definition with `suppress: [{ check, reason }]` (the reason is mandatory).',
    '',
    '| check | default severity | what it enforces |',
    '|---|---|---|',
    ...sorted.map((c) => `| [\`${c.meta.id}\`](#${c.meta.id.replace(/[^a-z0-9]+/g, '')}) | ${c.meta.severity} | ${c.meta.description} |`),
    '',
  ];
  for (const c of sorted) {
    lines.push(`## ${c.meta.id}`, '', `${c.meta.description}. Default severity: **${c.meta.severity}**.`, '', c.meta.docs.trim(), '');
  }
  return lines.join('\n');
}
