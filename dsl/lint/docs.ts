/**
 * The check catalogue: every check's id, default severity, one-line summary and documentation page
 * (`docs/checks/<category>/<name>.md`, the source of truth for the prose and the tested examples),
 * and the index page docs/checks/README.md generated from it.
 */
import type { Severity } from '../core/diagnostic.ts';
import type { Check } from './check.ts';
import { CHECKS } from './checks/index.ts';

export interface CatalogueEntry {
  /** `<category>/<name>`. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the check enforces. */
  readonly summary: string;
  /** The check's documentation page, relative to the package root (`docs/checks/<id>.md`). */
  readonly docs: string;
}

/** Where the page of check `id` lives, relative to the package root. */
export function checkDocPath(id: string): string {
  return `docs/checks/${id}.md`;
}

/** Every check, sorted by id. */
export function checkCatalogue(checks: readonly Check[] = CHECKS): CatalogueEntry[] {
  return checks
    .map((c) => ({
      id: c.meta.id,
      severity: c.meta.severity,
      summary: c.meta.description,
      docs: checkDocPath(c.meta.id),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/** docs/checks/README.md: one table row per check, grouped by category, linking each page relatively. */
export function checksIndexMarkdown(checks: readonly Check[] = CHECKS): string {
  const entries = checkCatalogue(checks);
  const categories = [...new Set(entries.map((e) => e.id.split('/')[0] ?? ''))];
  const lines = [
    '# Checks',
    '',
    `Every check of \`obs build\` and \`obs lint\` (${entries.length}), one page each with what it finds, why it`,
    'matters, a failing and a passing example (run by `test/docs/check-examples.test.ts`) and how to',
    'suppress it. `obs lint --list-checks [--format json]` prints this list.',
    '',
    "This index is generated from the checks' metadata (`dsl/lint/checks/**`) by",
    '`npx tsx scripts/gen-check-docs.ts`; the pages themselves are written by hand.',
    '',
    "- Severities change per check in `obs.config.ts`: `lint: { checks: { 'dashboard/descriptions': 'off' } }`",
    '  (`error`, `warning`, `info` or `off`); `lint.failOn` sets the lowest severity that fails the build.',
    '- One finding is suppressed on the definition it belongs to with `suppress: [{ check, reason }]`',
    '  (rules, groups, dashboards, rows, panels, SLOs, routes, receivers, inhibit rules), every finding',
    '  of a file with `export const suppress = fileSuppressions([{ check, reason }])`. The reason is',
    '  mandatory and the build lists every suppressed problem with it.',
    '- Besides these, `obs lint` reports `file/syntax`, `file/format` and `collect/*` problems',
    '  ([lint](../lint.md)).',
    '',
  ];
  for (const cat of categories) {
    lines.push(`## ${cat}`, '', '| check | default severity | what it enforces |', '|---|---|---|');
    for (const e of entries.filter((x) => x.id.startsWith(`${cat}/`))) {
      lines.push(`| [\`${e.id}\`](${e.id}.md) | ${e.severity} | ${escapeCell(e.summary)} |`);
    }
    lines.push('');
  }
  lines.push('[Back to the README](../../README.md)', '');
  return lines.join('\n');
}
