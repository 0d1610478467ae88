/**
 * `--format json`: one stable document (schema documented in the README; `version` changes only
 * when a field is removed or changes meaning, new fields may be added).
 */
import { SEVERITY_RANK, type Diagnostic, type SourceLocation } from '../core/diagnostic.ts';
import { problemCounts, type LintFormatter } from './lint-report.ts';

export const JSON_REPORT_VERSION = 1;

function place(loc: SourceLocation | undefined): Record<string, unknown> | null {
  return loc
    ? {
        file: loc.file,
        line: loc.line,
        column: loc.column,
        ...(loc.endLine !== undefined && loc.endColumn !== undefined
          ? { endLine: loc.endLine, endColumn: loc.endColumn }
          : {}),
      }
    : null;
}

function problem(d: Diagnostic): Record<string, unknown> {
  return {
    checkId: d.checkId,
    ...(d.messageId ? { messageId: d.messageId } : {}),
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    location: place(d.location),
    ...(d.related?.length
      ? { related: d.related.map((r) => ({ message: r.message, location: place(r.location) })) }
      : {}),
  };
}

export const formatJson: LintFormatter = (report) => {
  const failing = report.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[report.failOn]);
  const doc = {
    version: JSON_REPORT_VERSION,
    tool: report.tool,
    target: report.target,
    failOn: report.failOn,
    ok: !failing,
    summary: { files: report.files, problems: problemCounts(report.diagnostics) },
    problems: report.diagnostics.map(problem),
    suppressed: report.suppressed.map((s) => ({
      checkId: s.checkId,
      reason: s.reason,
      problem: problem(s.diagnostic),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};
