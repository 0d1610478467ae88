import { describe, expect, it } from 'vitest';
import { formatJson, JSON_REPORT_VERSION } from '../../dsl/report/json.ts';
import type { Diagnostic } from '../../dsl/core/diagnostic.ts';
import { sampleReport } from './sample.ts';

describe('json reporter', () => {
  it('has the documented, versioned shape', () => {
    const doc = JSON.parse(formatJson(sampleReport())) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['version', 'tool', 'target', 'failOn', 'ok', 'summary', 'problems', 'suppressed']);
    expect(doc.version).toBe(JSON_REPORT_VERSION);
    expect(doc.ok).toBe(false);
    expect(doc.summary).toEqual({ files: 2, problems: { error: 2, warning: 1, info: 1 } });
    expect((doc.problems as unknown[])[1]).toEqual({
      checkId: 'promql/syntax', severity: 'error', message: 'unknown function with name "bogus" (in alert "ApiErrors")',
      location: { file: 'rules/api.yml', line: 7, column: 15, endLine: 7, endColumn: 20 },
    });
    expect((doc.problems as unknown[])[0]).toMatchObject({ hint: "write durations like '30s', '5m'", subject: 'alert "ApiErrors"' });
    expect((doc.problems as { location: unknown }[])[3]?.location).toBeNull();
  });

  it('is ok when nothing reaches failOn', () => {
    const r = sampleReport();
    const doc = JSON.parse(formatJson({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity !== 'error') })) as { ok: boolean };
    expect(doc.ok).toBe(true);
  });
});

describe('json reporter text', () => {
  // The problems are written in chunks (json-stream.ts itemsText), each cut out of a stringify of its
  // own: the text must be what JSON.stringify(document, null, 2) gives, byte for byte, for every
  // shape of problem, and across chunks (266 problems).
  const strings = ['plain', 'quote " and \\ backslash', 'line\nbreak\ttab\r', 'ü € 😀', 'lone \ud800 half', '', '{{x}}'];
  const diagnostics: Diagnostic[] = [];
  let n = 0;
  for (const s of strings)
    for (const shape of [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1])
      diagnostics.push({
        checkId: `check/${s}`,
        severity: (['error', 'warning', 'info'] as const)[n++ % 3]!,
        message: s,
        ...(shape % 2 ? { messageId: `id ${s}`, data: { subject: s } } : {}),
        ...(shape > 1 ? { hint: s, subject: `alert ${JSON.stringify(s)}` } : {}),
        ...(shape === 0 ? {} : shape === 1 ? { location: { file: s, line: 1, column: 2 } } : { location: { file: `f/${s}`, line: 3, column: 4, endLine: 3, endColumn: 9 } }),
        ...(shape === 3 ? { location: { file: s, line: 5, column: 6, endLine: 7 } } : {}),
        ...(shape === 4 ? { related: [{ message: s }, { message: `${s}!`, location: { file: s, line: 8, column: 1, endLine: 9, endColumn: 2 } }] } : {}),
        ...(shape === 5 ? { related: [] } : {}),
      });
  const place = (l: Diagnostic['location']) =>
    l ? { file: l.file, line: l.line, column: l.column, ...(l.endLine !== undefined && l.endColumn !== undefined ? { endLine: l.endLine, endColumn: l.endColumn } : {}) } : null;
  const problem = (d: Diagnostic) => ({
    checkId: d.checkId,
    ...(d.messageId ? { messageId: d.messageId } : {}),
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    location: place(d.location),
    ...(d.related?.length ? { related: d.related.map((r) => ({ message: r.message, location: place(r.location) })) } : {}),
  });

  it('is JSON.stringify(document, null, 2) byte for byte, problems and suppressed ones', () => {
    const suppressed = diagnostics.slice(0, 9).map((d, i) => ({ checkId: d.checkId, reason: strings[i % strings.length]!, diagnostic: d }));
    const report = { ...sampleReport(diagnostics), suppressed };
    const expected = {
      version: JSON_REPORT_VERSION, tool: report.tool, target: report.target, failOn: report.failOn, ok: false,
      summary: { files: report.files, problems: { error: 89, warning: 89, info: 88 } },
      problems: diagnostics.map(problem),
      suppressed: suppressed.map((s) => ({ checkId: s.checkId, reason: s.reason, problem: problem(s.diagnostic) })),
    };
    expect(formatJson(report)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('writes empty lists as JSON.stringify does', () => {
    const report = sampleReport([]);
    expect(formatJson(report)).toBe(
      `${JSON.stringify({ version: JSON_REPORT_VERSION, tool: report.tool, target: report.target, failOn: report.failOn, ok: true, summary: { files: 2, problems: { error: 0, warning: 0, info: 0 } }, problems: [], suppressed: [] }, null, 2)}\n`,
    );
  });
});
