/**
 * `--format json`: one stable document (schema documented in the README; `version` changes only
 * when a field is removed or changes meaning, new fields may be added).
 */
import { SEVERITY_RANK, type Diagnostic, type SourceLocation } from '../core/diagnostic.ts';
import { jsonArrayText, JsonItems, JsonObjectText, jsonPieces } from './json-stream.ts';
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

const str = JSON.stringify as (v: unknown) => string | undefined;

/** `JSON.stringify(place(loc), null, 2)` at indentation `pad`, without the object. */
function placeText(loc: SourceLocation | undefined, pad: string): string {
  if (!loc) return 'null';
  const o = new JsonObjectText(pad).field('"file"', str(loc.file)).field('"line"', str(loc.line));
  o.field('"column"', str(loc.column));
  if (loc.endLine !== undefined && loc.endColumn !== undefined)
    o.field('"endLine"', str(loc.endLine)).field('"endColumn"', str(loc.endColumn));
  return o.text;
}

/**
 * `JSON.stringify(problem(d), null, 2)` at indentation `pad`: a report's problems written without
 * an object per problem and a second pass to indent its text (test/report/json.test.ts compares them).
 */
function problemText(d: Diagnostic, pad: string): string {
  const o = new JsonObjectText(pad).field('"checkId"', str(d.checkId));
  if (d.messageId) o.field('"messageId"', str(d.messageId));
  o.field('"severity"', str(d.severity)).field('"message"', str(d.message));
  if (d.hint) o.field('"hint"', str(d.hint));
  if (d.subject) o.field('"subject"', str(d.subject));
  o.field('"location"', placeText(d.location, `${pad}  `));
  if (d.related?.length) {
    const inner = `${pad}    `;
    const items = d.related.map(
      (r) =>
        new JsonObjectText(inner)
          .field('"message"', str(r.message))
          .field('"location"', placeText(r.location, `${inner}  `)).text,
    );
    o.field('"related"', jsonArrayText(items, `${pad}  `));
  }
  return o.text;
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
    problems: new JsonItems(report.diagnostics, problem, problemText),
    suppressed: new JsonItems(
      report.suppressed,
      (s) => ({ checkId: s.checkId, reason: s.reason, problem: problem(s.diagnostic) }),
      (s, pad) =>
        new JsonObjectText(pad)
          .field('"checkId"', str(s.checkId))
          .field('"reason"', str(s.reason))
          .field('"problem"', problemText(s.diagnostic, `${pad}  `)).text,
    ),
  });
};

export const formatJson: LintFormatter = (report) => joinPieces(writeJson(report));
