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
  it('is JSON.stringify(document, null, 2) byte for byte, problems and suppressed ones', () => {
    const suppressed = diagnostics.slice(0, 9).map((d, i) => ({ checkId: d.checkId, reason: strings[i % strings.length]!, diagnostic: d }));
    const report = { ...sampleReport(diagnostics), suppressed };
    const text = formatJson(report);
    // The layout is JSON.stringify's of the document the text holds; what the document holds is
    // pinned above (the documented shape) and here (every problem and suppressed one, in order).
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const doc = JSON.parse(text) as { problems: { message: string; location: unknown }[]; suppressed: { reason: string }[] };
    expect(doc.problems.map((p) => p.message)).toEqual(diagnostics.map((d) => d.message));
    expect(doc.problems.map((p) => p.location !== null)).toEqual(diagnostics.map((d) => d.location !== undefined));
    expect(doc.suppressed.map((s) => s.reason)).toEqual(suppressed.map((s) => s.reason));
  });

  it('writes empty lists as JSON.stringify does', () => {
    const report = sampleReport([]);
    expect(formatJson(report)).toBe(
      `${JSON.stringify({ version: JSON_REPORT_VERSION, tool: report.tool, target: report.target, failOn: report.failOn, ok: true, summary: { files: 2, problems: { error: 0, warning: 0, info: 0 } }, problems: [], suppressed: [] }, null, 2)}\n`,
    );
  });
});
