import { describe, it } from 'vitest';
import check from '../../../../dsl/lint/checks/rules/names.ts';
import { alert, record, ruleGroup } from '../../../../dsl/index.ts';
import { expectInvalid, expectValid } from '../../../helpers/check-tester.ts';

describe('rules/names', () => {
  it('accepts valid names', () => {
    expectValid(check, { modules: [ruleGroup({ name: 'g', rules: [
      record({ name: 'job:http_requests:rate5m', expr: 'up', labels: { team: 'a', _private: 'b' } }),
      alert({ name: 'Anything goes: even spaces', expr: 'up == 0', annotations: { runbook_url: 'x' } }),
    ] })] });
  });
  it('rejects names Prometheus rejects', () => {
    expectInvalid(check, { modules: [ruleGroup({ name: '', labels: { 'bad-group-label': 'x' }, rules: [
      record({ name: 'job-http-rate', expr: 'up' }),
      record({ name: 'up{job="x"}', expr: 'up' }),
      alert({ name: '', expr: 'up == 0', labels: { 'team-name': 'a', __name__: 'b' }, annotations: { 'run-book': 'x' } }),
    ] })] }, [
      { messageId: 'emptyGroupName', message: 'a rule group has an empty name', line: 14, column: 38, text: 'ruleGroup' },
      { messageId: 'invalidGroupLabel', message: 'invalid label name "bad-group-label" on group ""', line: 14, column: 38, text: 'ruleGroup' },
      { messageId: 'invalidRecordName', message: 'invalid recording rule name "job-http-rate"', line: 15, column: 7, text: 'record' },
      { messageId: 'invalidRecordName', message: 'invalid recording rule name "up{job=\\"x\\"}"; braces belong in expr', line: 16, column: 7, text: 'record' },
      { messageId: 'emptyAlertName', message: 'an alert has an empty name', line: 17, column: 7, text: 'alert' },
      { messageId: 'invalidAnnotation', message: 'invalid annotation name "run-book"', line: 17, column: 7, text: 'alert' },
      { messageId: 'invalidLabel', message: 'invalid label name "__name__"', line: 17, column: 7, text: 'alert' },
      { messageId: 'invalidLabel', message: 'invalid label name "team-name"', line: 17, column: 7, text: 'alert' },
    ]);
  });
});
