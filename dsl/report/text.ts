/** `--format text`: each problem as `file:line:col  severity  check-id`, message, source line with caret, hint; then a count. */
import { SEVERITY_RANK } from '../core/diagnostic.ts';
import { linesFromSources, problemBlocks } from './diagnostics.ts';
import { joinPieces, problemCounts, type LintFormatter, type LintWriter } from './lint-report.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The report's lines, each with its newline, made as they are written. */
export const writeText: LintWriter = function* (report, options = {}) {
  const lineOf = linesFromSources(report.sources);
  for (const block of problemBlocks(report.diagnostics, lineOf, options.color === true)) yield `${block.join('\n')}\n`;
  for (const s of report.suppressed) {
    const loc = s.diagnostic.location;
    yield `suppressed ${s.checkId}${loc ? ` at ${loc.file}:${loc.line}` : ''}: ${s.reason}\n`;
  }
  const c = problemCounts(report.diagnostics);
  const failing = report.diagnostics.filter((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[report.failOn]).length;
  const total = report.diagnostics.length;
  const checked = `${plural(report.files, 'file')} checked for Prometheus ${report.target}`;
  yield total === 0
    ? `obs lint: no problems; ${checked}\n`
    : `obs lint: ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info); ${checked}` +
      `${failing ? `; ${failing} at or above ${report.failOn}` : ''}\n`;
};

export const formatText: LintFormatter = (report, options) => joinPieces(writeText(report, options));
