/**
 * Registry dependencies per unit (issue 18, the watch rebuild): a session keeps each rule group's
 * check results with what its checks read of the registries, so a save that changes one metric
 * checks again only the groups that read it (directly, through a recording rule, or by asking for
 * a "did you mean" suggestion, which ranks every name); the results stay those of a fresh run.
 */
import { describe, expect, it } from 'vitest';
import { alert, record, ruleGroup } from '../../dsl/index.ts';
import { Session } from '../../dsl/core/session.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { runChecks, type LintResult, type UnitResult } from '../../dsl/lint/engine.ts';
import type { LintOptions } from '../../dsl/lint/check.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { counter, gauge, histogram, registry } from '../../dsl/registry/index.ts';
import { caseProject } from '../helpers/check-tester.ts';
import { recordingRuleEntries } from '../../dsl/lint/context.ts';
import { registryView } from '../../dsl/lint/registry-view.ts';
import { trackedRegistry } from '../../dsl/lint/registry-reads.ts';

const labels = { severity: 'page' };
const project = caseProject({
  modules: {
    'alerts/a.ts': [ruleGroup({ name: 'a', rules: [alert({ name: 'A', expr: 'sum(rate(a_total[5m])) > 1', labels })] })],
    'alerts/b.ts': [ruleGroup({ name: 'b', rules: [alert({ name: 'B', expr: 'sum(rate(b_total[5m])) > 1', labels })] })],
    'recording/r.ts': [ruleGroup({ name: 'r', rules: [record({ name: 'job:a:rate5m', expr: 'sum by (job) (rate(a_total[5m]))' })] })],
    'alerts/c.ts': [ruleGroup({ name: 'c', rules: [alert({ name: 'C', expr: 'job:a:rate5m > 1', labels })] })],
    'alerts/d.ts': [ruleGroup({ name: 'd', rules: [alert({ name: 'D', expr: 'sum(rate(b_totl[5m])) > 1', labels })] })],
    'alerts/h.ts': [ruleGroup({ name: 'h', rules: [alert({ name: 'H', expr: 'histogram_quantile(0.9, sum by (le) (rate(lat_seconds_bucket[5m]))) > 1', labels })] })],
  },
});

const shop = (a: 'counter' | 'gauge', latencyLabels: string[] = [], typo = false) =>
  registry({
    name: 'shop',
    metrics: {
      ...(typo ? { b_totl: counter({ help: 'B.', labels: [] }) } : {}),
      a_total: a === 'counter' ? counter({ help: 'A.', labels: [] }) : gauge({ help: 'A.', labels: [] }),
      b_total: counter({ help: 'B.', labels: [] }),
      lat_seconds: histogram({ help: 'Latency.', labels: latencyLabels }),
    },
  });

const options = (registries: LintOptions['registry']): LintOptions => ({
  target: mustParseTarget('2.42'),
  policy: { requiredAlertLabels: {}, requiredAnnotations: [] },
  ...(registries ? { registry: registries } : {}),
});

/** A session's memo of unit results that counts the units checked (stored) in a run. */
function countingMemo() {
  const kept = new Map<string, UnitResult>();
  let stored: string[] = [];
  return {
    memo: {
      get: (k: string, usable?: (v: UnitResult) => boolean) => {
        const v = kept.get(k);
        return v && (!usable || usable(v)) ? v : undefined;
      },
      set: (k: string, v: UnitResult) => (kept.set(k, v), stored.push(k)) },
    /** How many units were checked (and kept) since the last call. */
    take(): number {
      const n = stored.length;
      stored = [];
      return n;
    },
  };
}

const text = (r: LintResult): string[] => r.diagnostics.map((d) => `${d.checkId} ${d.message}`).sort();

describe('registry dependencies per unit', () => {
  it('checks again only the groups that read a changed metric, and gives what a fresh run gives', () => {
    const session = new Session(process.cwd());
    const { memo, take } = countingMemo();
    const run = (reg: ReturnType<typeof shop>): LintResult => {
      session.beginRun();
      return session.run(() => runChecks(project, CHECKS, options({ registries: [reg] }), undefined, { units: memo }));
    };
    const fresh = (reg: ReturnType<typeof shop>): string[] =>
      text(runChecks(project, CHECKS, options({ registries: [reg] })));

    expect(text(run(shop('counter')))).toEqual(fresh(shop('counter')));
    expect(take()).toBe(6);
    // Nothing changed (new objects, same fields): every group is reused.
    expect(text(run(shop('counter')))).toEqual(fresh(shop('counter')));
    expect(take()).toBe(0);
    // a_total becomes a gauge: a reads it, r records from it, c reads what r records; b, d (an
    // unknown b_totl: the suggestion is the project-wide unknown-metric check's) and h do not.
    const gaugeRun = run(shop('gauge'));
    expect(text(gaugeRun)).toEqual(fresh(shop('gauge')));
    expect(text(gaugeRun)).not.toEqual(fresh(shop('counter')));
    expect(take()).toBe(3);
    // A histogram's labels: h reads lat_seconds_bucket, which belongs to lat_seconds.
    expect(text(run(shop('gauge', ['handler'])))).toEqual(fresh(shop('gauge', ['handler'])));
    expect(take()).toBe(1);
    // A metric d looks up comes into being: d is checked again.
    const withTypo = shop('gauge', ['handler'], true);
    expect(text(run(withTypo))).toEqual(fresh(withTypo));
    expect(take()).toBe(1);
  });

  it('notes the series a recorded series is made from, and whole reads', () => {
    const rules = project.modules.flatMap((m) => m.groups.flatMap((g) => g.rules.map((rule) => ({ group: g, rule, module: m.module }))));
    const recording = recordingRuleEntries(rules.filter((e) => e.rule.kind === 'record') as never, mustParseTarget('2.42'), new Map());
    const view = registryView({ registries: [shop('counter')] }, recording);
    const t = trackedRegistry(view);
    t.view.typeOf('job:a:rate5m');
    expect(t.reads()).toEqual({ names: new Set(['job:a:rate5m', 'a_total']), whole: false });
    t.view.index.lookup('b_total');
    expect([...t.reads().names]).toContain('b_total');
    t.view.suggest('b_totl');
    expect(t.reads().whole).toBe(true);
    const u = trackedRegistry(view);
    void u.view.index.registries;
    expect(u.reads().whole).toBe(true);
  });
});
