import { describe, expect, it } from 'vitest';
import { formatJson, JSON_REPORT_VERSION } from '../../dsl/report/json.ts';
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
