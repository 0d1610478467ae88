/**
 * `--format json`: one stable document (schema documented in the README; `version` changes only
 * when a field is removed or changes meaning, new fields may be added).
 */
import { SEVERITY_RANK, type Diagnostic, type SourceLocation } from '../core/diagnostic.ts';
import { JsonItems, jsonPieces } from './json-stream.ts';
import { joinPieces, problemCounts, type LintFormatter, type LintWriter } from './lint-report.ts';

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

/** The report's text in pieces, each problem made and written in turn (see json-stream.ts). */
export const writeJson: LintWriter = (report) => {
  const failing = report.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= SEVERITY_RANK[report.failOn]);
  return jsonPieces({
    version: JSON_REPORT_VERSION,
    tool: report.tool,
    target: report.target,
    failOn: report.failOn,
    ok: !failing,
    summary: { files: report.files, problems: problemCounts(report.diagnostics) },
    problems: new JsonItems(report.diagnostics, problem),
    suppressed: new JsonItems(report.suppressed, (s) => ({
      checkId: s.checkId,
      reason: s.reason,
      problem: problem(s.diagnostic),
    })),
  });
};

export const formatJson: LintFormatter = (report) => joinPieces(writeJson(report));
