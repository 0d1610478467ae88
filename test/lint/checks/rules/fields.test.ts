import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/fields.ts';
import { alert, record, ruleGroup, type RecordSpec } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('rules/fields', () => {
  it('accepts every field the target version has', () => {
    expectValid(check, { target: '3.0', modules: [ruleGroup({ name: 'g', queryOffset: '1m', labels: { team: 'x' }, rules: [
      alert({ name: 'A', expr: 'up == 0', for: '1m', keepFiringFor: '5m', labels: {}, annotations: {} }),
      record({ name: 'r', expr: 'up', labels: {} }),
    ] })] });
  });
  it('rejects fields the target Prometheus lacks instead of dropping them', () => {
    expectInvalid(check, { target: '2.42', modules: [ruleGroup({ name: 'g', queryOffset: '1m', labels: { team: 'x' }, rules: [record({ name: 'r', expr: 'up' })] })] }, [
      { messageId: 'groupLabels', message: 'sets group labels, which Prometheus 2.42 does not support (needs 3.0)', line: 14, column: 54, text: 'ruleGroup' },
      { messageId: 'queryOffset', message: 'sets queryOffset, which Prometheus 2.42 does not support (needs 2.53)', line: 14, column: 54, text: 'ruleGroup' },
    ]);
  });
  it('rejects alert-only fields on recording rules and unknown fields', () => {
    const sneaky = { name: 'r', expr: 'up', for: '5m', annotations: { a: 'b' } } as unknown as RecordSpec;
    const typo = { name: 'A', expr: 'up == 0', anotations: {} } as unknown as Parameters<typeof alert>[0];
    expectInvalid(check, { modules: [ruleGroup({ name: 'g', rules: [record(sneaky), alert(typo)] })] }, [
      { messageId: 'notForRecording', message: 'recording rule "r": a recording rule cannot have annotations', line: 22, column: 69, text: 'record' },
      { messageId: 'notForRecording', message: 'recording rule "r": a recording rule cannot have for', line: 22, column: 69, text: 'record' },
      { messageId: 'unknownRuleField', message: 'alert "A": unknown field "anotations"', line: 22, column: 85, text: 'alert' },
    ]);
  });
});
