/** `--format text`: each problem as `file:line:col  severity  check-id`, message, source line with caret, hint; then a count. */
import { SEVERITY_RANK } from '../core/diagnostic.ts';
import { linesFromSources, renderProblems } from './diagnostics.ts';
import { problemCounts, type LintFormatter } from './lint-report.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const formatText: LintFormatter = (report, options = {}) => {
  const lineOf = linesFromSources(report.sources);
  const out = renderProblems(report.diagnostics, lineOf, options.color === true);
  for (const s of report.suppressed) {
    const loc = s.diagnostic.location;
    out.push(`suppressed ${s.checkId}${loc ? ` at ${loc.file}:${loc.line}` : ''}: ${s.reason}`);
  }
  const c = problemCounts(report.diagnostics);
  const failing = report.diagnostics.filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[report.failOn]).length;
  const total = report.diagnostics.length;
  const checked = `${plural(report.files, 'file')} checked for Prometheus ${report.target}`;
  out.push(
    total === 0
      ? `obs lint: no problems; ${checked}`
      : `obs lint: ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info); ${checked}` +
          `${failing ? `; ${failing} at or above ${report.failOn}` : ''}`,
  );
  return `${out.join('\n')}\n`;
};
