import { describe, expect, it } from 'vitest';
import check from '../../../../dsl/lint/checks/slo/untested.ts';
import { slo } from '../../../../dsl/index.ts';
import { slosOf } from '../../../../dsl/collect/slos.ts';
import type { Project } from '../../../../dsl/collect/project.ts';
import { runChecks } from '../../../../dsl/lint/engine.ts';
import { mustParseTarget } from '../../../../dsl/promql/target.ts';
import type { Slo } from '../../../../dsl/slo/index.ts';

function lintSlos(...slos: Slo[]) {
  const project: Project = { root: process.cwd(), modules: [], diagnostics: [], slos: slosOf('slos/test.ts', Object.fromEntries(slos.map((s, i) => [`s${i}`, s]))).entries };
  return runChecks(project, [check], { target: mustParseTarget('2.42'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] } });
}

const base = { service: 'api', objective: 99.9 } as const;

describe('slo/untested', () => {
  it('is quiet when tests are generated (one counter per expression, classic histogram)', () => {
    const r = lintSlos(
      slo({ ...base, name: 'availability', sli: { ratio: { bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } } }),
      slo({ ...base, name: 'latency', sli: { latency: { histogram: 'http_request_duration_seconds', threshold: 0.25 } } }),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('warns at the slo(...) when no test could be generated, and says why', () => {
    const r = lintSlos(slo({ ...base, name: 'availability', sli: { latency: { histogram: 'http_request_duration_seconds', threshold: 0.25, native: true } } }));
    expect(r.diagnostics.map((d) => [d.checkId, d.severity, d.message.split(':')[0]])).toEqual([['slo/untested', 'warning', 'slo "api/availability"']]);
    expect(r.diagnostics[0]?.location?.file).toBe('test/lint/checks/slo/untested.test.ts');
  });

  it('can be suppressed on the SLO, with the reason listed', () => {
    const r = lintSlos(slo({
      ...base, name: 'availability', sli: { latency: { histogram: 'http_request_duration_seconds', threshold: 0.25, native: true } },
      suppress: [{ check: 'slo/untested', reason: 'tested by hand in alerts/api.ts' }],
    }));
    expect(r.diagnostics).toEqual([]);
    expect(r.suppressed.map((s) => [s.checkId, s.reason])).toEqual([['slo/untested', 'tested by hand in alerts/api.ts']]);
  });
});
