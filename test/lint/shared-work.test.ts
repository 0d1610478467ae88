/**
 * Work a lint run shares between rules (issue 19, speed): rules with the same expression text share
 * one parse, selectors with the same metric and matchers one label flow, a series' registry entry is
 * looked up once. Sharing must never merge or move what is reported: each rule keeps its own
 * problems at its own place, and what a recorded series carries is the same whichever query asks first.
 */
import { describe, expect, it } from 'vitest';
import grouping from '../../dsl/lint/checks/promql/grouping-labels.ts';
import unknownLabel from '../../dsl/lint/checks/registry/unknown-label.ts';
import { record, ruleGroup, alert } from '../../dsl/index.ts';
import { CHECKS } from '../../dsl/lint/checks/index.ts';
import { runChecks } from '../../dsl/lint/engine.ts';
import { Session } from '../../dsl/core/session.ts';
import type { ParseCache } from '../../dsl/lint/context.ts';
import { mustParseTarget } from '../../dsl/promql/target.ts';
import { caseProject, expectInvalid } from '../helpers/check-tester.ts';
import { REGISTRIES } from '../helpers/test-registry.ts';

describe('work shared between rules of one lint run', () => {
  it('parses an expression text once for every rule that has it', () => {
    const same = 'sum by (job) (rate(http_requests_total[5m]))';
    const rules = [
      record({ name: 'a', expr: same }),
      record({ name: 'b', expr: same }),
      alert({ name: 'C', expr: `${same} > 1` }),
    ];
    const cache: ParseCache = new Map();
    const project = caseProject({ modules: [ruleGroup({ name: 'g', rules })] });
    // Parses are shared by text through the session's memo: every lint runs in a session (obs lint of plain files too).
    const session = new Session('/tmp');
    session.beginRun();
    session.run(() => runChecks(project, CHECKS, { target: mustParseTarget('2.42'), policy: { requiredAlertLabels: {}, requiredAnnotations: [] } }, undefined, { cache }));
    const [a, b, c] = rules.map((r) => cache.get(r));
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('reports a shared expression at each rule that has it', () => {
    expectInvalid(grouping, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'a', expr: 'sum by (instnace) (rate(http_requests_total[5m]))' }),
      record({ name: 'b', expr: 'sum by (instnace) (rate(http_requests_total[5m]))' }),
    ] })] }, [
      { messageId: 'grouping', message: 'sum by (instnace): the input never has a "instnace" label (in recording rule "a")', line: 41, column: 38, endColumn: 51, text: 'by (instnace)' },
      { messageId: 'grouping', message: 'sum by (instnace): the input never has a "instnace" label (in recording rule "b")', line: 42, column: 38, endColumn: 51, text: 'by (instnace)' },
    ]);
  });

  it('reads what a recorded series carries the same before and after its labels are worked out', () => {
    // The alert reads `job:x` with the same matchers before (first alert) and after (second) the
    // recording rules' own flows were computed: both see the labels `job:x` keeps.
    const rules = [
      alert({ name: 'Early', expr: 'sum by (handler) (job:x{job="a"}) > 1' }),
      record({ name: 'job:x', expr: 'sum by (job, code) (job:y)' }),
      record({ name: 'job:y', expr: 'sum by (job, code, handler) (rate(http_requests_total[5m]))' }),
      alert({ name: 'Late', expr: 'sum by (handler) (job:x{job="a"}) > 1' }),
    ];
    expectInvalid(grouping, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules })] }, [
      { messageId: 'grouping', message: 'sum by (handler): the input never has a "handler" label (in alert "Early")', line: 53, column: 41, endColumn: 53, text: 'by (handler)' },
      { messageId: 'grouping', message: 'sum by (handler): the input never has a "handler" label (in alert "Late")', line: 56, column: 40, endColumn: 52, text: 'by (handler)' },
    ]);
    // A label the registry does not list, read twice through one selector: reported twice.
    expectInvalid(unknownLabel, { registries: REGISTRIES, modules: [ruleGroup({ name: 'g', rules: [
      alert({ name: 'A', expr: 'rate(http_requests_total{rotue="x"}[5m]) > 1' }),
      alert({ name: 'B', expr: 'rate(http_requests_total{rotue="x"}[5m]) > 2' }),
    ] })] }, [/rotue/, /rotue/]);
  });
});
